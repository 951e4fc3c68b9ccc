/** The Markdown report of a bench run. */
import { BenchOptions, DatabaseKind, auditSettings, latencyRepeatsAt, repeatsAt } from './args';
import { AuditRunFigures, AuditSectionResult } from './audit';
import { CliSectionResult } from './cli';
import { EndpointLatency } from './latency';
import { MachineInfo } from './machine';
import { GITHUB_HOST, GITHUB_OWNER } from './repos';
import { fmt, median, medianOf, mib } from './stats';
import { TechInsightsResult } from './techInsights';

export interface GenerationInfo {
  n: number;
  totalFiles: number;
  minFiles: number;
  medianFiles: number;
  maxFiles: number;
  templates: Record<string, number>;
  generationMs: number;
}

/** What one backend (one database, N and kind of source) measured, after its catalog's ingestion. */
export interface MeasuredRun {
  ingestMs?: number;
  /** Peak RSS of the separate process that ingested the catalog. */
  ingestPeakRssBytes?: number;
  audit?: AuditSectionResult;
  latency?: EndpointLatency[];
  techInsights?: TechInsightsResult;
  error?: string;
}

export interface RunResult extends MeasuredRun {
  db: DatabaseKind;
  n: number;
  /** The same catalog with its sources on the bench's GitHub, in a backend of its own: the audit section. */
  github?: MeasuredRun;
}

export interface BenchResults {
  date: string;
  command: string;
  options: BenchOptions;
  machine: MachineInfo;
  generation: GenerationInfo[];
  runs: RunResult[];
  cli?: CliSectionResult;
  durationMs: number;
  notes: string[];
}

const DB_NAME: Record<DatabaseKind, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

function ms(v: number | undefined, decimals = 1) {
  return v === undefined || !Number.isFinite(v) ? '-' : `${fmt(v, decimals)} ms`;
}
function sec(v: number | undefined) {
  return v === undefined || !Number.isFinite(v) ? '-' : `${fmt(v / 1000, 1)} s`;
}
function times(v: number | undefined) {
  return v === undefined || !Number.isFinite(v) ? '-' : `${fmt(v, v >= 100 ? 0 : 1)}x`;
}

/** With several repeats, each one's full-audit speed in order: the first reads files never read since they were written. */
function eachRepeat(audit: AuditSectionResult): string {
  if (audit.repeats.length < 2) return '';
  return ` (${audit.repeats.map(r => fmt(r.full.entitiesPerSecond, 0)).join(', ')})`;
}

/** The audit figures of one run, as medians over the repeats. */
export function auditMedians(audit: AuditSectionResult) {
  const full = medianOf(audit.repeats.map(r => r.full));
  const unchanged = medianOf(audit.repeats.map(r => r.unchanged));
  const changed = medianOf(audit.repeats.map(r => r.changed));
  const floors = audit.repeats.flatMap(r => (r.floor ? [r.floor] : []));
  const floor = floors.length ? medianOf(floors) : undefined;
  return {
    full,
    unchanged,
    floor,
    changed,
    speedup: full.wallMs / unchanged.wallMs,
    maxPeakRss: Math.max(...audit.repeats.map(r => r.full.peakRssBytes)),
    changedRepos: audit.repeats[0]?.changedRepos ?? 0,
  };
}

export function latencyMedians(l: EndpointLatency) {
  return {
    p50: median(l.repeats.map(r => r.p50)),
    p95: median(l.repeats.map(r => r.p95)),
    p99: median(l.repeats.map(r => r.p99)),
    rps: median(l.repeats.map(r => r.rps)),
    count: median(l.repeats.map(r => r.count)),
  };
}

export function tiRatios(t: TechInsightsResult) {
  const orgWide = median(t.orgWideMs);
  return {
    orgWide,
    orgWideRatio: orgWide / t.leaderboard.p50,
    perEntityRatio: t.perEntity.ti.p50 / t.perEntity.readiness.p50,
    retrievalMs: Object.values(t.retrievalMs).reduce((a, b) => a + b, 0),
  };
}

interface Target {
  what: string;
  measured: string;
  met: boolean | undefined;
}

