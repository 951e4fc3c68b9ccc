import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { Scorecard, ScorecardSource } from '@prodready/plugin-readiness-common';
import { LocalFolderListing } from '../../snapshot/LocalFolderSnapshot';
import { SnapshotLimits } from '../../snapshot/RepositorySnapshot';
import { PortableSnapshot } from './portable';

/** What a worker thread is asked: an audit, or the listing of a folder. */
export type WorkerRequest =
  | { id: number; type: 'audit'; entity: Entity; snapshot: PortableSnapshot; source?: ScorecardSource }
  | {
      id: number;
      type: 'list';
      root: string;
      options: { entityPath?: string; limits?: Partial<SnapshotLimits> };
      /** Answer `unchanged` instead of a listing with this fingerprint. */
      unlessFingerprint?: string;
    };

/** A worker thread's answer; `ready` once, when it has loaded the checks. */
export type WorkerReply =
  | { ready: true }
  | { id: number; scorecard: Scorecard }
  | { id: number; listing: LocalFolderListing }
  | { id: number; unchanged: true }
  | { id: number; error: string };

/** What a worker thread starts with. */
export interface AuditWorkerData {
  /** Where to load the engine from: this package's entry point. */
  entry: string;
  /** A TypeScript loader, when the entry is source (development and tests). */
  transform?: string;
  /** The `readiness` config block. */
  config: ConstructorParameters<typeof ConfigReader>[0];
}
