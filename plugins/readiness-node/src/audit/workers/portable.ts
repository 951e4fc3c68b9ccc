import { RepositorySnapshot, SnapshotLimits, looksBinary } from '../../snapshot/RepositorySnapshot';
import { utf8Of } from '../../snapshot/utf8';
import { InMemorySnapshot } from '../../snapshot/InMemorySnapshot';
import { LocalFolderSnapshot, LocalFolderListing } from '../../snapshot/LocalFolderSnapshot';

/**
 * A snapshot as data, to hand to a worker thread: a local folder's listing
 * (the worker reads the files itself) or a downloaded tree's contents. Text
 * files of a downloaded tree cross as strings: as bytes, each arrived as an
 * allocation of its own outside the worker's heap, and the threads'
 * allocators kept some 300 MB of them after a run of 1,000 repositories.
 */
export type PortableSnapshot =
  | { kind: 'local'; listing: LocalFolderListing }
  | {
      kind: 'memory';
      files: Record<string, string | Uint8Array>;
      entityPath: string;
      limits: SnapshotLimits;
      truncated: boolean;
      urlBase?: string;
    };

/** The snapshot as data, or undefined for a kind that cannot cross threads. */
export function toPortable(snapshot: RepositorySnapshot): PortableSnapshot | undefined {
  if (snapshot instanceof LocalFolderSnapshot) {
    return snapshot.urlFor ? undefined : { kind: 'local', listing: snapshot.listing() };
  }
  if (snapshot instanceof InMemorySnapshot) {
    const portable = snapshot.portable();
    if (!portable) return undefined;
    const files: Record<string, string | Uint8Array> = {};
    for (const [path, content] of Object.entries(portable.files)) {
      files[path] = typeof content === 'string' || looksBinary(content) ? content : asText(content);
    }
    return { kind: 'memory', ...portable, files };
  }
  return undefined;
}

/** The text of UTF-8 bytes; the bytes themselves when they are not valid UTF-8, so that their size is counted as read. */
function asText(bytes: Uint8Array): string | Uint8Array {
  const text = utf8Of(bytes);
  return Buffer.byteLength(text) === bytes.byteLength ? text : bytes;
}

/** The snapshot again, on the other side. */
export function fromPortable(portable: PortableSnapshot): RepositorySnapshot {
  if (portable.kind === 'local') return LocalFolderSnapshot.fromListing(portable.listing);
  return new InMemorySnapshot(portable.files, {
    entityPath: portable.entityPath,
    limits: portable.limits,
    truncated: portable.truncated,
    urlBase: portable.urlBase,
  });
}