function targets(results: BenchResults): Target[] {
  const out: Target[] = [];
  const bigN = Math.max(...results.options.n);
  for (const run of results.runs.filter(r => r.n === bigN)) {
    const db = DB_NAME[run.db];
    if (run.audit) {
      const a = auditMedians(run.audit);
      out.push({
        what: `${db}: full audit of ${bigN.toLocaleString('en-US')} local-source entities >= 200 entities/s`,
        measured: `${fmt(a.full.entitiesPerSecond, 0)} entities/s`,
        met: a.full.entitiesPerSecond >= 200,
      });
      out.push({
        what: `${db}: unchanged re-audit of ${bigN.toLocaleString('en-US')} >= 10x faster than the full audit`,
        measured: `${times(a.speedup)} (${sec(a.unchanged.wallMs)} vs ${sec(a.full.wallMs)}), ${a.unchanged.fileReads} file contents read, ${a.unchanged.workerAudits} audits in worker threads${
          a.floor ? `; at most ${times(a.full.wallMs / a.floor.statMs)} for any check by file times on this machine (see the floors)` : ''
        }`,
        met: a.speedup >= 10 && a.unchanged.fileReads === 0 && a.unchanged.workerAudits === 0,
      });
      const grew = Math.max(...run.audit.repeats.map(r => r.full.peakRssBytes - r.full.rssBeforeBytes));
      out.push({
        what: `${db}: peak RSS of the backend during the ${bigN.toLocaleString('en-US')}-entity audit < 1 GB (1 GiB = 1,024 MiB)`,
        measured: `${mib(a.maxPeakRss)}, of which the audit added ${mib(grew)} (the process, one per database and N, also holds the catalog backend)`,
        met: a.maxPeakRss < 2 ** 30,
      });
    }
    if (run.github?.audit) {
      const g = auditMedians(run.github.audit);
      out.push({
        what: `${db}: unchanged re-audit of ${bigN.toLocaleString('en-US')} with sources on GitHub >= 10x faster than their full audit (not a target of the issue: its production path)`,
        measured: `${times(g.speedup)} (${sec(g.unchanged.wallMs)} vs ${sec(g.full.wallMs)}), ${g.unchanged.githubRequests?.status ?? '-'} revision checks and ${g.unchanged.githubRequests?.tarball ?? '-'} downloads`,
        met: g.speedup >= 10 && g.unchanged.githubRequests?.tarball === 0,
      });
    }
    const first = run.latency?.find(l => l.endpoint.startsWith('GET /leaderboard (first page)'));
    if (first) {
      const l = latencyMedians(first);
      out.push({
        what: `${db}: GET /leaderboard first page at ${bigN.toLocaleString('en-US')} entities, p95 < 50 ms (${results.options.clients} clients)`,
        measured: ms(l.p95, 2),
        met: l.p95 < 50,
      });
    }
  }
  for (const db of results.options.db) {
    const withTi = results.runs.filter(r => r.db === db && r.techInsights);
    const atBig = withTi.find(r => r.n === bigN && !r.techInsights!.orgWideTooSlow);
    const fallback = [...withTi].filter(r => !r.techInsights!.orgWideTooSlow).sort((a, b) => b.n - a.n)[0];
    const chosen = atBig ?? fallback;
    if (chosen) {
      const t = tiRatios(chosen.techInsights!);
      out.push({
        what: `${DB_NAME[db]}: leaderboard first page >= 100x faster than Tech Insights' org-wide check run${
          chosen.n !== bigN ? ` (at N = ${chosen.n.toLocaleString('en-US')}: Tech Insights was over ${results.options.tiMaxCallSeconds} s per call at ${bigN.toLocaleString('en-US')})` : ''
        }`,
        measured: `${times(t.orgWideRatio)} (${ms(t.orgWide, 0)} vs ${ms(chosen.techInsights!.leaderboard.p50, 2)})`,
        met: t.orgWideRatio >= 100,
      });
    }
  }
  if (results.cli && 'repos' in results.cli) {
    for (const r of results.cli.repos) {
      if (r.targetMs) {
        out.push({
          what: `CLI: a repository of ${r.repo} audits in < ${r.targetMs / 1000} s end to end`,
          measured: ms(r.medianMs, 0),
          met: r.medianMs < r.targetMs,
        });
      } else {
        out.push({
          what: `CLI: memory stays bounded on a repository with ${r.repo}`,
          measured: `peak RSS ${mib(r.peakRssBytes)}`,
          met: r.peakRssBytes < 200 * 1024 * 1024,
        });
      }
    }
  }
  return out;
}

