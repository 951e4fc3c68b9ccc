/**
 * `yarn bench`: audit throughput, incremental re-audit, API latency, Tech
 * Insights side by side, and the CLI. See README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import knexFactory from 'knex';
import { BenchOptions, DatabaseKind, parseArgs, USAGE } from './args';
import { dropBenchDatabases, newDatabasePrefix, pgConnection } from './backend';
import { ingestInChildProcess } from './ingest';
import { cliSection } from './cli';
import { benchStarted, log } from './log';
import { machineInfo } from './machine';
import { measureInChildProcess, MeasuredSpec } from './measured';
import { BenchResults, GenerationInfo, MeasuredRun, renderReport, RunResult } from './report';
import { GeneratedCatalog, generateCatalog, readTemplates } from './repos';
import { median } from './stats';

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).workspaces) return dir;
    if (dirname(dir) === dir) throw new Error('Not inside the monorepo');
  }
}

/** How the reports show a --cli-bin path (a path of this machine). */
const CLI_BIN_SHOWN = '<pack-smoke app>/node_modules/.bin/readiness';

async function versions(useSqlite: boolean, usePg: boolean) {
  const out: { sqlite?: string; postgres?: string; postgresAutovacuum?: boolean } = {};
  if (useSqlite) {
    const k = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    out.sqlite = (await k.raw('select sqlite_version() as v'))[0].v;
    await k.destroy();
  }
  if (usePg) {
    const k = knexFactory({ client: 'pg', connection: { ...pgConnection(), database: 'postgres' } });
    try {
      out.postgres = (await k.raw('show server_version')).rows[0].server_version;
      out.postgresAutovacuum = (await k.raw('show autovacuum')).rows[0].autovacuum === 'on';
    } finally {
      await k.destroy();
    }
  }
  return out;
}

/**
 * Ingests the catalog (its `file:` or its GitHub twin) into fresh databases in
 * a process of its own, then measures a backend over it in another.
 */
