/**
 * Catalog ingestion in a process of its own. Ingesting one file of 10,000
 * entities peaks at about 1 GiB in the backend that does it, and V8 keeps
 * those pages resident afterwards; an installation's catalog is already in
 * its database when an audit runs. So the bench ingests with a catalog-only
 * backend in a child process, on the same databases, and the measured
 * backend starts over the ingested catalog. The child's peak is reported.
 */
import { spawn } from 'node:child_process';
import { startBenchBackend, waitForCatalog } from './backend';
import { sampleRss } from './instrument';
import type { DatabaseKind } from './args';

export interface IngestOptions {
  db: DatabaseKind;
  dataDir: string;
  catalogFile: string;
  reposDir: string;
  prefix: string;
  n: number;
  timeoutMs: number;
}

export interface IngestResult {
  ingestMs: number;
  peakRssBytes: number;
}

const PROGRESS = /^progress (\d+)$/;

/** Ingests the catalog in a child process and returns when it has all N components. */
export function ingestInChildProcess(options: IngestOptions, onProgress: (seen: number) => void): Promise<IngestResult> {
  return new Promise((resolve, reject) => {
    // The same Node.js flags (the TypeScript loader) as this process.
    const child = spawn(process.execPath, [...process.execArgv, __filename], {
      env: { ...process.env, BENCH_INGEST: JSON.stringify(options) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', chunk => (out += chunk));
    child.stderr.on('data', chunk => {
      for (const line of String(chunk).split('\n')) {
        const m = PROGRESS.exec(line);
        if (m) onProgress(Number(m[1]));
        else if (line) err = `${err}${line}\n`.slice(-4000);
      }
    });
    child.on('error', reject);
    child.on('exit', code => {
      if (code === 0) resolve(JSON.parse(out) as IngestResult);
      else reject(new Error(`The catalog ingestion process stopped with code ${code}: ${err}`));
    });
  });
}

async function main() {
  const o = JSON.parse(process.env.BENCH_INGEST!) as IngestOptions;
  const sampler = sampleRss(50);
  const backend = await startBenchBackend({
    db: o.db,
    dataDir: o.dataDir,
    catalogFile: o.catalogFile,
    reposDir: o.reposDir,
    prefix: o.prefix,
    concurrency: 1,
    techInsights: false,
    catalogOnly: true,
  });
  const ingestMs = await waitForCatalog(backend.baseUrl, 'component', o.n, o.timeoutMs, seen =>
    process.stderr.write(`progress ${seen}\n`),
  );
  const result: IngestResult = { ingestMs, peakRssBytes: sampler.stop() };
  await backend.stop({ keepDatabases: true });
  process.stdout.write(JSON.stringify(result));
  process.exit(0);
}

if (require.main === module) {
  main().catch(error => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
}
