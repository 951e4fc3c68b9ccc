import {
  AuditRunSummary,
  EntityLeaderboardRow,
  GroupLeaderboardRow,
  HistoryPoint,
  LeaderboardQuery,
  LeaderboardResponse,
  ReadinessSummary,
  Scorecard,
} from '@prodready/plugin-readiness-common';

/** A stored scorecard with the source ETag it was computed from. */
export interface StoredScorecard {
  scorecard: Scorecard;
  /** The source revision marker plus the check catalog's signature. */
  etag?: string;
}

/** Where scorecards, history and run summaries live. */
export interface ReadinessStore {
  getScorecard(entityRef: string): Promise<StoredScorecard | undefined>;
  /**
   * Records that an audit found nothing changed: moves the audit time only,
   * with no history point (history records changes).
   */
  touchScorecard(entityRef: string, auditedAt: string): Promise<void>;
  /** Upserts the scorecard and appends history, in one transaction. */
  saveScorecard(scorecard: Scorecard, etag?: string): Promise<void>;
  getHistory(entityRef: string, limit: number): Promise<HistoryPoint[]>;
  leaderboard(
    query: LeaderboardQuery,
  ): Promise<LeaderboardResponse<EntityLeaderboardRow | GroupLeaderboardRow>>;
  summary(): Promise<Omit<ReadinessSummary, 'lastRun'>>;
  /** Every entity ref that has a scorecard. */
  listEntityRefs(): Promise<string[]>;
  deleteScorecards(entityRefs: string[]): Promise<number>;
  /** Deletes history older than `before`; returns the number of rows. */
  pruneHistory(before: Date): Promise<number>;
  saveRun(summary: AuditRunSummary): Promise<void>;
  /** The most recent run summary over all shards. */
  lastRun(): Promise<AuditRunSummary | undefined>;
}
