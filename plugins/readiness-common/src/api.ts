import { CategoryId, GapCounts, Level, ScorecardStatus } from './types';

/** One point of an entity's score history. @public */
export interface HistoryPoint {
  auditedAt: string;
  score: number;
  level: Level;
  categories: Partial<Record<CategoryId, number | null>>;
}

/** Grouping of the leaderboard. @public */
export type LeaderboardGroupBy = 'entity' | 'owner' | 'system';

/** Sort keys of the leaderboard. @public */
export type LeaderboardSort = 'score' | 'name' | 'gaps' | 'auditedAt';

/** Query of `GET /leaderboard`. @public */
export interface LeaderboardQuery {
  groupBy?: LeaderboardGroupBy;
  kind?: string[];
  owner?: string[];
  system?: string[];
  lifecycle?: string[];
  level?: Level[];
  q?: string;
  sort?: LeaderboardSort;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

/** A leaderboard row of one entity. @public */
export interface EntityLeaderboardRow {
  rank: number;
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  type?: string;
  score: number;
  level: Level;
  status: ScorecardStatus;
  gapCounts: GapCounts;
  auditedAt: string;
}

/** A leaderboard row of a team or system. @public */
export interface GroupLeaderboardRow {
  rank: number;
  /** Owner or system entity ref; `(none)` when unset. */
  group: string;
  entities: number;
  meanScore: number;
  minScore: number;
  levels: Record<Level, number>;
  criticalGaps: number;
}

/** A page of the leaderboard. @public */
export interface LeaderboardResponse<Row = EntityLeaderboardRow> {
  rows: Row[];
  total: number;
  offset: number;
  limit: number;
}

/** The last scheduled run. @public */
export interface AuditRunSummary {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  shard?: number;
  entities: number;
  audited: number;
  /** Entities whose source was unchanged: reused results, no file read. */
  unchanged: number;
  /**
   * Entities whose source could not be read: scored on catalog checks, or
   * `stale` (the last repository results kept) when the source is there.
   */
  sourceUnavailable: number;
  /** Entities whose audit failed outright (e.g. the database was down). */
  failed: number;
  deleted: number;
}

/** `GET /summary`: the organisation at a glance. @public */
export interface ReadinessSummary {
  entities: number;
  meanScore: number | null;
  levels: Record<Level, number>;
  categories: { id: CategoryId; title: string; meanScore: number | null }[];
  gapCounts: GapCounts;
  lastRun?: AuditRunSummary;
}
