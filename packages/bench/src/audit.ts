/** The audit section: full audit, unchanged re-audit, re-audit with a fraction of repositories changed. */
import type { AuditRunSummary, ReadinessSummary } from '@prodready/plugin-readiness-common';
import { join } from 'node:path';
import { BenchBackend, USER_TOKEN } from './backend';
import { cpuProfile, probes, sampleLoopDelay, sampleMachineCpu, sampleRss, topSelfTime } from './instrument';
import { FloorFigures, measureFloors } from './floor';
import { GithubProcess, GithubRequests } from './github';
import { syscallNanoseconds } from './machine';
import { changeRepository, GeneratedCatalog, pickChanged } from './repos';
import { latencySummary } from './stats';

export interface AuditRunFigures {
  wallMs: number;
  entities: number;
  audited: number;
  unchanged: number;
  sourceUnavailable: number;
  failed: number;
  entitiesPerSecond: number;
  entityP50Ms: number;
  entityP95Ms: number;
  peakRssBytes: number;
  rssBeforeBytes: number;
  /** V8 heap in use before the run (after a collection): what the process holds as JavaScript objects. */
  heapBeforeBytes: number;
  /** CPU time of the whole process (every thread) during the run. */
  cpuMs: number;
  fileReads: number;
  workerAudits: number;
  /** The main thread's event-loop delay during the run (how long a request would have waited). */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** Cores the whole machine kept busy (the database server too), and idle waiting on the disk; Linux only. */
  machineBusyCores?: number;
  iowaitCores?: number;
  /** What one system call cost just before the run (the VM's speed drifts with its neighbours'). */
  syscallNs: number;
  /** With sources on the bench's GitHub: the requests it served during the run. */
  githubRequests?: GithubRequests;
}

export interface AuditRepeat {
  full: AuditRunFigures;
  unchanged: AuditRunFigures;
  /** The unchanged re-audit's floors, measured right after it (local sources only). */
  floor?: FloorFigures;
  changed: AuditRunFigures;
  changedRepos: number;
}

export interface AuditSectionResult {
  repeats: AuditRepeat[];
  sizeAfterFull: { databaseBytes: number; tablesBytes?: number };
  sizeAfterAll: { databaseBytes: number; tablesBytes?: number };
  profile?: {
    file: string;
    top: { fn: string; ms: number; share: number }[];
    unchangedTop?: { fn: string; ms: number; share: number }[];
  };
}

const TASK = 'readiness-audit';

