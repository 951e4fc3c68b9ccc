import { RepositorySnapshot, SnapshotLimits } from '../../snapshot/RepositorySnapshot';
import { InMemorySnapshot } from '../../snapshot/InMemorySnapshot';
import { LocalFolderSnapshot, LocalFolderListing } from '../../snapshot/LocalFolderSnapshot';

/**
 * A snapshot as data, to hand to a worker thread: a local folder's listing
 * (the worker reads the files itself) or a downloaded tree's contents.
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
    return portable && { kind: 'memory', ...portable };
  }
  return undefined;
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
