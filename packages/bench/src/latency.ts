/** The latency section: Readiness' read endpoints under concurrent load. */
import { BenchBackend, USER_TOKEN } from './backend';
import { countQueries } from './instrument';
import { LoadRequest, LoadResult, runLoadInChild, timedRequest } from './load';
import { GeneratedCatalog } from './repos';
import { seededRandom } from './stats';
import http from 'node:http';

export interface EndpointLatency {
  endpoint: string;
  path: string;
  repeats: LoadResult[];
  /** Database queries of one request (sent alone). */
  queries: number;
}

export function readinessEndpoints(catalog: GeneratedCatalog, seed: number): { endpoint: string; requests: LoadRequest[] }[] {
  const rand = seededRandom(seed);
  const sample = Array.from({ length: 500 }, () => catalog.entities[Math.floor(rand() * catalog.entities.length)]);
  return [
    { endpoint: 'GET /leaderboard (first page)', requests: [{ method: 'GET', path: '/api/readiness/leaderboard' }] },
    {
      endpoint: 'GET /leaderboard (filtered)',
      requests: [{ method: 'GET', path: '/api/readiness/leaderboard?lifecycle=production&level=needs-work&sort=gaps' }],
    },
    { endpoint: 'GET /leaderboard?groupBy=owner', requests: [{ method: 'GET', path: '/api/readiness/leaderboard?groupBy=owner' }] },
    { endpoint: 'GET /summary', requests: [{ method: 'GET', path: '/api/readiness/summary' }] },
    {
      endpoint: 'GET /scorecards/:kind/:namespace/:name',
      requests: sample.map(e => ({ method: 'GET' as const, path: `/api/readiness/scorecards/component/default/${e.name}` })),
    },
  ];
}

export async function latencySection(options: {
  backend: BenchBackend;
  catalog: GeneratedCatalog;
  clients: number;
  durationSeconds: number;
  repeats: number;
  seed: number;
  log: (line: string) => void;
}): Promise<EndpointLatency[]> {
  const { backend, log } = options;
  const headers = { authorization: `Bearer ${USER_TOKEN}` };
  const out: EndpointLatency[] = [];
  await backend.settle();
  const agent = new http.Agent({ keepAlive: true });
  for (const { endpoint, requests } of readinessEndpoints(options.catalog, options.seed)) {
    // The queries of one request, alone.
    const { result: one, queries } = await countQueries(backend.readinessDb, () =>
      timedRequest(agent, backend.baseUrl, headers, requests[0], 30_000),
    );
    if (one.status !== 200) throw new Error(`${endpoint}: ${one.status} ${one.body?.toString().slice(0, 300)}`);
    const repeats: LoadResult[] = [];
    for (let r = 0; r < options.repeats; r++) {
      const result = await runLoadInChild({
        baseUrl: backend.baseUrl,
        headers,
        requests,
        clients: options.clients,
        durationMs: options.durationSeconds * 1000,
      });
      log(
        `  ${endpoint}: ${result.count} requests (${result.errors} errors), ${result.rps.toFixed(0)}/s, p50 ${result.p50.toFixed(2)} ms, p95 ${result.p95.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms; ${queries} queries/request`,
      );
      if (result.errors > 0) throw new Error(`${endpoint}: ${result.errors} failed requests: ${JSON.stringify(result.statuses)}`);
      repeats.push(result);
    }
    out.push({ endpoint, path: requests[0].path, repeats, queries });
  }
  agent.destroy();
  return out;
}
