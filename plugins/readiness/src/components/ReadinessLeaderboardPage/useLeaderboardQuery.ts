import {
  LeaderboardQuery,
  LeaderboardSort,
} from '@prodready/plugin-readiness-common';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  leaderboardSearchParams,
  parseLeaderboardSearchParams,
} from '../../api/query';

export const DEFAULT_LIMIT = 25;

/** The order a column sorts in when first clicked. */
export const DEFAULT_ORDER: Record<LeaderboardSort, 'asc' | 'desc'> = {
  score: 'desc',
  name: 'asc',
  gaps: 'desc',
  auditedAt: 'desc',
};

/** The leaderboard query with every default filled in, as sent to the API. */
export type EffectiveQuery = LeaderboardQuery &
  Required<
    Pick<LeaderboardQuery, 'groupBy' | 'sort' | 'order' | 'offset' | 'limit'>
  >;

/**
 * The leaderboard view lives in the URL query string (same parameter names
 * as the API), so a view can be shared. Changing a filter resets paging.
 */
export function useLeaderboardQuery() {
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useMemo<EffectiveQuery>(() => {
    const parsed = parseLeaderboardSearchParams(searchParams);
    const sort = parsed.sort ?? 'score';
    return {
      ...parsed,
      groupBy: parsed.groupBy ?? 'entity',
      sort,
      order: parsed.order ?? DEFAULT_ORDER[sort],
      offset: parsed.offset ?? 0,
      limit: parsed.limit || DEFAULT_LIMIT,
    };
  }, [searchParams]);

  const update = useCallback(
    (patch: Partial<LeaderboardQuery>, keepOffset = false) => {
      setSearchParams(
        current => {
          const next: LeaderboardQuery = {
            ...parseLeaderboardSearchParams(current),
            ...patch,
          };
          if (!keepOffset) next.offset = undefined;
          if (next.groupBy === 'entity') next.groupBy = undefined;
          return leaderboardSearchParams(next);
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );

  return { query, update };
}
