/** Command-line flags of `yarn bench`. */
// The plugin's own defaults, so the bench says what ran (a bench-only reach into its sources).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports, @backstage/no-forbidden-package-imports
import { defaultConcurrency, defaultWorkers } from '@prodready/plugin-readiness-backend/src/config';
import { availableParallelism } from 'node:os';

export const SECTIONS = ['audit', 'github', 'latency', 'tech-insights', 'cli'] as const;
export type Section = (typeof SECTIONS)[number];
export const DATABASES = ['sqlite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASES)[number];

export interface BenchOptions {
  /** Catalog sizes. */
  n: number[];
  /** Seconds of load per endpoint in the latency section. */
  duration: number;
  /** Concurrent clients of the latency section. */
  clients: number;
  db: DatabaseKind[];
  /** Repeats of each measurement; figures are their medians. */
  repeats: number;
  /** Repeats per N when --repeats lists several (aligned with --n); else all `repeats`. */
  repeatsPerN: number[];
  /** Repeats of the latency windows (defaults to --repeats). */
  latencyRepeats: number;
  sections: Section[];
  /** Fraction of repositories changed before the third audit run. */
  changed: number;
  /** Entities audited at once (readiness.concurrency); undefined for the plugin's default. */
  concurrency?: number;
  /** Worker threads of the audits (readiness.workers); undefined for the plugin's default. */
  workers?: number;
  /** Where the Markdown report goes; '' for none. */
  out: string;
  /** Seconds one Tech Insights org-wide call may take before the comparison moves to a smaller N. */
  tiMaxCallSeconds: number;
  /** The N the Tech Insights comparison falls back to when a call at N is impractical. */
  tiFallbackN: number;
  /** Runs of each CLI repository. */
  cliRuns: number;
  /** The `readiness` command to measure; empty: the workspace's (TypeScript sources). */
  cliBin: string;
  /** Keep the generated repositories and databases (for debugging). */
  keep: boolean;
  seed: number;
  /** Write a V8 CPU profile of each full audit into this folder. */
  cpuProfile: string;
  help: boolean;
}

export const DEFAULTS: BenchOptions = {
  n: [1000, 10000],
  duration: 20,
  clients: 16,
  db: ['sqlite', 'postgres'],
  repeats: 3,
  repeatsPerN: [],
  latencyRepeats: 0,
  sections: [...SECTIONS],
  changed: 0.1,
  out: '',
  tiMaxCallSeconds: 120,
  tiFallbackN: 1000,
  cliRuns: 5,
  cliBin: '',
  keep: false,
  seed: 7,
  cpuProfile: '',
  help: false,
};

export const USAGE = `Usage: yarn bench [flags]

  --n 1000,10000              catalog sizes (entities, one synthetic repository each)
  --db sqlite,postgres        databases
  --sections audit,github,latency,tech-insights,cli
                              (github: the audit again with every source on the bench's GitHub on
                              loopback, read through Backstage's GitHub reader)
  --repeats 3                 repeats; every figure is the median over them (a list, e.g. 3,1, sets them per N)
  --latency-repeats N         repeats of the latency windows (default: --repeats)
  --duration 20               seconds of load per endpoint
  --clients 16                concurrent clients (loopback only)
  --changed 0.1               fraction of repositories changed before the third run
  --concurrency N             readiness.concurrency (default: the plugin's, 2 per worker, at least 4)
  --workers N                 readiness.workers (default: the plugin's, the cores + 1 up to 4; 0: none)
  --skip-tech-insights        leave out the Tech Insights comparison
  --ti-max-call-seconds 120   a Tech Insights org-wide call slower than this moves the comparison to --ti-fallback-n
  --ti-fallback-n 1000
  --cli-runs 5                runs of each CLI repository (median)
  --cli-bin PATH              the readiness command to measure, e.g. the published package installed by
                              KEEP_PACK_SMOKE=1 packages/readiness-cli/scripts/pack-smoke.sh (default: the
                              workspace's bin, which runs the TypeScript sources)
  --out FILE                  write the Markdown report (default: bench/results/<date>.md)
  --no-report                 print the report only
  --cpu-profile DIR           write a CPU profile of each full audit
  --seed 7                    seed of the synthetic catalog
  --keep                      keep the temporary repositories and databases
`;

/** The audit threads and audits at once the backend runs with: the flags', else the plugin's defaults. */
export function auditSettings(o: Pick<BenchOptions, 'workers' | 'concurrency'>): { workers: number; concurrency: number } {
  const workers = o.workers ?? defaultWorkers(availableParallelism());
  return { workers, concurrency: o.concurrency ?? defaultConcurrency(workers) };
}

function list(value: string): string[] {
  return value
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
}

function positive(flag: string, value: string, integer = true): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new Error(`${flag} expects a positive ${integer ? 'whole ' : ''}number, got '${value}'`);
  }
  return n;
}

