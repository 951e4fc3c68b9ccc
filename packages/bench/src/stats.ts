/** Pure statistics helpers of the benchmarks. */

/**
 * The p-th percentile (0-100) of the values, by the nearest-rank method on the
 * sorted values (the smallest value with at least p% of the values at or
 * below it). NaN for no values.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  if (p < 0 || p > 100 || Number.isNaN(p)) {
    throw new RangeError(`percentile must be within 0..100, got ${p}`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  if (p === 0) return sorted[0];
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** p50, p95 and p99 at once (one sort). */
export function latencySummary(values: readonly number[]): {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
} {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length === 0
      ? NaN
      : sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    mean: sorted.length ? sum / sorted.length : NaN,
  };
}

/** The median: the mean of the two middle values for an even count. NaN for none. */
export function median(values: readonly number[]): number {
  const finite = values.filter(v => Number.isFinite(v));
  if (finite.length === 0) return NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The median of each numeric field over several repeats of the same record
 * shape; non-numeric fields are taken from the first repeat.
 */
export function medianOf<T extends object>(repeats: readonly T[]): T {
  if (repeats.length === 0) throw new Error('medianOf needs at least one repeat');
  const rows = repeats as readonly Record<string, unknown>[];
  const out: Record<string, unknown> = { ...rows[0] };
  for (const key of Object.keys(rows[0])) {
    if (typeof rows[0][key] === 'number') {
      out[key] = median(rows.map(r => r[key] as number));
    }
  }
  return out as T;
}

/** A seeded pseudo-random generator (mulberry32): the same seed, the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Formats a number for the report: fixed decimals, or '-' when missing. */
export function fmt(value: number | undefined, decimals = 1): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** Bytes as MiB with one decimal. */
export function mib(bytes: number | undefined): string {
  return bytes === undefined || !Number.isFinite(bytes) ? '-' : `${fmt(bytes / 1024 / 1024, 1)} MiB`;
}
