import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { Scorecard, ScorecardSource } from '@prodready/plugin-readiness-common';
import { PortableSnapshot } from './portable';

/** An audit asked of a worker thread. */
export interface WorkerRequest {
  id: number;
  entity: Entity;
  snapshot: PortableSnapshot;
  source?: ScorecardSource;
}

/** A worker thread's answer. */
export type WorkerReply = { id: number; scorecard: Scorecard } | { id: number; error: string };

/** What a worker thread starts with. */
export interface AuditWorkerData {
  /** Where to load the engine from: this package's entry point. */
  entry: string;
  /** A TypeScript loader, when the entry is source (development and tests). */
  transform?: string;
  /** The `readiness` config block. */
  config: ConstructorParameters<typeof ConfigReader>[0];
}
