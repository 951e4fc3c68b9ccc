/** Runs `fn` over the items with at most `limit` calls in flight. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
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