async function getJson<T>(baseUrl: string, path: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${USER_TOKEN}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** One scheduled audit run (the plugin's own task), measured. */
export async function measureAuditRun(
  backend: BenchBackend,
  profileFile?: string,
  github?: GithubProcess,
): Promise<AuditRunFigures> {
  await backend.settle();
  const requestsBefore = await github?.requests();
  const syscallNs = syscallNanoseconds();
  (globalThis as { gc?: () => void }).gc?.();
  probes.reset();
  const { rss: rssBefore, heapUsed: heapBefore } = process.memoryUsage();
  const sampler = sampleRss(50);
  const loop = sampleLoopDelay();
  const machine = sampleMachineCpu();
  const started = new Date();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  probes.recording = true;
  try {
    if (profileFile) await cpuProfile(profileFile, () => backend.triggerTask(TASK));
    else await backend.triggerTask(TASK);
  } finally {
    probes.recording = false;
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const peak = sampler.stop();
  const delay = loop.stop();
  const machineCpu = machine.stop(wallMs);
  const requestsAfter = await github?.requests();
  const { lastRun } = await getJson<ReadinessSummary>(backend.baseUrl, '/api/readiness/summary');
  if (!lastRun || new Date(lastRun.finishedAt) < started) {
    throw new Error('The audit run recorded no summary: it failed (see the warnings above)');
  }
  const run: AuditRunSummary = lastRun;
  const times = latencySummary(probes.entityMs);
  return {
    wallMs,
    entities: run.entities,
    audited: run.audited,
    unchanged: run.unchanged,
    sourceUnavailable: run.sourceUnavailable,
    failed: run.failed,
    entitiesPerSecond: run.entities / (wallMs / 1000),
    entityP50Ms: times.p50,
    entityP95Ms: times.p95,
    peakRssBytes: peak,
    rssBeforeBytes: rssBefore,
    heapBeforeBytes: heapBefore,
    cpuMs: (cpu.user + cpu.system) / 1000,
    fileReads: probes.fileReads,
    workerAudits: probes.workerAudits,
    loopDelayP99Ms: delay.p99Ms,
    loopDelayMaxMs: delay.maxMs,
    machineBusyCores: machineCpu?.busyCores,
    iowaitCores: machineCpu?.iowaitCores,
    syscallNs,
    ...(requestsBefore && requestsAfter
      ? {
          githubRequests: {
            status: requestsAfter.status - requestsBefore.status,
            tarball: requestsAfter.tarball - requestsBefore.tarball,
          },
        }
      : {}),
  };
}

async function clearScorecards(backend: BenchBackend) {
  const db = backend.readinessDb;
  for (const table of ['readiness_category_scores', 'readiness_history', 'readiness_scorecard_documents', 'readiness_scorecards', 'readiness_runs']) {
    await db(table).delete();
  }
}

export async function auditSection(options: {
  backend: BenchBackend;
  catalog: GeneratedCatalog;
  repeats: number;
  changedFraction: number;
  seed: number;
  /** The backend's audit threads and audits at once, for the floors. */
  workers: number;
  concurrency: number;
  profileDir?: string;
  /** Sources on the bench's GitHub (the catalog's `githubCatalogFile`): no floors, and a change is a commit there too. */
  github?: GithubProcess;
  log: (line: string) => void;
}): Promise<AuditSectionResult> {
  const { backend, catalog, github, log } = options;
  const n = catalog.entities.length;
  const repeats: AuditRepeat[] = [];
  let sizeAfterFull = { databaseBytes: NaN } as AuditSectionResult['sizeAfterFull'];
  let profile: AuditSectionResult['profile'];
  let unchangedProfileTop: { fn: string; ms: number; share: number }[] | undefined;
  for (let r = 0; r < options.repeats; r++) {
    if (r > 0) await clearScorecards(backend);
    const profileFile =
      options.profileDir && r === 0 ? join(options.profileDir, `audit-${backend.db}-${n}.cpuprofile`) : undefined;
    const full = await measureAuditRun(backend, profileFile, github);
    if (profileFile) profile = { file: profileFile, top: topSelfTime(profileFile) };
    log(
      `  full audit ${r + 1}/${options.repeats}: ${full.entities} entities (${full.audited} audited, ${full.sourceUnavailable} without source, ${full.failed} failed) in ${(full.wallMs / 1000).toFixed(1)} s = ${full.entitiesPerSecond.toFixed(0)}/s (CPU ${(full.cpuMs / full.entities).toFixed(1)} ms per entity, ${(full.cpuMs / full.wallMs).toFixed(2)} cores busy), p50 ${full.entityP50Ms.toFixed(1)} ms, p95 ${full.entityP95Ms.toFixed(1)} ms, peak RSS ${(full.peakRssBytes / 2 ** 20).toFixed(0)} MiB (before: ${(full.rssBeforeBytes / 2 ** 20).toFixed(0)} MiB, JS heap ${(full.heapBeforeBytes / 2 ** 20).toFixed(0)} MiB), main thread's event-loop delay p99 ${full.loopDelayP99Ms.toFixed(0)} ms, max ${full.loopDelayMaxMs.toFixed(0)} ms${
        full.machineBusyCores !== undefined ? `, machine ${full.machineBusyCores.toFixed(2)} cores busy, ${full.iowaitCores!.toFixed(2)} waiting on the disk` : ''
      }; a system call cost ${(full.syscallNs / 1000).toFixed(2)} µs before it`,
    );
    if (full.entities !== n || full.audited !== n) {
      throw new Error(`The full audit should audit all ${n} entities, it audited ${full.audited} of ${full.entities}`);
    }
    if (r === 0) sizeAfterFull = await backend.readinessSize();

    const unchangedProfile =
      options.profileDir && r === 0 ? join(options.profileDir, `unchanged-${backend.db}-${n}.cpuprofile`) : undefined;
    const unchanged = await measureAuditRun(backend, unchangedProfile, github);
    if (unchangedProfile) unchangedProfileTop = topSelfTime(unchangedProfile);
    log(
      `  unchanged re-audit: ${unchanged.unchanged} unchanged, ${unchanged.audited} audited, ${unchanged.fileReads} file contents read, ${unchanged.workerAudits} audits in worker threads${
        unchanged.githubRequests ? `, ${unchanged.githubRequests.status} revision checks and ${unchanged.githubRequests.tarball} downloads from GitHub` : ''
      }, in ${(unchanged.wallMs / 1000).toFixed(1)} s (${(full.wallMs / unchanged.wallMs).toFixed(1)}x faster; ${(unchanged.cpuMs / unchanged.wallMs).toFixed(2)} cores busy)`,
    );
    const downloads = unchanged.githubRequests?.tarball ?? 0;
    if (unchanged.audited !== 0 || unchanged.fileReads !== 0 || unchanged.workerAudits !== 0 || downloads !== 0) {
      throw new Error(
        `The unchanged re-audit should read no file: it audited ${unchanged.audited} entities, read ${unchanged.fileReads} files, sent ${unchanged.workerAudits} audits to worker threads and downloaded ${downloads} tarballs`,
      );
    }

    let floor: FloorFigures | undefined;
    if (!github) {
      floor = await measureFloors({
        catalog,
        db: backend.readinessDb,
        threads: Math.max(1, options.workers),
        concurrency: options.concurrency,
      });
      log(
        `  floors: the workers' unchanged check alone ${(floor.listingMs / 1000).toFixed(1)} s (${(full.wallMs / floor.listingMs).toFixed(1)}x faster than the full audit); an lstat of each of ${floor.stats} files and folders alone ${(floor.statMs / 1000).toFixed(1)} s (${(full.wallMs / floor.statMs).toFixed(1)}x)`,
      );
    }

    const changedCount = Math.max(1, Math.round(n * options.changedFraction));
    const picked = pickChanged(catalog.entities, changedCount, options.seed * 1000 + r + 1);
    for (const e of picked) changeRepository(e.repoDir, options.seed * 1000 + r + 1);
    await github?.commit(picked.map(e => e.name));
    const changed = await measureAuditRun(backend, undefined, github);
    log(
      `  ${Math.round(options.changedFraction * 100)}% changed: ${changed.audited} audited, ${changed.unchanged} unchanged, in ${(changed.wallMs / 1000).toFixed(1)} s`,
    );
    if (changed.audited !== changedCount) {
      throw new Error(`${changedCount} repositories changed but ${changed.audited} entities were re-audited`);
    }
    if (changed.githubRequests && changed.githubRequests.tarball !== changedCount) {
      throw new Error(`${changedCount} repositories changed but ${changed.githubRequests.tarball} were downloaded`);
    }
    repeats.push({ full, unchanged, floor, changed, changedRepos: changedCount });
  }
  const sizeAfterAll = await backend.readinessSize();
  if (profile && unchangedProfileTop) profile.unchangedTop = unchangedProfileTop;
  return { repeats, sizeAfterFull, sizeAfterAll, profile };
}
