import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The package folder and its bin. */
// Test helper, run from src/ only: __dirname is this source folder.
// eslint-disable-next-line no-restricted-syntax
export const PACKAGE_DIR = resolve(__dirname, '..');
export const BIN = join(PACKAGE_DIR, 'bin', 'readiness');
export const REPO_ROOT = resolve(PACKAGE_DIR, '../..');
export const EXAMPLES = join(REPO_ROOT, 'examples', 'repos');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs the CLI as a child process, as a user or CI job would: `node bin/readiness`.
 * Colour variables are cleared unless `env` sets them.
 */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  delete env.GITHUB_STEP_SUMMARY;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? PACKAGE_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', d => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', d => (stderr += d));
    child.on('error', reject);
    child.on('close', code =>
      resolvePromise({ code, stdout, stderr, ms: performance.now() - started }),
    );
  });
}

/** Writes a tree of files under `root`: string content, Buffer, or `{ symlink }`. */
export async function writeTree(
  root: string,
  files: Record<string, string | Buffer | { symlink: string }>,
): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    await fs.mkdir(dirname(abs), { recursive: true });
    if (typeof content === 'object' && !Buffer.isBuffer(content)) {
      await fs.symlink(content.symlink, abs);
    } else {
      await fs.writeFile(abs, content);
    }
  }
}

/** A fresh temporary folder. */
export function makeTempDir(prefix = 'readiness-cli-'): Promise<string> {
  return fs.mkdtemp(join(tmpdir(), prefix));
}
