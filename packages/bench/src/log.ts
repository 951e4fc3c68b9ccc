/** The bench's log lines: seconds since the bench started, in this process or the one that spawned it. */
const started = Number(process.env.BENCH_STARTED) || Date.now();

/** When the bench started (ms since the epoch), for a child process' log. */
export const benchStarted = started;

export function log(line: string): void {
  const t = ((Date.now() - started) / 1000).toFixed(0).padStart(5);
  process.stdout.write(`[${t}s] ${line}\n`);
}
