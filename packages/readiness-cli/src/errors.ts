/**
 * A usage or input error: the CLI prints its message on one line and exits
 * with code 2, without a stack trace.
 */
export class UsageError extends Error {
  readonly name = 'UsageError';
}

/** The exit codes of the CLI. */
export const EXIT = {
  ok: 0,
  /** The audit fell short of `--fail-under` or `--fail-on-level`. */
  gate: 1,
  /** Usage and input errors. */
  usage: 2,
  /** A bug: an unexpected error (message on stderr; stack with READINESS_DEBUG=1). */
  internal: 3,
} as const;

/** Levenshtein distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(
        row[j] + 1,
        row[j - 1] + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = tmp;
    }
  }
  return row[b.length];
}

/** The closest of `candidates` to `value`, when it is close enough. */
export function closest(
  value: string,
  candidates: readonly string[],
): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(value, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, value.length / 3)
    ? best
    : undefined;
}