export function renderReport(results: BenchResults): string {
  const o = results.options;
  const { workers, concurrency } = auditSettings(o);
  const m = results.machine;
  const lines: string[] = [];
  const p = (s = '') => lines.push(s);
  p(`# Readiness benchmarks, ${results.date}`);
  p();
  p('Reproduce (from the repository root, with `.ci/env.sh` sourced):');
  p();
  p('```sh');
  p(results.command);
  p('```');
  p();
  p('## Machine');
  p();
  p(`| | |`);
  p(`| --- | --- |`);
  p(`| CPU | ${m.cpuModel}, ${m.cpus} cores (nproc) |`);
  p(`| Memory | ${m.memory} |`);
  p(`| OS | ${m.os} |`);
  p(`| Node.js | ${m.node} |`);
  if (m.syscallNs) {
    p(
      `| System call | ${(m.syscallNs / 1000).toFixed(2)} µs for one \`fs.fstatSync\` from Node.js (median of 5 × 20,000); an audit of a local folder makes about five per file (lstat when listed; open, fstat, read, close when read) |`,
    );
  }
  if (m.sqlite) p(`| SQLite | ${m.sqlite} (better-sqlite3) |`);
  if (m.postgres) {
    p(
      `| PostgreSQL | ${m.postgres}, on the same machine (loopback); autovacuum ${
        m.postgresAutovacuum === false
          ? '**off** on this server, so the bench runs `VACUUM (ANALYZE)` on its databases before each audit run, latency window and Tech Insights run (not timed), as autovacuum would have by then on a production server'
          : 'on'
      } |`,
    );
  }
  p();
  p('## Set-up');
  p();
  p(
    `One Backstage test backend per database and N, each in a process of its own (\`startTestBackend\`, HTTP on 127.0.0.1) with the real catalog backend${
      o.sections.includes('tech-insights') ? ', the Readiness backend plugin and Tech Insights (with its json-rules-engine fact checker)' : ' and the Readiness backend plugin'
    }. The catalog holds a generated catalog file of N Components (and ${50} Groups), ingested beforehand by a separate process; each Component's \`backstage.io/source-location\` is a \`file:\` folder under \`readiness.localRoots\`, read by the plugin's SourceReader. Audits are the plugin's own scheduled task, triggered through the scheduler; \`readiness.concurrency\` = ${
      o.concurrency ?? `the default (${concurrency}: 2 per worker, at least 4)`
    }, \`readiness.workers\` = ${o.workers ?? `the default (${workers}: one more than the cores, at most 4)`}. Figures are medians over ${o.n
      .map(n => `${repeatsAt(o, n)} repeat(s) at N=${n.toLocaleString('en-US')}`)
      .join(', ')} (latency windows: ${o.n.map(n => latencyRepeatsAt(o, n)).join(', ')}); a repeat of the audit starts from an empty scorecard table.`,
  );
  p();
  if (results.generation.length) {
    p('| N | files in all | files per repository (min / median / max) | repositories per template | generated in |');
    p('| --- | --- | --- | --- | --- |');
    for (const g of results.generation) {
      p(
        `| ${g.n.toLocaleString('en-US')} | ${g.totalFiles.toLocaleString('en-US')} | ${g.minFiles} / ${g.medianFiles} / ${g.maxFiles} | ${Object.entries(
          g.templates,
        )
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')} | ${sec(g.generationMs)} |`,
      );
    }
    p();
  }
  const ingests = results.runs.flatMap(r => [
    { ...r, what: '' },
    ...(r.github ? [{ ...r.github, db: r.db, n: r.n, what: ' (sources on GitHub)' }] : []),
  ]).filter(r => r.ingestMs !== undefined);
  if (ingests.length) {
    p(
      `Catalog ingestion before the measurements, by a catalog-only backend in a separate process on the same databases (not part of any figure; time and that process' peak RSS): ${ingests
        .map(
          r =>
            `${DB_NAME[r.db]} N=${r.n.toLocaleString('en-US')}${r.what} ${sec(r.ingestMs)}${r.ingestPeakRssBytes ? `, ${mib(r.ingestPeakRssBytes)}` : ''}`,
        )
        .join('; ')}. The measured backend then starts over the ingested catalog, as an installation's backend does.`,
    );
    p();
  }

  const t = targets(results);
  if (t.length) {
    p('## Targets');
    p();
    p('| target | measured | met |');
    p('| --- | --- | --- |');
    const verdict = (met: boolean | undefined) => {
      if (met === undefined) return '-';
      return met ? 'yes' : '**no**';
    };
    for (const x of t) p(`| ${x.what} | ${x.measured} | ${verdict(x.met)} |`);
    p();
  }

  const audits = results.runs.filter(r => r.audit);
  if (audits.length) {
    p('## Audit');
    p();
    p(
      `Full audit of all N, then a second run with nothing changed (must read no file contents), then a third with ${Math.round(
        o.changed * 100,
      )}% of the repositories changed (a README replaced and a CHANGELOG added). Per-entity time is one entity's audit (source listing and reads, checks) as the plugin's AuditService runs it, ${concurrency} at a time; the results of a catalog page are stored in one transaction after it, which the run's time includes. CPU is the whole process' (every thread) during the run; beside it, in brackets, the cores it kept busy, and the cores the whole machine kept busy (the database server included) with, after a +, the cores idle waiting on the disk. The event-loop delay is the backend's main thread's during the full audit, which serves every plugin's requests: how long a request arriving then would have waited to start (sampled at 10 ms). Peak RSS is the whole backend process (catalog included), sampled every 50 ms; in brackets, before the run.`,
    );
    p();
    p(
      '| database | N | full: entities/s | full: time | full: CPU per entity (cores busy: process; machine + disk wait) | full: event-loop delay p99 / max | per entity p50 / p95 | peak RSS (before the audit) | database size after the full audit | unchanged: time | unchanged: speed-up | unchanged: files read (and audits in workers) | changed: time | changed: re-audited |',
    );
    p('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of audits) {
      const a = auditMedians(r.audit!);
      const machine =
        a.full.machineBusyCores === undefined
          ? ''
          : `; ${fmt(a.full.machineBusyCores, 2)} + ${fmt(a.full.iowaitCores!, 2)}`;
      const size = r.audit!.sizeAfterFull;
      p(
        `| ${DB_NAME[r.db]} | ${r.n.toLocaleString('en-US')} | ${fmt(a.full.entitiesPerSecond, 0)}${eachRepeat(
          r.audit!,
        )} | ${sec(a.full.wallMs)} | ${ms(
          a.full.cpuMs / a.full.entities,
        )} (${fmt(a.full.cpuMs / a.full.wallMs, 2)}${machine}) | ${ms(a.full.loopDelayP99Ms, 0)} / ${ms(
          a.full.loopDelayMaxMs,
          0,
        )} | ${ms(a.full.entityP50Ms)} / ${ms(a.full.entityP95Ms)} | ${mib(
          a.full.peakRssBytes,
        )} (${mib(a.full.rssBeforeBytes)}) | ${mib(size.databaseBytes)}${
          size.tablesBytes !== undefined ? ` (tables ${mib(size.tablesBytes)})` : ''
        } | ${sec(a.unchanged.wallMs)} | ${times(a.speedup)} | ${a.unchanged.fileReads + a.unchanged.workerAudits} | ${sec(a.changed.wallMs)} | ${fmt(
          a.changed.audited,
          0,
        )} of ${fmt(a.changed.entities, 0)} |`,
      );
    }
    p();
    p(
      `With several repeats, the full audit's speed of each follows the median in brackets, in order. The first of each N is the slowest: it starts the plugin's audit threads, which load the engine and warm up (compile its hot code, grow their heaps) on the run's time, and it reads files nothing has read since the bench wrote them. The later ones find the threads running, since each follows the run before within the threads' idle time (30 s); an installation's scheduled run after a longer pause starts them again. The cost of one system call just before each full audit, in order: ${audits
        .map(
          r =>
            `${DB_NAME[r.db]} ${r.n.toLocaleString('en-US')}: ${r.audit!.repeats.map(x => `${fmt(x.full.syscallNs / 1000, 2)} µs`).join(', ')}`,
        )
        .join('; ')}.`,
    );
    p();
    p('### The unchanged re-audit against its floors');
    p();
    p(
      `To notice every changed file, a re-audit of a local folder must at least look at each file's times. Right after each unchanged re-audit, two floors are timed alone, with ${workers} threads like the plugin's: the audit workers' own check of every entity (locate its folder, list it, compare the fingerprint with the stored one), through the plugin's AuditWorkerPool, ${concurrency} at a time, without the catalog, the database or the run's bookkeeping; and an \`lstat\` of each file and folder, nothing else (no folder read, no hash): the least any check by file times can do, even one that kept every listing so as not to read folders. The full audit's time over a floor's is the most the unchanged re-audit's speed-up could be if it did that and nothing more.`,
    );
    p();
    p('| database | N | unchanged re-audit | workers\' check alone | lstat of every file and folder alone | full audit | speed-up: unchanged / workers\' check / lstat only |');
    p('| --- | --- | --- | --- | --- | --- | --- |');
    for (const r of audits) {
      const a = auditMedians(r.audit!);
      if (!a.floor) continue;
      p(
        `| ${DB_NAME[r.db]} | ${r.n.toLocaleString('en-US')} | ${sec(a.unchanged.wallMs)} | ${sec(a.floor.listingMs)} | ${sec(a.floor.statMs)} (${fmt(
          a.floor.stats,
          0,
        )}) | ${sec(a.full.wallMs)} | ${times(a.speedup)} / ${times(a.full.wallMs / a.floor.listingMs)} / ${times(a.full.wallMs / a.floor.statMs)} |`,
      );
    }
    p();
    for (const r of audits) {
      if (r.audit!.profile) {
        p(`CPU profile of the first full audit, ${DB_NAME[r.db]}, N=${r.n} (top self time):`);
        p();
        p('| function | self time | share |');
        p('| --- | --- | --- |');
        for (const f of r.audit!.profile.top) p(`| \`${f.fn}\` | ${ms(f.ms, 0)} | ${fmt(f.share * 100, 1)}% |`);
        p();
      }
    }
  }

  const onGithub = results.runs.filter(r => r.github?.audit);
  if (onGithub.length) {
    p('## Audit with sources on GitHub');
    p();
    p(
      `The same catalog in a backend of its own, every Component's \`backstage.io/source-location\` a \`url:\` of a repository on GitHub (\`https://${GITHUB_HOST}/${GITHUB_OWNER}/<name>/tree/main/\`), as in most installations. The plugin reads them through Backstage's own GithubUrlReader (\`integrations.github\`), which here talks to the bench's GitHub: the Readiness backend's test GitHub API (\`src/testing/fakeGithub.ts\`), over the same repository folders, in a process of its own on 127.0.0.1 (it shares the machine's cores; GitHub's network time is not in the figures). A read asks for the branch's commit (one request) and, unless it is the commit the stored scorecard was audited at, downloads its tarball (uncompressed), which the reader unpacks in memory; the audit then runs in the plugin's worker threads. A change is a commit: the ${Math.round(
        o.changed * 100,
      )}% of repositories changed on disk are given a new commit SHA.`,
    );
    p();
    p(
      '| database | N | full: entities/s | full: time | full: CPU per entity (cores busy) | per entity p50 / p95 | peak RSS (before the audit) | unchanged: time | unchanged: speed-up | unchanged: revision checks / downloads | changed: time | changed: re-audited / downloads |',
    );
    p('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of onGithub) {
      const audit = r.github!.audit!;
      const a = auditMedians(audit);
      const requests = (x: AuditRunFigures) => `${x.githubRequests?.status ?? '-'} / ${x.githubRequests?.tarball ?? '-'}`;
      p(
        `| ${DB_NAME[r.db]} | ${r.n.toLocaleString('en-US')} | ${fmt(a.full.entitiesPerSecond, 0)}${eachRepeat(audit)} | ${sec(a.full.wallMs)} | ${ms(
          a.full.cpuMs / a.full.entities,
        )} (${fmt(a.full.cpuMs / a.full.wallMs, 2)}) | ${ms(a.full.entityP50Ms)} / ${ms(a.full.entityP95Ms)} | ${mib(a.full.peakRssBytes)} (${mib(
          a.full.rssBeforeBytes,
        )}) | ${sec(a.unchanged.wallMs)} | **${times(a.speedup)}** | ${requests(a.unchanged)} | ${sec(a.changed.wallMs)} | ${fmt(a.changed.audited, 0)} / ${
          a.changed.githubRequests?.tarball ?? '-'
        } |`,
      );
    }
    p();
  }

  const lat = results.runs.filter(r => r.latency);
  if (lat.length) {
    p('## API latency under load');
    p();
    p(
      `${o.clients} concurrent keep-alive clients in a separate process against 127.0.0.1 for ${o.duration} s per endpoint (bounded, stops by itself); times are per request as the client sees them. Queries per request are counted on the plugin's database client for one request sent alone.`,
    );
    p();
    p('| database | N | endpoint | p50 | p95 | p99 | requests/s | queries per request |');
    p('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of lat) {
      for (const l of r.latency!) {
        const x = latencyMedians(l);
        p(
          `| ${DB_NAME[r.db]} | ${r.n.toLocaleString('en-US')} | ${l.endpoint} | ${ms(x.p50, 2)} | ${ms(x.p95, 2)} | ${ms(x.p99, 2)} | ${fmt(
            x.rps,
            0,
          )} | ${l.queries} |`,
        );
      }
    }
    p();
  }

  const tis = results.runs.filter(r => r.techInsights);
  if (tis.length) {
    p('## Side by side with Tech Insights');
    p();
    p(
      'Same backend, same catalog. Tech Insights has four json-rules-engine boolean checks equivalent to four of Readiness\' catalog checks (group owner, description, TechDocs annotation, lifecycle set), fed by its entityOwnership, entityMetadata and techdocs fact retrievers and one lifecycle retriever of the bench, each run once before the measurement. Org-wide: `POST /api/tech-insights/checks/run` with `entities: []` (every entity with facts, which is what an org-wide overview needs) against Readiness\' `GET /api/readiness/leaderboard` first page. Per entity: `POST /api/tech-insights/checks/run/default/component/:name` against `GET /api/readiness/scorecards/component/default/:name`, the same 300 random entities. All sent by one client in sequence.',
    );
    p();
    p(
      '| database | N | TI fact retrieval (4 retrievers) | TI org-wide run | TI queries per org-wide run | Readiness leaderboard page p50 | Readiness queries per page | org-wide ratio | TI per entity p50 | Readiness scorecard p50 | per-entity ratio |',
    );
    p('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of tis) {
      const ti = r.techInsights!;
      const x = tiRatios(ti);
      p(
        `| ${DB_NAME[r.db]} | ${r.n.toLocaleString('en-US')} | ${sec(x.retrievalMs)} | ${ms(x.orgWide, 0)}${
          ti.orgWideTooSlow ? ' (over the limit; 1 call)' : ''
        } over ${ti.orgWideEntities.toLocaleString('en-US')} entities, ${mib(ti.orgWideBytes)} | ${ti.orgWideQueries.toLocaleString(
          'en-US',
        )} (${fmt(ti.orgWideQueries / Math.max(1, ti.orgWideEntities), 1)} per entity) | ${ms(ti.leaderboard.p50, 2)} | ${
          ti.leaderboard.queries
        } | **${times(x.orgWideRatio)}** | ${ms(ti.perEntity.ti.p50, 2)} (${ti.perEntity.ti.queries} queries) | ${ms(
          ti.perEntity.readiness.p50,
          2,
        )} (${ti.perEntity.readiness.queries} queries) | **${times(x.perEntityRatio)}** |`,
      );
    }
    p();
  }

  if (results.cli) {
    p('## CLI');
    p();
    if ('skipped' in results.cli) {
      p(`Skipped: ${results.cli.skipped}.`);
    } else {
      p(
        `\`readiness audit <dir> --format json\` (${
          results.cli.build === 'published bundle'
            ? 'the published package, as packed and installed by `packages/readiness-cli/scripts/pack-smoke.sh`, given with `--cli-bin`'
            : "the workspace's `packages/readiness-cli/bin/readiness`, which runs the TypeScript sources through the development transform"
        }), end to end (process start included), median of ${o.cliRuns} runs after one warm-up; peak RSS by ${results.cli.rssMethod}.`,
      );
      p();
      p('| repository | files | size | median time | peak RSS | score | files listed |');
      p('| --- | --- | --- | --- | --- | --- | --- |');
      for (const r of results.cli.repos) {
        p(
          `| ${r.repo} | ${r.files.toLocaleString('en-US')} | ${mib(r.bytes)} | ${ms(r.medianMs, 0)} | ${mib(r.peakRssBytes)} | ${r.score ?? '-'} | ${
            r.fileCount ?? '-'
          } |`,
        );
      }
    }
    p();
  }

  const failed = results.runs.filter(r => r.error);
  if (failed.length || results.runs.some(r => r.github?.error) || results.notes.length) {
    p('## Notes');
    p();
    for (const r of failed) p(`- ${DB_NAME[r.db]}, N=${r.n}: failed: ${r.error}`);
    for (const r of results.runs.filter(x => x.github?.error)) p(`- ${DB_NAME[r.db]}, N=${r.n}, sources on GitHub: failed: ${r.github!.error}`);
    for (const n of results.notes) p(`- ${n}`);
    p();
  }
  p(`Run took ${sec(results.durationMs)} in all.`);
  return `${lines.join('\n')}\n`;
}
