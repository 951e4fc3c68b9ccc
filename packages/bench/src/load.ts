/**
 * A bounded HTTP load generator for loopback addresses: `clients` concurrent
 * keep-alive clients send requests for `durationMs` (and at most
 * `maxRequests`), recording each request's time. It runs in a child process
 * (see loadWorker.ts) so that it does not share the backend's event loop.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { latencySummary } from './stats';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

export interface LoadSpec {
  baseUrl: string;
  headers?: Record<string, string>;
  /** Requests taken in turn by the clients. */
  requests: LoadRequest[];
  clients: number;
  durationMs: number;
  maxRequests?: number;
  /** Per-request time limit. */
  timeoutMs?: number;
}

export interface LoadResult {
  count: number;
  errors: number;
  statuses: Record<string, number>;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  rps: number;
  bytes: number;
}

const LOOPBACK = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/;

/** Refuses any target but a loopback address. */
export function assertLoopback(baseUrl: string): void {
  if (!LOOPBACK.test(baseUrl.replace(/\/+$/, ''))) {
    throw new Error(`The load generator only targets loopback addresses, not ${baseUrl}`);
  }
}

/** One request; resolves with its status, time and size (never rejects). */
export function timedRequest(
  agent: http.Agent,
  baseUrl: string,
  headers: Record<string, string>,
  req: LoadRequest,
  timeoutMs: number,
): Promise<{ status: number; ms: number; bytes: number; body?: Buffer }> {
  const url = new URL(req.path, baseUrl);
  const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
  return new Promise(resolve => {
    const started = performance.now();
    const r = http.request(
      url,
      {
        method: req.method,
        agent,
        headers: {
          ...headers,
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
        },
        timeout: timeoutMs,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, bytes: body.length, body });
        });
        res.on('error', () => resolve({ status: 0, ms: performance.now() - started, bytes: 0 }));
      },
    );
    r.on('timeout', () => r.destroy(new Error('timeout')));
    r.on('error', () => resolve({ status: 0, ms: performance.now() - started, bytes: 0 }));
    if (payload) r.write(payload);
    r.end();
  });
}

/** Runs the load in this process. Used by the worker, and by tests. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  assertLoopback(spec.baseUrl);
  if (spec.requests.length === 0) throw new Error('No requests to send');
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.clients });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let bytes = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + spec.durationMs;
  const max = spec.maxRequests ?? Number.MAX_SAFE_INTEGER;
  const client = async () => {
    while (performance.now() < deadline && next < max) {
      const req = spec.requests[next++ % spec.requests.length];
      const r = await timedRequest(agent, spec.baseUrl, spec.headers ?? {}, req, spec.timeoutMs ?? 30_000);
      latencies.push(r.ms);
      bytes += r.bytes;
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status < 200 || r.status >= 300) errors++;
    }
  };
  await Promise.all(Array.from({ length: spec.clients }, client));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  const s = latencySummary(latencies);
  return {
    count: s.count,
    errors,
    statuses,
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
    max: s.max,
    mean: s.mean,
    rps: s.count / elapsed,
    bytes,
  };
}

/** Runs the load in a child process and returns its result. */
export function runLoadInChild(spec: LoadSpec): Promise<LoadResult> {
  assertLoopback(spec.baseUrl);
  return new Promise((resolve, reject) => {
    // The bench runs from source only (never built): the worker is beside this file.
    // eslint-disable-next-line no-restricted-syntax
    const child = fork(join(__dirname, 'loadWorker.ts'), [], {
      execArgv: ['-r', require.resolve('@backstage/cli/config/nodeTransform.cjs')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let done = false;
    // The worker stops by itself at the deadline; this is a backstop.
    const backstop = setTimeout(() => {
      if (!done) child.kill('SIGKILL');
    }, spec.durationMs + 120_000);
    child.on('message', (msg: { result?: LoadResult; error?: string; type?: string }) => {
      // The node transform of the worker reports each file it loads ({ type: 'watch' }).
      if (!msg || (msg.result === undefined && msg.error === undefined)) return;
      done = true;
      clearTimeout(backstop);
      if (msg.error) reject(new Error(msg.error));
      else resolve(msg.result!);
      child.disconnect();
    });
    child.on('exit', code => {
      clearTimeout(backstop);
      if (!done) reject(new Error(`The load worker exited with ${code} before reporting`));
    });
    child.send(spec);
  });
}
