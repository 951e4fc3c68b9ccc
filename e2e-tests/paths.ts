import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root. */
export const repoRoot = resolve(__dirname, '..');

/**
 * Where the e2e backend keeps its database and its copy of examples/; the
 * tests change files there. Fixed, so the server script and the test workers
 * agree on it.
 */
export const e2eDir = join(tmpdir(), 'readiness-e2e');

export const baseURL = 'http://localhost:7007';
