import { Scorecard } from '@prodready/plugin-readiness-common';
import { Worker } from 'node:worker_threads';
import { AuditInput } from '../AuditEngine';
import { toPortable } from './portable';
import { AuditFolderRequest, AuditFolderResult, AuditWorkerData, WorkerReply, WorkerRequest } from './protocol';

/** Options of {@link AuditWorkerPool}. @public */
export interface AuditWorkerPoolOptions {
  /** Worker threads; at least 1. */
  size: number;
  /** The `readiness` config block as data (`config.get()`), for settings and config-defined checks. */
  config: AuditWorkerData['config'];
  /**
   * An audit that has not answered by then is given up and its worker
   * replaced: a check that blocks its thread cannot stop the others.
   */
  auditTimeoutMs: number;
  /**
   * A worker with nothing to do for this long is stopped (default 30 s), so
   * that between scheduled audits the backend holds no idle threads; the
   * next audit starts them again.
   */
  idleTimeoutMs?: number;
}

const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

// The worker loads this package by name, so that it runs the same build as
// the caller: dist/ when installed, src/ (through the TypeScript loader the
// backend was started with, or the one named here) in development.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
if (workerData.transform && !require.extensions['.ts']) require(workerData.transform);
require(workerData.entry).runAuditWorker();
`;

function workerData(config: AuditWorkerData['config']): AuditWorkerData {
  const entry = require.resolve('@prodready/plugin-readiness-node');
  let transform: string | undefined;
  if (entry.endsWith('.ts')) {
    try {
      transform = require.resolve('@backstage/cli/config/nodeTransform.cjs');
    } catch {
      transform = undefined; // the backend's own loader must do
    }
  }
  return { entry, transform, config };
}

interface Task {
  request: WorkerRequest;
  resolve(reply: WorkerReply): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  task?: Task;
  timer?: NodeJS.Timeout;
  idleTimer?: NodeJS.Timeout;
  /** The worker has loaded the checks: deadlines run from then, not from its start. */
  ready?: boolean;
}

/**
 * Runs audits of the built-in and config-defined checks in worker threads,
 * so that a scheduled audit uses every core and a check that hangs its
 * thread is cut off. Takes snapshots that can cross threads (local folders
 * and downloaded trees); {@link AuditWorkerPool.tryAudit} says which.
 * @public
 */
export class AuditWorkerPool {
  readonly #options: AuditWorkerPoolOptions;
  readonly #data: AuditWorkerData;
  readonly #slots: Slot[] = [];
  readonly #queue: Task[] = [];
  #nextId = 1;
  #closed = false;

  constructor(options: AuditWorkerPoolOptions) {
    if (!(options.size >= 1)) throw new Error(`AuditWorkerPool needs at least one worker, got ${options.size}`);
    this.#options = options;
    this.#data = workerData(options.config);
  }

  /** Worker threads running now: they start with work and stop when idle. */
  get threads(): number {
    return this.#slots.length;
  }

  /**
   * Audits in a worker thread, or returns undefined at once when the input
   * cannot cross threads (no snapshot, reused results, a snapshot that links
   * through a function). Rejects when the pool is closed or the audit fails
   * or times out.
   */
  tryAudit(input: AuditInput): Promise<Scorecard> | undefined {
    const snapshot = !input.reuseRepositoryResults && input.snapshot && toPortable(input.snapshot);
    if (!snapshot) return undefined;
    return this.#run({
      id: this.#nextId++,
      type: 'audit',
      entity: input.entity,
      snapshot,
      source: input.source,
    }).then(reply => (reply as { scorecard: Scorecard }).scorecard);
  }

  /** Audits in a worker thread; rejects when the input cannot cross threads. */
  audit(input: AuditInput): Promise<Scorecard> {
    return this.tryAudit(input) ?? Promise.reject(new Error('This audit cannot run in a worker thread'));
  }

  /**
   * Lists a local folder and audits it in one worker task, so that the
   * listing never crosses threads. With `unlessFingerprint`, a folder whose
   * listing has that fingerprint is not audited: the answer is 'unchanged'
   * (an unchanged folder costs its stats only). The scorecard's source
   * carries the listing's fingerprint as its ETag.
   */
  async auditFolder(request: AuditFolderRequest): Promise<AuditFolderResult> {
    const reply = await this.#run({ ...request, id: this.#nextId++, type: 'audit-folder' });
    if ('unchanged' in reply) return 'unchanged';
    if ('unavailable' in reply) return { unavailable: reply.unavailable };
    if (!('head' in reply)) throw new Error('The audit worker answered a folder audit with no scorecard');
    const { head, document, fingerprint } = reply;
    return { head, document, fingerprint };
  }

  #run(request: WorkerRequest): Promise<WorkerReply> {
    if (this.#closed) return Promise.reject(new Error('The audit worker pool is closed'));
    return new Promise<WorkerReply>((resolve, reject) => {
      this.#queue.push({ request, resolve, reject });
      this.#dispatch();
    });
  }

  /** Stops the workers; queued audits are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0)) task.reject(new Error('The audit worker pool is closed'));
    await Promise.all(
      this.#slots.map(slot => {
        this.#finish(slot, new Error('The audit worker pool is closed'));
        clearTimeout(slot.idleTimer);
        return slot.worker.terminate();
      }),
    );
  }

  #spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: this.#data,
      // An audit's garbage is short-lived: a small young generation keeps
      // each thread ~20 MB smaller at no measured cost in speed.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    // A scheduled audit must not keep a stopping backend alive.
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) {
        slot.ready = true;
        if (slot.task) this.#arm(slot, slot.task);
        return;
      }
      const task = slot.task;
      if (!task || task.request.id !== reply.id) return;
      this.#finish(slot);
      if ('error' in reply) task.reject(new Error(reply.error));
      else task.resolve(reply);
      this.#dispatch();
    });
    worker.on('error', error => this.#replace(slot, error instanceof Error ? error : new Error(String(error))));
    worker.on('exit', code => this.#replace(slot, new Error(`audit worker stopped with code ${code}`)));
    return slot;
  }

  #dispatch(): void {
    const free = this.#slots.filter(slot => !slot.task).length;
    for (let i = free; i < this.#queue.length && this.#slots.length < this.#options.size; i++) {
      this.#slots.push(this.#spawn());
    }
    for (const slot of this.#slots) {
      if (slot.task || this.#queue.length === 0) continue;
      const task = this.#queue.shift()!;
      clearTimeout(slot.idleTimer);
      slot.idleTimer = undefined;
      slot.task = task;
      if (slot.ready) this.#arm(slot, task);
      slot.worker.postMessage(task.request);
    }
    this.#idleAfterDispatch();
  }

  /** Starts the deadline of the slot's task. */
  #arm(slot: Slot, task: Task): void {
    slot.timer = setTimeout(() => {
      const { entity } = task.request;
      const what = `The audit of ${entity.kind}:${entity.metadata.name}`;
      this.#replace(
        slot,
        new Error(`${what} did not finish within ${this.#options.auditTimeoutMs} ms; its worker thread was blocked and is replaced`),
      );
    }, this.#options.auditTimeoutMs);
  }

  /** Ends the slot's task, rejecting it when an error is given. */
  #finish(slot: Slot, error?: Error): void {
    clearTimeout(slot.timer);
    const task = slot.task;
    slot.task = undefined;
    slot.timer = undefined;
    if (task && error) task.reject(error);
  }

  // A worker that failed, exited or timed out is stopped; the queue gets a new one.
  #replace(slot: Slot, error: Error): void {
    if (this.#closed || !this.#slots.includes(slot)) return;
    this.#finish(slot, error);
    this.#stop(slot);
    this.#dispatch();
  }

  #stop(slot: Slot): void {
    this.#slots.splice(this.#slots.indexOf(slot), 1);
    clearTimeout(slot.idleTimer);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {}); // it is being stopped: nothing more to hear
    void slot.worker.terminate();
  }

  // Workers left without a task stop after the idle time.
  #idleAfterDispatch(): void {
    for (const slot of this.#slots) {
      if (slot.task || slot.idleTimer) continue;
      slot.idleTimer = setTimeout(() => {
        if (!slot.task && this.#slots.includes(slot)) this.#stop(slot);
      }, this.#options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
      slot.idleTimer.unref();
    }
  }
}
