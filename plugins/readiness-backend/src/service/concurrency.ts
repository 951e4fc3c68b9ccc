/**
 * A queue that runs at most `limit` tasks at once, started in the order
 * given: work queued behind a batch starts as soon as a slot is free.
 */
export function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  const startNext = () => {
    if (active >= limit || waiting.length === 0) return;
    active++;
    waiting.shift()!();
  };
  return task =>
    new Promise((resolve, reject) => {
      waiting.push(() => {
        task()
          .then(resolve, reject)
          .finally(() => {
            active--;
            startNext();
          });
      });
      startNext();
    });
}

/** The shard (0..shards-1) an entity ref belongs to: a stable FNV-1a hash. */
export function shardOf(entityRef: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < entityRef.length; i++) {
    hash ^= entityRef.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}
