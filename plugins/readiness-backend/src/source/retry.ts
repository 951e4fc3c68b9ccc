/** Attempts and waits for transient failures. */
export interface RetryOptions {
  attempts: number;
  /** First back-off in ms; doubles each attempt. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const TRANSIENT_CODES = new Set(['ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED', 'EAI_AGAIN', 'EPIPE', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function statusOf(error: any): number | undefined {
  const status = error?.response?.status ?? error?.statusCode ?? error?.status;
  if (typeof status === 'number') return status;
  const m = /\b(429|5\d\d)\b/.exec(String(error?.message ?? ''));
  return m ? Number(m[1]) : undefined;
}

/** True for failures worth retrying: 429, 5xx, timeouts and dropped connections. */
export function isTransient(error: unknown): boolean {
  const e = error as any;
  if (e?.name === 'NotFoundError' || e?.name === 'NotModifiedError' || e?.name === 'InputError') return false;
  const status = statusOf(e);
  if (status !== undefined) return status === 429 || status >= 500;
  if (TRANSIENT_CODES.has(e?.code) || TRANSIENT_CODES.has(e?.cause?.code)) return true;
  return /timed? ?out|ETIMEDOUT|ECONNRESET|socket hang up/i.test(String(e?.message ?? ''));
}

/** The wait a 429 asks for, from a Retry-After header in seconds or as a date. */
export function retryAfterMs(error: unknown): number | undefined {
  const e = error as any;
  const header =
    e?.retryAfter ?? e?.response?.headers?.get?.('retry-after') ?? e?.response?.headers?.['retry-after'];
  if (header === undefined || header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(String(header));
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

const defaultSleep = (ms: number) => new Promise<void>(r => setTimeout(r, ms));

/** Runs `fn`, retrying transient failures with exponential back-off (and Retry-After). */
export async function withRetries<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= options.attempts || !isTransient(error)) throw error;
      const wait = retryAfterMs(error) ?? base * 2 ** (attempt - 1);
      await sleep(Math.min(wait, max));
    }
  }
}
