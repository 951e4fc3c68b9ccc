import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { Scorecard, ScorecardSource } from '@prodready/plugin-readiness-common';
import { SnapshotLimits } from '../../snapshot/RepositorySnapshot';
import { PortableSnapshot } from './portable';

/** An audit of a local folder in a worker thread. @public */
export interface AuditFolderRequest {
  /** The entity's folder, located in its repository by the worker (see locateLocalFolder). */
  folder: string;
  /** The folders it may come from (resolved). */
  allowedRoots: string[];
  limits?: Partial<SnapshotLimits>;
  /** Answer 'unchanged', without auditing, when the listing has this fingerprint. */
  unlessFingerprint?: string;
  entity: Entity;
  source?: ScorecardSource;
}

/**
 * A scorecard less its checks and gaps (its bulk): what a store files it
 * under, beside its JSON.
 * @public
 */
export type ScorecardHead = Omit<Scorecard, 'checks' | 'gaps'>;

/**
 * What {@link AuditFolderRequest} gives: the scorecard as its head and its
 * JSON (both made in the worker, so that the caller's thread neither
 * rebuilds its checks and gaps as objects nor serialises them to store it);
 * or `unavailable`, why the folder could not be located (missing, outside
 * the allowed roots).
 * @public
 */
export type AuditFolderResult =
  | 'unchanged'
  | { head: ScorecardHead; document: string; fingerprint: string }
  | { unavailable: string };

/** What a worker thread is asked: an audit of a snapshot, or of a local folder. */
export type WorkerRequest =
  | { id: number; type: 'audit'; entity: Entity; snapshot: PortableSnapshot; source?: ScorecardSource }
  | ({ id: number; type: 'audit-folder' } & AuditFolderRequest);

/** A worker thread's answer; `ready` once, when it has loaded the checks. */
export type WorkerReply =
  | { ready: true }
  | { id: number; scorecard: Scorecard }
  | { id: number; head: ScorecardHead; document: string; fingerprint: string }
  | { id: number; unchanged: true }
  | { id: number; unavailable: string }
  | { id: number; error: string };

/** What a worker thread starts with. @public */
export interface AuditWorkerData {
  /** Where to load the engine from: this package's entry point. */
  entry: string;
  /** A TypeScript loader, when the entry is source (development and tests). */
  transform?: string;
  /** The `readiness` config block. */
  config: ConstructorParameters<typeof ConfigReader>[0];
}
