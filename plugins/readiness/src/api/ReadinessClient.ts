import { parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CheckDefinition,
  HistoryPoint,
  LeaderboardQuery,
  LeaderboardResponse,
  ReadinessSummary,
  Scorecard,
} from '@prodready/plugin-readiness-common';
import {
  LeaderboardRow,
  ReadinessApi,
  ReadinessEntityRef,
} from './ReadinessApi';
import { leaderboardSearchParams } from './query';

/** {@link ReadinessApi} over HTTP, with the caller's credentials. @public */
export class ReadinessClient implements ReadinessApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getScorecard(entityRef: ReadinessEntityRef) {
    const response = await this.request(scorecardPath(entityRef));
    if (response.status === 404) return undefined;
    return this.json<Scorecard>(response);
  }

  async getHistory(
    entityRef: ReadinessEntityRef,
    options: { limit?: number } = {},
  ) {
    const params = new URLSearchParams();
    if (options.limit !== undefined) params.set('limit', String(options.limit));
    const path = `${scorecardPath(entityRef)}/history${suffix(params)}`;
    const body = await this.json<{ items: HistoryPoint[] }>(
      await this.request(path),
    );
    return body.items;
  }

  async runAudit(entityRef: ReadinessEntityRef) {
    const response = await this.request(`${scorecardPath(entityRef)}/audit`, {
      method: 'POST',
    });
    return this.json<Scorecard>(response);
  }

  async getLeaderboard(query: LeaderboardQuery) {
    const params = leaderboardSearchParams(query);
    const response = await this.request(`/leaderboard${suffix(params)}`);
    return this.json<LeaderboardResponse<LeaderboardRow>>(response);
  }

  async getSummary() {
    return this.json<ReadinessSummary>(await this.request('/summary'));
  }

  async getChecks() {
    const response = await this.request('/checks');
    return (await this.json<{ items: CheckDefinition[] }>(response)).items;
  }

  async exportCsv(query: LeaderboardQuery) {
    const params = leaderboardSearchParams({
      ...query,
      offset: undefined,
      limit: undefined,
    });
    const response = await this.request(`/export.csv${suffix(params)}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.blob();
  }

  private async request(path: string, init?: RequestInit) {
    const baseUrl = await this.discoveryApi.getBaseUrl('readiness');
    return this.fetchApi.fetch(`${baseUrl}${path}`, init);
  }

  private async json<T>(response: Response): Promise<T> {
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}

function suffix(params: URLSearchParams) {
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** `/scorecards/:kind/:namespace/:name`, lower-cased and URL-encoded. */
export function scorecardPath(entityRef: ReadinessEntityRef): string {
  const ref =
    typeof entityRef === 'string' ? parseEntityRef(entityRef) : entityRef;
  const parts = [ref.kind, ref.namespace ?? 'default', ref.name].map(p =>
    encodeURIComponent(p.toLocaleLowerCase('en-US')),
  );
  return `/scorecards/${parts.join('/')}`;
}
