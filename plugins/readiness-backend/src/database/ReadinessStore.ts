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
import { ScorecardHead } from '@prodready/plugin-readiness-node';

/** A stored scorecard with the source ETag it was computed from. */
export interface StoredScorecard {
  scorecard: Scorecard;
  /** The source revision marker plus the check catalog's signature. */
  etag?: string;
}

/** What a scheduled audit needs to know of an entity's last audit. */
export interface AuditState {
  etag?: string;
  /** Hash of everything the last audit read; see AuditService. */
  inputHash?: string;
}

/**
 * A scorecard to store, with what it was computed from. From a worker
 * thread it comes as its head and its JSON, so that its bulk (checks and
 * gaps) is never rebuilt as objects on the main thread nor serialised there.
 */
export interface ScorecardWrite {
  /** The whole scorecard, or its head when `document` is given. */
  scorecard: ScorecardHead;
  /** The whole scorecard as JSON; computed from `scorecard` when absent. */
  document?: string;
  etag?: string;
  inputHash?: string;
}

/** An entity whose audit found nothing changed. */
export interface ScorecardTouch {
  entityRef: string;
  /** Set when the inputs' hash moved without changing any result. */
  inputHash?: string;
}

/** Where scorecards, history and run summaries live. */
export interface ReadinessStore {
  getScorecard(entityRef: string): Promise<StoredScorecard | undefined>;
  /** The last audit's state of each of the entities that has one. */
  getAuditStates(entityRefs: string[]): Promise<Map<string, AuditState>>;
  /**
   * Records that audits found nothing changed: moves the audit time only,
   * with no history point (history records changes).
   */
  touchScorecards(touches: ScorecardTouch[], auditedAt: string): Promise<void>;
  /** Upserts the scorecards and appends history, in one transaction. */
  saveScorecards(writes: ScorecardWrite[]): Promise<void>;
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
