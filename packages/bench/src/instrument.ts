/**
 * Measuring hooks on the plugin's own classes (this process is the backend):
 * the time of each entity's audit (source read, checks) and the number
 * of file contents read. Installed once; record only while `recording`.
 */
import { AuditWorkerPool, LocalFolderSnapshot } from '@prodready/plugin-readiness-node';
// The plugin's own class, to time each entity's audit (same module instance as the plugin's).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports, @backstage/no-forbidden-package-imports
import { AuditService } from '@prodready/plugin-readiness-backend/src/service/AuditService';
import { Knex } from 'knex';
import { Session } from 'node:inspector/promises';
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export const probes = {
  recording: false,
  entityMs: [] as number[],
  fileReads: 0,
  /** Audits handed to worker threads, where reads cannot be counted: each reads files. */
  workerAudits: 0,
  reset() {
    this.entityMs = [];
    this.fileReads = 0;
    this.workerAudits = 0;
  },
};

let installed = false;

export function installProbes(): void {
  if (installed) return;
  installed = true;
  const planAudit = AuditService.prototype.planAudit;
  AuditService.prototype.planAudit = async function timed(this: AuditService, ...args) {
    const started = performance.now();
    try {
      return await planAudit.apply(this, args);
    } finally {
      if (probes.recording) probes.entityMs.push(performance.now() - started);
    }
  };
  const tryAudit = AuditWorkerPool.prototype.tryAudit;
  AuditWorkerPool.prototype.tryAudit = function counted(this: AuditWorkerPool, ...args) {
    const audit = tryAudit.apply(this, args);
    if (audit && probes.recording) probes.workerAudits++;
    return audit;
  };
  const auditFolder = AuditWorkerPool.prototype.auditFolder;
  AuditWorkerPool.prototype.auditFolder = async function counted(this: AuditWorkerPool, ...args) {
    const result = await auditFolder.apply(this, args);
    if (result !== 'unchanged' && 'head' in result && probes.recording) probes.workerAudits++;
    return result;
  };
  const readText = LocalFolderSnapshot.prototype.readText;
  LocalFolderSnapshot.prototype.readText = function counted(this: LocalFolderSnapshot, path: string) {
    if (probes.recording) probes.fileReads++;
    return readText.call(this, path);
  };
}

/** Samples the resident set size every `everyMs` until stopped; returns the peak. */
export function sampleRss(everyMs = 50): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

/**
 * The delay of this thread's event loop while it runs (the backend's main
 * thread, which serves every plugin's requests): how long a request would
 * have waited to start. Resolution 10 ms, so figures under it mean "none seen".
 */
export function sampleLoopDelay(): { stop(): { p99Ms: number; maxMs: number } } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return {
    stop() {
      histogram.disable();
      return { p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6 };
    },
  };
}

/** The machine's CPU time so far, in seconds, from /proc/stat (undefined elsewhere than Linux). */
function machineCpu(): { busy: number; iowait: number } | undefined {
  try {
    const [user, nice, system, , iowait, irq, softirq, steal] = fs
      .readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    // USER_HZ is 100 on every Linux this runs on.
    return { busy: (user + nice + system + irq + softirq + steal) / 100, iowait: iowait / 100 };
  } catch {
    return undefined;
  }
}

/**
 * Cores the whole machine kept busy (every process: the database server
 * too) and cores idle waiting on the disk, while it runs; undefined off Linux.
 */
export function sampleMachineCpu(): { stop(wallMs: number): { busyCores: number; iowaitCores: number } | undefined } {
  const before = machineCpu();
  return {
    stop(wallMs) {
      const after = machineCpu();
      if (!before || !after) return undefined;
      const seconds = wallMs / 1000;
      return { busyCores: (after.busy - before.busy) / seconds, iowaitCores: (after.iowait - before.iowait) / seconds };
    },
  };
}

/** Counts the queries a knex client sends while `fn` runs. */
export async function countQueries<T>(db: Knex, fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
  let queries = 0;
  const onQuery = () => {
    queries++;
  };
  db.on('query', onQuery);
  try {
    const result = await fn();
    return { result, queries };
  } finally {
    db.removeListener('query', onQuery);
  }
}

/** Runs `fn` under the V8 CPU profiler and writes the profile to `file`. */
export async function cpuProfile<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

/** The top functions by self time of a V8 CPU profile, for the report. */
export function topSelfTime(file: string, top = 15): { fn: string; ms: number; share: number }[] {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.replace(/^.*\/(node_modules|plugins|packages)\//, '$1/');
    const key = `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, ms]) => ({ fn, ms, share: total ? ms / total : 0 }));
}
