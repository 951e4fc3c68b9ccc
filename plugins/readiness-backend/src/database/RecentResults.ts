/**
 * Results of org-wide queries, kept for a few seconds per key: leaderboard
 * totals per filter and the organisation's summary. Both read every
 * scorecard (a page's total counts every matching row, about 1.8 ms of
 * PostgreSQL's time at 10,000 entities and most of a first page; the summary
 * averages every row and category), so their cost grows with the catalog
 * while their results change only when scorecards are written or deleted:
 * the store clears them on its own writes, and another replica's writes
 * show within the time to live.
 */
export class RecentResults<T> {
  readonly #results = new Map<string, { value: T; until: number }>();
  /** Bumped by clear(): a result queried before a write must not be kept after it. */
  #generation = 0;

  constructor(
    private readonly ttlMs: number,
    /** Keys remembered at most (free-text searches make filters without end). */
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): T | undefined {
    const entry = this.#results.get(key);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.value;
    this.#results.delete(key);
    return undefined;
  }

  /** The generation to pass to set() for a query that starts now. */
  get generation(): number {
    return this.#generation;
  }

  /** Keeps a result queried since `generation`, unless a write cleared the results meanwhile. */
  set(key: string, value: T, generation: number): void {
    if (this.ttlMs <= 0 || generation !== this.#generation) return;
    if (this.#results.size >= this.maxEntries) this.#results.clear();
    this.#results.set(key, { value, until: this.now() + this.ttlMs });
  }

  clear(): void {
    this.#generation++;
    this.#results.clear();
  }
}
