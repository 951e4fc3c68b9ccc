/**
 * Leaderboard totals, kept for a few seconds per filter. A page's rows cost
 * what the page costs, but its total counts every matching row (about 1.8 ms
 * of PostgreSQL's time at 10,000 entities, most of a first page, and it grows
 * with the catalog). Totals change only when scorecards are written or
 * deleted: the store clears them on its own writes, and another replica's
 * writes show within the time to live.
 */
export class RecentTotals {
  readonly #totals = new Map<string, { total: number; until: number }>();
  /** Bumped by clear(): a count begun before a write must not be kept after it. */
  #generation = 0;

  constructor(
    private readonly ttlMs: number,
    /** Filters remembered at most (free-text searches make keys without end). */
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): number | undefined {
    const entry = this.#totals.get(key);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.total;
    this.#totals.delete(key);
    return undefined;
  }

  /** The generation to pass to set() for a count that starts now. */
  get generation(): number {
    return this.#generation;
  }

  /** Keeps a total counted since `generation`, unless a write cleared the totals meanwhile. */
  set(key: string, total: number, generation: number): void {
    if (this.ttlMs <= 0 || generation !== this.#generation) return;
    if (this.#totals.size >= this.maxEntries) this.#totals.clear();
    this.#totals.set(key, { total, until: this.now() + this.ttlMs });
  }

  clear(): void {
    this.#generation++;
    this.#totals.clear();
  }
}
