import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  CheckDefinition,
  EntityLeaderboardRow,
  GroupLeaderboardRow,
  HistoryPoint,
  LeaderboardQuery,
  LeaderboardResponse,
  ReadinessSummary,
  Scorecard,
} from '@prodready/plugin-readiness-common';

/** An entity ref as a string (`component:default/payments`) or compound ref. @public */
export type ReadinessEntityRef = string | CompoundEntityRef;

/** A row of the leaderboard: one entity, or one team or system. @public */
export type LeaderboardRow = EntityLeaderboardRow | GroupLeaderboardRow;

/** Client of the Readiness backend (`/api/readiness`). @public */
export interface ReadinessApi {
  /** The latest scorecard, or `undefined` when the entity was never audited. */
  getScorecard(entityRef: ReadinessEntityRef): Promise<Scorecard | undefined>;
  /** Score history, oldest first. */
  getHistory(
    entityRef: ReadinessEntityRef,
    options?: { limit?: number },
  ): Promise<HistoryPoint[]>;
  /** Audits the entity now and returns the new scorecard. */
  runAudit(entityRef: ReadinessEntityRef): Promise<Scorecard>;
  /** One page of the leaderboard, rows shaped by `query.groupBy`. */
  getLeaderboard(
    query: LeaderboardQuery,
  ): Promise<LeaderboardResponse<LeaderboardRow>>;
  /** The organisation at a glance. */
  getSummary(): Promise<ReadinessSummary>;
  /** The checks in force. */
  getChecks(): Promise<CheckDefinition[]>;
  /** The leaderboard (all pages) as CSV; paging in the query is ignored. */
  exportCsv(query: LeaderboardQuery): Promise<Blob>;
}

/** @public */
export const readinessApiRef = createApiRef<ReadinessApi>({
  id: 'plugin.readiness.service',
});

/** True for rows of the Teams and Systems views. @public */
export function isGroupRow(row: LeaderboardRow): row is GroupLeaderboardRow {
  return 'group' in row;
}