/** Parses the flags (`--flag value` or `--flag=value`). Throws naming a bad flag. */
export function parseArgs(argv: readonly string[], today = new Date()): BenchOptions {
  const o: BenchOptions = { ...DEFAULTS, n: [...DEFAULTS.n], db: [...DEFAULTS.db], sections: [...DEFAULTS.sections] };
  let out: string | undefined;
  let skipTi = false;
  const args = argv.flatMap(a => (a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a]));
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--n':
        o.n = list(value()).map(v => positive('--n', v));
        break;
      case '--duration':
        o.duration = positive('--duration', value(), false);
        break;
      case '--clients':
        o.clients = positive('--clients', value());
        break;
      case '--db': {
        const dbs = list(value());
        for (const d of dbs) {
          if (!(DATABASES as readonly string[]).includes(d)) {
            throw new Error(`--db: unknown database '${d}' (use ${DATABASES.join(', ')})`);
          }
        }
        o.db = dbs as DatabaseKind[];
        break;
      }
      case '--repeats': {
        const r = list(value()).map(v => positive('--repeats', v));
        o.repeats = r[0];
        o.repeatsPerN = r.length > 1 ? r : [];
        break;
      }
      case '--latency-repeats':
        o.latencyRepeats = positive('--latency-repeats', value());
        break;
      case '--sections': {
        const sections = list(value());
        for (const s of sections) {
          if (!(SECTIONS as readonly string[]).includes(s)) {
            throw new Error(`--sections: unknown section '${s}' (use ${SECTIONS.join(', ')})`);
          }
        }
        o.sections = sections as Section[];
        break;
      }
      case '--changed': {
        const c = positive('--changed', value(), false);
        if (c > 1) throw new Error(`--changed is a fraction from 0 to 1, got ${c}`);
        o.changed = c;
        break;
      }
      case '--concurrency':
        o.concurrency = positive('--concurrency', value());
        break;
      case '--workers':
        o.workers = Number(value());
        if (!Number.isInteger(o.workers) || o.workers < 0) throw new Error(`--workers expects a whole number >= 0`);
        break;
      case '--skip-tech-insights':
        skipTi = true;
        break;
      case '--ti-max-call-seconds':
        o.tiMaxCallSeconds = positive('--ti-max-call-seconds', value(), false);
        break;
      case '--ti-fallback-n':
        o.tiFallbackN = positive('--ti-fallback-n', value());
        break;
      case '--cli-runs':
        o.cliRuns = positive('--cli-runs', value());
        break;
      case '--cli-bin':
        o.cliBin = value();
        break;
      case '--out':
        out = value();
        break;
      case '--no-report':
        out = '';
        break;
      case '--cpu-profile':
        o.cpuProfile = value();
        break;
      case '--seed':
        o.seed = positive('--seed', value());
        break;
      case '--keep':
        o.keep = true;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      default:
        throw new Error(`Unknown flag '${flag}'\n\n${USAGE}`);
    }
  }
  if (skipTi) o.sections = o.sections.filter(s => s !== 'tech-insights');
  if (o.repeatsPerN.length && o.repeatsPerN.length !== o.n.length) {
    throw new Error(`--repeats lists ${o.repeatsPerN.length} values for ${o.n.length} catalog sizes (--n)`);
  }
  o.out = out ?? `bench/results/${today.toISOString().slice(0, 10)}.md`;
  return o;
}

/** The repeats at catalog size `n`. */
export function repeatsAt(o: BenchOptions, n: number): number {
  const i = o.n.indexOf(n);
  return o.repeatsPerN.length && i >= 0 ? o.repeatsPerN[i] : o.repeats;
}

/** The latency repeats at catalog size `n` (default: the repeats at n). */
export function latencyRepeatsAt(o: BenchOptions, n: number): number {
  return o.latencyRepeats || repeatsAt(o, n);
}
