/**
 * The unchanged re-audit's floors: the least work any re-audit of local
 * folders that notices every changed file must do, timed alone, to tell how
 * far the backend's unchanged run is from it and what speed-up over the full
 * audit the machine allows at all.
 *
 * - listing: the audit workers' own check of each entity (locate its folder,
 *   list it, compare the fingerprint with the stored one) through the
 *   plugin's AuditWorkerPool, as many threads and as many at once as the
 *   plugin, without the catalog, the database or the run's bookkeeping;
 * - stats: one lstat per file and folder the listings found, and nothing
 *   else (no folder read, no hash), in as many threads: the floor of any
 *   check by file times, even one that kept every listing to skip reading
 *   folders.
 */
import { AuditWorkerPool } from '@prodready/plugin-readiness-node';
import { Knex } from 'knex';
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { GeneratedCatalog } from './repos';

export interface FloorFigures {
  /** The workers' unchanged check of every entity, alone. */
  listingMs: number;
  /** One lstat per listed file and folder, alone. */
  statMs: number;
  /** Files and folders stat'ed. */
  stats: number;
}

// The stat floor's thread: lists its folders first (untimed), then, told to
// go, lstats every path it found.
const STAT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const paths = [];
const walk = dir => {
  paths.push(dir);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git' || e.name === 'node_modules') continue;
    const p = dir + '/' + e.name;
    if (e.isDirectory()) walk(p);
    else paths.push(p);
  }
};
for (const root of workerData) walk(root);
parentPort.postMessage(paths.length);
parentPort.once('message', () => {
  for (const p of paths) fs.lstatSync(p, { throwIfNoEntry: false });
  parentPort.postMessage(-1);
});
`;

async function statFloor(folders: string[], threads: number): Promise<{ ms: number; stats: number }> {
  const shares = Array.from({ length: threads }, (_, i) => folders.filter((_f, j) => j % threads === i));
  const workers = shares.map(share => new Worker(STAT_WORKER, { eval: true, workerData: share }));
  try {
    const counts = await Promise.all(workers.map(w => new Promise<number>(r => w.once('message', r))));
    const started = performance.now();
    const done = workers.map(w => new Promise(r => w.once('message', r)));
    for (const w of workers) w.postMessage('go');
    await Promise.all(done);
    return { ms: performance.now() - started, stats: counts.reduce((a, b) => a + b, 0) };
  } finally {
    await Promise.all(workers.map(w => w.terminate()));
  }
}

async function listingFloor(options: {
  catalog: GeneratedCatalog;
  db: Knex;
  threads: number;
  concurrency: number;
}): Promise<number> {
  const { catalog, threads, concurrency } = options;
  // The fingerprints the unchanged run compared with, as the plugin stores them.
  const rows: { entity_ref: string; source_etag: string | null }[] = await options.db('readiness_scorecards').select(
    'entity_ref',
    'source_etag',
  );
  const fingerprints = new Map(rows.map(r => [r.entity_ref, (r.source_etag ?? '').split(/:(.*)/s)[1]]));
  const allowedRoots = [fs.realpathSync(catalog.reposDir)];
  const pool = new AuditWorkerPool({ size: threads, config: { localRoots: allowedRoots }, auditTimeoutMs: 60_000 });
  try {
    // Start the threads first: their start is not part of the check.
    const warm = catalog.entities.slice(0, threads).map(e => check(e));
    await Promise.all(warm);
    const started = performance.now();
    let next = 0;
    const lane = async () => {
      while (next < catalog.entities.length) await check(catalog.entities[next++]);
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return performance.now() - started;
  } finally {
    await pool.close();
  }

  async function check(e: GeneratedCatalog['entities'][number]) {
    const result = await pool.auditFolder({
      folder: e.repoDir,
      allowedRoots,
      unlessFingerprint: fingerprints.get(e.ref),
      entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: e.name } },
    });
    if (result !== 'unchanged') throw new Error(`The listing floor found ${e.ref} changed: it must run right after an unchanged re-audit`);
  }
}

/** Both floors, right after an unchanged re-audit (whose stored fingerprints the listing floor compares with). */
export async function measureFloors(options: {
  catalog: GeneratedCatalog;
  db: Knex;
  threads: number;
  concurrency: number;
}): Promise<FloorFigures> {
  const listingMs = await listingFloor(options);
  const { ms: statMs, stats } = await statFloor(
    options.catalog.entities.map(e => e.repoDir),
    options.threads,
  );
  return { listingMs, statMs, stats };
}
