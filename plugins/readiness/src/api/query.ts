import {
  LEVELS,
  LeaderboardGroupBy,
  LeaderboardQuery,
  LeaderboardSort,
  Level,
} from '@prodready/plugin-readiness-common';

const MULTI_KEYS = ['kind', 'owner', 'system', 'lifecycle', 'level'] as const;
const GROUP_BYS: LeaderboardGroupBy[] = ['entity', 'owner', 'system'];
const SORTS: LeaderboardSort[] = ['score', 'name', 'gaps', 'auditedAt'];

/**
 * Query parameters of a leaderboard query, in a stable order; multi-valued
 * filters repeat (`level=a&level=b`), empty values are left out.
 */
export function leaderboardSearchParams(
  query: LeaderboardQuery,
): URLSearchParams {
  const params = new URLSearchParams();
  if (query.groupBy) params.set('groupBy', query.groupBy);
  for (const key of MULTI_KEYS) {
    for (const value of query[key] ?? []) {
      if (value) params.append(key, value);
    }
  }
  if (query.q?.trim()) params.set('q', query.q.trim());
  if (query.sort) params.set('sort', query.sort);
  if (query.order) params.set('order', query.order);
  if (query.offset !== undefined) params.set('offset', String(query.offset));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  return params;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]) {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

function nonNegativeInt(value: string | null): number | undefined {
  if (value === null) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Reads a leaderboard query back from URL parameters, dropping invalid values. */
export function parseLeaderboardSearchParams(
  params: URLSearchParams,
): LeaderboardQuery {
  const list = (key: string) => params.getAll(key).filter(Boolean);
  const levels = list('level').filter((l): l is Level =>
    LEVELS.includes(l as Level),
  );
  const order = params.get('order');
  const query: LeaderboardQuery = {
    groupBy: oneOf(params.get('groupBy'), GROUP_BYS),
    kind: list('kind'),
    owner: list('owner'),
    system: list('system'),
    lifecycle: list('lifecycle'),
    level: levels,
    q: params.get('q') ?? undefined,
    sort: oneOf(params.get('sort'), SORTS),
    order: order === 'asc' || order === 'desc' ? order : undefined,
    offset: nonNegativeInt(params.get('offset')),
    limit: nonNegativeInt(params.get('limit')),
  };
  return query;
}
