/**
 * The measured backend in a process of its own, one per database and N: its
 * peak RSS, CPU and warm-up are then its own, as an installation's backend's
 * are, not added to those of the backends measured before it in the same
 * process (V8 and the allocator keep pages a stopped backend used). The
 * child starts the backend over the catalog ingested beforehand, runs the
 * backend sections and writes what it measured to a file.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { auditSettings, BenchOptions, DatabaseKind, latencyRepeatsAt, repeatsAt } from './args';
import { auditSection, measureAuditRun } from './audit';
import { startBenchBackend, waitForCatalog } from './backend';
import { startGithubProcess } from './github';
import { installProbes } from './instrument';
import { latencySection } from './latency';
import { benchStarted, log } from './log';
import type { MeasuredRun } from './report';
import { GeneratedCatalog } from './repos';
import { techInsightsSection } from './techInsights';

export interface MeasuredSpec {
  options: BenchOptions;
  db: DatabaseKind;
  catalog: GeneratedCatalog;
  /** 'github': the catalog's GitHub twin, read from the bench's GitHub; the audit section only. */
  sources: 'local' | 'github';
  dataDir: string;
  prefix: string;
  /** Where the child writes its results (JSON). */
  resultFile: string;
}

type Measured = Pick<MeasuredRun, 'audit' | 'latency' | 'techInsights' | 'error'>;

/** Runs the backend sections for one database and N in a child process. */
export function measureInChildProcess(spec: MeasuredSpec): Promise<Measured> {
  return new Promise((resolve, reject) => {
    fs.writeFileSync(`${spec.resultFile}.spec`, JSON.stringify(spec));
    // The same Node.js flags (the TypeScript loader, --expose-gc) as this process; its log lines go straight through.
    const child = spawn(process.execPath, [...process.execArgv, __filename, `${spec.resultFile}.spec`], {
      env: { ...process.env, BENCH_STARTED: String(benchStarted) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', code => {
      if (fs.existsSync(spec.resultFile)) resolve(JSON.parse(fs.readFileSync(spec.resultFile, 'utf8')) as Measured);
      else reject(new Error(`The measured backend's process stopped with code ${code} and no results`));
    });
  });
}

async function measure(spec: MeasuredSpec): Promise<Measured> {
  const { options, db, catalog } = spec;
  const n = catalog.entities.length;
  installProbes();
  const out: Measured = {};
  const github = spec.sources === 'github' ? await startGithubProcess(catalog.reposDir) : undefined;
  const backend = await startBenchBackend({
    db,
    dataDir: spec.dataDir,
    prefix: spec.prefix,
    catalogFile: github ? catalog.githubCatalogFile : catalog.catalogFile,
    reposDir: catalog.reposDir,
    concurrency: options.concurrency,
    workers: options.workers,
    techInsights: !github && options.sections.includes('tech-insights'),
    githubApiBaseUrl: github?.apiBaseUrl,
  });
  try {
    // The catalog is in its database already: this only waits for the backend to serve it.
    await waitForCatalog(backend.baseUrl, 'component', n, 10 * 60_000);
    if (github || options.sections.includes('audit')) {
      out.audit = await auditSection({
        backend,
        catalog,
        repeats: repeatsAt(options, n),
        changedFraction: options.changed,
        seed: options.seed,
        ...auditSettings(options),
        profileDir: options.cpuProfile || undefined,
        github,
        log,
      });
    } else {
      const once = await measureAuditRun(backend);
      log(`  audited ${once.entities} entities (for the read figures) in ${(once.wallMs / 1000).toFixed(1)} s`);
    }
    if (!github && options.sections.includes('latency')) {
      out.latency = await latencySection({
        backend,
        catalog,
        clients: options.clients,
        durationSeconds: options.duration,
        repeats: latencyRepeatsAt(options, n),
        seed: options.seed,
        log,
      });
    }
    if (!github && options.sections.includes('tech-insights')) {
      out.techInsights = await techInsightsSection({
        backend,
        catalog,
        repeats: repeatsAt(options, n),
        maxCallSeconds: options.tiMaxCallSeconds,
        seed: options.seed,
        log,
      });
    }
  } catch (error) {
    out.error = (error as Error).message;
    log(`  FAILED: ${(error as Error).stack ?? error}`);
  } finally {
    await backend.stop({ keepDatabases: options.keep });
    await github?.stop();
  }
  return out;
}

if (require.main === module) {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as MeasuredSpec;
  measure(spec).then(
    measured => {
      fs.writeFileSync(spec.resultFile, JSON.stringify(measured));
      process.exit(0);
    },
    error => {
      process.stderr.write(`${error?.stack ?? error}\n`);
      process.exit(1);
    },
  );
}
