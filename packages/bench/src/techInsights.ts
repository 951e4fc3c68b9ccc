/**
 * Tech Insights side by side, in the same backend over the same catalog: its
 * org-wide check run against Readiness' leaderboard page, and its per-entity
 * check run against Readiness' stored scorecard.
 */
import http from 'node:http';
import { BenchBackend, TI_CHECKS, TI_RETRIEVERS, USER_TOKEN } from './backend';
import { countQueries } from './instrument';
import { LoadRequest, timedRequest } from './load';
import { GeneratedCatalog } from './repos';
import { latencySummary, seededRandom } from './stats';

export interface TechInsightsResult {
  n: number;
  retrievalMs: Record<string, number>;
  facts: number;
  /** Org-wide POST /checks/run: each call's time. */
  orgWideMs: number[];
  orgWideTooSlow: boolean;
  orgWideEntities: number;
  orgWideBytes: number;
  orgWideQueries: number;
  /** GET /leaderboard first page, one client, in sequence. */
  leaderboard: { p50: number; p95: number; count: number; queries: number };
  perEntity: {
    ti: { p50: number; p95: number; count: number; queries: number };
    readiness: { p50: number; p95: number; count: number; queries: number };
  };
}

async function sequential(
  agent: http.Agent,
  baseUrl: string,
  requests: LoadRequest[],
  count: number,
): Promise<number[]> {
  const headers = { authorization: `Bearer ${USER_TOKEN}` };
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = await timedRequest(agent, baseUrl, headers, requests[i % requests.length], 60_000);
    if (r.status !== 200) {
      throw new Error(`${requests[i % requests.length].path}: ${r.status} ${r.body?.toString().slice(0, 300)}`);
    }
    times.push(r.ms);
  }
  return times;
}

export async function techInsightsSection(options: {
  backend: BenchBackend;
  catalog: GeneratedCatalog;
  repeats: number;
  maxCallSeconds: number;
  seed: number;
  log: (line: string) => void;
}): Promise<TechInsightsResult> {
  const { backend, catalog, log } = options;
  const tiDb = backend.techInsightsDb;
  if (!tiDb) throw new Error('Tech Insights is not installed in this backend');
  const headers = { authorization: `Bearer ${USER_TOKEN}` };
  const agent = new http.Agent({ keepAlive: true });

  // Facts: run each retriever once, as its schedule would.
  const retrievalMs: Record<string, number> = {};
  for (const id of TI_RETRIEVERS) {
    const t0 = performance.now();
    await backend.triggerTask(id);
    retrievalMs[id] = performance.now() - t0;
  }
  const [{ c: facts }] = await tiDb('facts').count({ c: '*' });
  log(
    `  Tech Insights facts: ${facts} rows from ${TI_RETRIEVERS.length} retrievers in ${(
      Object.values(retrievalMs).reduce((a, b) => a + b, 0) / 1000
    ).toFixed(1)} s`,
  );
  if (Number(facts) < catalog.entities.length) {
    throw new Error(`Tech Insights stored ${facts} facts for ${catalog.entities.length} entities: its retrievers failed`);
  }
  await backend.settle();

  // Org-wide: what an overview of all entities' checks costs. An empty entity
  // list means every entity with facts (a full list would pass the JSON body limit).
  const orgWide: LoadRequest = { method: 'POST', path: '/api/tech-insights/checks/run', body: { entities: [], checks: TI_CHECKS } };
  const orgWideMs: number[] = [];
  let orgWideTooSlow = false;
  let orgWideEntities = 0;
  let orgWideBytes = 0;
  let orgWideQueries = 0;
  for (let r = 0; r < options.repeats; r++) {
    const { result, queries } = await countQueries(tiDb, () =>
      timedRequest(agent, backend.baseUrl, headers, orgWide, 30 * 60_000),
    );
    if (result.status !== 200) throw new Error(`Tech Insights org-wide run: ${result.status} ${result.body?.toString().slice(0, 300)}`);
    orgWideMs.push(result.ms);
    orgWideBytes = result.bytes;
    orgWideQueries = queries;
    const body = JSON.parse(result.body!.toString()) as { entity: string; results: { result: boolean }[]; error?: unknown }[];
    orgWideEntities = body.length;
    const errors = body.filter(b => b.error).length;
    log(
      `  Tech Insights org-wide POST /checks/run ${r + 1}/${options.repeats}: ${body.length} entities (${errors} errors), ${(result.ms / 1000).toFixed(2)} s, ${(result.bytes / 2 ** 20).toFixed(1)} MiB, ${queries} queries`,
    );
    if (errors > 0) throw new Error(`Tech Insights answered errors for ${errors} entities`);
    if (result.ms > options.maxCallSeconds * 1000) {
      orgWideTooSlow = true;
      log(`  (over ${options.maxCallSeconds} s per call: no more repeats at this N)`);
      break;
    }
  }

  // Readiness' leaderboard page, the same way (one client, in sequence).
  const board: LoadRequest = { method: 'GET', path: '/api/readiness/leaderboard' };
  const { queries: boardQueries } = await countQueries(backend.readinessDb, () => sequential(agent, backend.baseUrl, [board], 1));
  const boardTimes = await sequential(agent, backend.baseUrl, [board], 300);
  const b = latencySummary(boardTimes);

  // Per entity: the same random entities on both sides.
  const rand = seededRandom(options.seed + 17);
  const sample = Array.from({ length: 300 }, () => catalog.entities[Math.floor(rand() * catalog.entities.length)]);
  const tiOne = sample.map(e => ({
    method: 'POST' as const,
    path: `/api/tech-insights/checks/run/default/component/${e.name}`,
    body: { checks: TI_CHECKS },
  }));
  const rdOne = sample.map(e => ({ method: 'GET' as const, path: `/api/readiness/scorecards/component/default/${e.name}` }));
  const { queries: tiOneQueries } = await countQueries(tiDb, () => sequential(agent, backend.baseUrl, tiOne, 1));
  const { queries: rdOneQueries } = await countQueries(backend.readinessDb, () => sequential(agent, backend.baseUrl, rdOne, 1));
  const ti = latencySummary(await sequential(agent, backend.baseUrl, tiOne, tiOne.length));
  const rd = latencySummary(await sequential(agent, backend.baseUrl, rdOne, rdOne.length));
  agent.destroy();
  log(
    `  leaderboard first page (1 client): p50 ${b.p50.toFixed(2)} ms; per entity: Tech Insights p50 ${ti.p50.toFixed(2)} ms (${tiOneQueries} queries), Readiness scorecard p50 ${rd.p50.toFixed(2)} ms (${rdOneQueries} queries)`,
  );
  return {
    n: catalog.entities.length,
    retrievalMs,
    facts: Number(facts),
    orgWideMs,
    orgWideTooSlow,
    orgWideEntities,
    orgWideBytes,
    orgWideQueries,
    leaderboard: { p50: b.p50, p95: b.p95, count: b.count, queries: boardQueries },
    perEntity: {
      ti: { p50: ti.p50, p95: ti.p95, count: ti.count, queries: tiOneQueries },
      readiness: { p50: rd.p50, p95: rd.p95, count: rd.count, queries: rdOneQueries },
    },
  };
}
