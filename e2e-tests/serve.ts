/*
 * Starts the example backend, which serves the built app, on port 7007 with
 * SQLite in a temporary folder, a copy of examples/ and a fast audit schedule.
 * Playwright runs it as its web server and stops it after the tests.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2eDir, repoRoot } from './paths';

rmSync(e2eDir, { recursive: true, force: true });
mkdirSync(e2eDir, { recursive: true });
cpSync(join(repoRoot, 'examples'), join(e2eDir, 'examples'), { recursive: true });

const config = {
  app: { baseUrl: 'http://localhost:7007' },
  backend: {
    baseUrl: 'http://localhost:7007',
    listen: { port: 7007 },
    cors: { origin: 'http://localhost:7007' },
    database: { client: 'better-sqlite3', connection: { directory: join(e2eDir, 'sqlite') } },
  },
  catalog: {
    locations: [
      { type: 'file', target: join(e2eDir, 'examples', 'entities.yaml') },
      { type: 'file', target: join(e2eDir, 'examples', 'org.yaml') },
    ],
  },
  readiness: {
    localRoots: [join(e2eDir, 'examples', 'repos')],
    // Config files merge key by key: minutes: 0 clears app-config.yaml's 30 minutes
    // (without it the cadence was 30 min 15 s, so a catalog still loading at the first
    // run left the tests without the rest of the scorecards).
    schedule: { frequency: { minutes: 0, seconds: 15 }, timeout: { minutes: 2 }, initialDelay: { seconds: 2 } },
  },
};
const configFile = join(e2eDir, 'app-config.e2e.json');
writeFileSync(configFile, JSON.stringify(config, null, 2));

const backend = spawn(
  'yarn',
  ['workspace', 'backend', 'start', '--config', join(repoRoot, 'app-config.yaml'), '--config', configFile],
  // Same process group: Playwright stops the whole group after the tests.
  { cwd: repoRoot, stdio: 'inherit' },
);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    backend.kill(signal);
    process.exit(0);
  });
}
backend.on('exit', code => process.exit(code ?? 1));