async function ingestAndMeasure(spec: {
  options: BenchOptions;
  db: DatabaseKind;
  catalog: GeneratedCatalog;
  root: string;
  sources: MeasuredSpec['sources'];
}): Promise<MeasuredRun> {
  const { options, db, catalog, sources } = spec;
  const n = catalog.entities.length;
  const what = `${db}, N=${n}${sources === 'github' ? ', sources on GitHub' : ''}`;
  const dataDir = join(spec.root, `db-${db}-${sources}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const prefix = newDatabasePrefix();
  const catalogFile = sources === 'github' ? catalog.githubCatalogFile : catalog.catalogFile;
  log(`${what}: ingesting the catalog in a separate process`);
  const out: MeasuredRun = {};
  try {
    const ingest = await ingestInChildProcess(
      { db, dataDir, catalogFile, reposDir: catalog.reposDir, prefix, n, timeoutMs: 60 * 60_000 },
      seen => log(`  catalog: ${seen} of ${n} components`),
    );
    out.ingestMs = ingest.ingestMs;
    out.ingestPeakRssBytes = ingest.peakRssBytes;
    log(`  catalog ingested ${n} components in ${(ingest.ingestMs / 1000).toFixed(1)} s (that process' peak RSS ${(ingest.peakRssBytes / 2 ** 20).toFixed(0)} MiB); starting the backend in a process of its own`);
    Object.assign(
      out,
      await measureInChildProcess({ options, db, catalog, sources, dataDir, prefix, resultFile: join(spec.root, `measured-${db}-${sources}.json`) }),
    );
  } catch (error) {
    out.error = (error as Error).message;
    log(`  FAILED: ${out.error}`);
  }
  if (out.error && !options.keep) await dropBenchDatabases(db, prefix);
  if (options.keep && db === 'postgres') log(`  kept the PostgreSQL databases ${prefix}*`);
  return out;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  // The bench runs from source only (never built), so __dirname is its src folder.
  // eslint-disable-next-line no-restricted-syntax
  const repoRoot = findRepoRoot(__dirname);
  const backendSections = options.sections.filter(s => s !== 'cli');
  const localSections = backendSections.filter(s => s !== 'github');
  const machine = { ...machineInfo(), ...(await versions(options.db.includes('sqlite'), options.db.includes('postgres') && backendSections.length > 0)) };
  const tmp = fs.mkdtempSync(join(os.tmpdir(), 'readiness-bench-'));
  const cleanup = () => {
    if (!options.keep) fs.rmSync(tmp, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  // The report is committed: a --cli-bin path of this machine is shown as the step that makes it.
  const argv = process.argv.slice(2).map((a, i, all) =>
    all[i - 1] === '--cli-bin' ? CLI_BIN_SHOWN : a.replace(/^--cli-bin=.*/, `--cli-bin ${CLI_BIN_SHOWN}`),
  );
  const command = `yarn bench ${argv.join(' ')}`.trim();
  log(`${command}: ${machine.cpus} cores, ${machine.cpuModel}, ${machine.memory}, node ${machine.node}; scratch in ${tmp}`);
  const templates = readTemplates(join(repoRoot, 'examples/repos'));
  log(`templates: ${templates.map(t => `${t.name} (${t.files.length} files)`).join(', ')}`);

  const results: BenchResults = {
    date: new Date().toISOString().slice(0, 10),
    command,
    options,
    machine,
    generation: [],
    runs: [],
    durationMs: 0,
    notes: [],
  };
  if (options.cpuProfile) fs.mkdirSync(options.cpuProfile, { recursive: true });

  try {
    if (backendSections.length > 0) {
      for (const n of options.n) {
        const root = join(tmp, `n${n}`);
        log(`generating ${n} repositories`);
        const catalog = generateCatalog({ root, n, templates, seed: options.seed });
        const counts = catalog.entities.map(e => e.files);
        const perTemplate: Record<string, number> = {};
        for (const e of catalog.entities) perTemplate[e.template] = (perTemplate[e.template] ?? 0) + 1;
        const gen: GenerationInfo = {
          n,
          totalFiles: catalog.totalFiles,
          minFiles: Math.min(...counts),
          medianFiles: median(counts),
          maxFiles: Math.max(...counts),
          templates: perTemplate,
          generationMs: catalog.generationMs,
        };
        results.generation.push(gen);
        log(`  ${catalog.totalFiles} files (${gen.minFiles}-${gen.maxFiles} per repository, median ${gen.medianFiles}) in ${(catalog.generationMs / 1000).toFixed(1)} s`);

        for (const db of options.db) {
          const run: RunResult = { db, n };
          results.runs.push(run);
          if (localSections.length) Object.assign(run, await ingestAndMeasure({ options, db, catalog, root, sources: 'local' }));
          if (options.sections.includes('github')) {
            run.github = await ingestAndMeasure({ options, db, catalog, root, sources: 'github' });
          }
        }
        if (!options.keep) fs.rmSync(root, { recursive: true, force: true });
      }
    }
    if (options.sections.includes('cli')) {
      log('CLI');
      results.cli = await cliSection({ repoRoot, tmp, templates, runs: options.cliRuns, bin: options.cliBin, log });
      if ('skipped' in results.cli) log(`  skipped: ${results.cli.skipped}`);
    }
  } finally {
    cleanup();
  }

  results.durationMs = Date.now() - benchStarted;
  const report = renderReport(results);
  if (options.out) {
    const out = isAbsolute(options.out) ? options.out : join(repoRoot, options.out);
    fs.mkdirSync(dirname(out), { recursive: true });
    fs.writeFileSync(out, report);
    // The raw figures (every repeat) beside the report, without machine paths.
    const raw = JSON.stringify(
      results,
      (key, value) => {
        if (key === 'file') return undefined;
        return key === 'cliBin' && value ? CLI_BIN_SHOWN : value;
      },
      2,
    )
      .split(tmp)
      .join('<tmp>');
    fs.writeFileSync(out.replace(/\.md$/, '.json'), `${raw}\n`);
    log(`report: ${relative(repoRoot, out)}`);
  } else {
    process.stdout.write(`\n${report}`);
  }
  if (results.runs.some(r => r.error || r.github?.error)) process.exitCode = 1;
}

main().then(() => process.exit(process.exitCode ?? 0), error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
