import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuditRunSummary,
  CheckResult,
  Scorecard,
} from '@prodready/plugin-readiness-common';
import { AuditEngine, entityRefOf } from '@prodready/plugin-readiness-node';
import { createHash } from 'node:crypto';
import { ReadinessStore } from '../database/ReadinessStore';
import { SourceReader } from '../source/SourceReader';
import { forEachLimited, shardOf } from './concurrency';

/** Bump when check logic changes, so stored repository results are not reused. */
const ENGINE_REVISION = '1';

/** What an audit of one entity did. */
export type AuditOutcome = 'audited' | 'unchanged' | 'source-unavailable';

/** Options of {@link AuditService}. */
export interface AuditServiceOptions {
  engine: AuditEngine;
  store: ReadinessStore;
  sources: SourceReader;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  kinds: string[];
  filter: Record<string, string | string[]>;
  concurrency: number;
  shards: number;
  historyRetentionDays: number;
  pageSize?: number;
}

const ENTITY_FIELDS = ['kind', 'apiVersion', 'metadata', 'spec', 'relations'];

// What a reader of the scorecard sees, less the audit time and duration.
function resultKey(card: Scorecard): string {
  return JSON.stringify([
    card.entity,
    card.score,
    card.level,
    card.gate ?? null,
    card.status,
    card.statusReason ?? null,
    card.checks.map(c => [c.checkId, c.status, c.score, c.summary, c.evidence, c.weight]),
  ]);
}

function sameResults(a: Scorecard, b: Scorecard): boolean {
  return resultKey(a) === resultKey(b);
}

/**
 * The audit pipeline: source, engine, store. Used by the scheduled task (one
 * shard of the catalog per run) and by the on-demand audit route.
 */
export class AuditService {
  readonly #inFlight = new Map<string, Promise<Scorecard>>();
  readonly #signature: string;
  /** Ids of the checks that read the repository: their stored results can be reused. */
  readonly #repositoryCheckIds: Set<string>;

  constructor(private readonly options: AuditServiceOptions) {
    // Stored repository results are reused only under the same check catalog.
    this.#repositoryCheckIds = new Set(
      options.engine.definitions().filter(d => d.scope === 'repository').map(d => d.id),
    );
    this.#signature = createHash('sha256')
      .update(ENGINE_REVISION)
      .update(JSON.stringify(options.engine.definitions()))
      .update(JSON.stringify(options.engine.settings))
      .digest('hex')
      .slice(0, 12);
  }

  /** Audits one entity and stores the scorecard. */
  async auditEntity(
    entity: Entity,
    opts: { force?: boolean } = {},
  ): Promise<{ scorecard: Scorecard; outcome: AuditOutcome }> {
    const { engine, store, sources } = this.options;
    const ref = entityRefOf(entity);
    const stored = await store.getScorecard(ref);
    const [signature, storedEtag] = (stored?.etag ?? '').split(/:(.*)/s);
    const previousEtag =
      !opts.force && signature === this.#signature && storedEtag ? storedEtag : undefined;

    const read = await sources.read(entity, previousEtag);
    let scorecard: Scorecard;
    let outcome: AuditOutcome;
    if (read.kind === 'not-modified' && stored) {
      const repositoryResults: CheckResult[] = stored.scorecard.checks.filter(c =>
        this.#repositoryCheckIds.has(c.checkId),
      );
      scorecard = await engine.audit({
        entity,
        reuseRepositoryResults: repositoryResults,
        source: { ...stored.scorecard.source, ...read.source },
      });
      outcome = 'unchanged';
      // Same source, same catalog record, same results: only the audit time
      // moves. Rewriting the scorecard was most of an unchanged run's cost.
      if (sameResults(stored.scorecard, scorecard)) {
        await store.touchScorecard(ref, scorecard.auditedAt);
        return { scorecard: { ...stored.scorecard, auditedAt: scorecard.auditedAt }, outcome };
      }
    } else if (read.kind === 'snapshot') {
      scorecard = await engine.audit({ entity, snapshot: read.snapshot, source: read.source });
      outcome = 'audited';
    } else {
      const reason = read.kind === 'unavailable' ? read.reason : 'the source reported no change but no earlier result is stored';
      scorecard = await engine.audit({ entity, sourceError: reason, source: read.source });
      outcome = 'source-unavailable';
    }
    const etag = read.kind === 'unavailable' ? undefined : `${this.#signature}:${read.etag}`;
    await store.saveScorecard(scorecard, etag);
    return { scorecard, outcome };
  }

  /**
   * Audits one entity now, as the caller (who must be able to see it in the
   * catalog). Concurrent requests for the same entity share one audit.
   */
  auditRef(entityRef: string, credentials: BackstageCredentials): Promise<Scorecard> {
    const existing = this.#inFlight.get(entityRef);
    if (existing) return existing;
    const run = (async () => {
      const entity = await this.options.catalog.getEntityByRef(entityRef, { credentials });
      if (!entity) throw new NotFoundError(`No entity ${entityRef} in the catalog`);
      return (await this.auditEntity(entity, { force: true })).scorecard;
    })().finally(() => this.#inFlight.delete(entityRef));
    this.#inFlight.set(entityRef, run);
    return run;
  }

  /**
   * One scheduled run over one shard: pages through the catalog, audits the
   * shard's entities, deletes scorecards of entities that left the catalog,
   * prunes old history and records the run.
   */
  async runShard(shard: number, signal?: AbortSignal): Promise<AuditRunSummary> {
    const { catalog, auth, logger, store, shards, concurrency } = this.options;
    const startedAt = new Date();
    const credentials = await auth.getOwnServiceCredentials();
    const counts = { entities: 0, audited: 0, unchanged: 0, sourceUnavailable: 0, failed: 0 };
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      if (signal?.aborted) throw new Error('Audit run aborted');
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, fields: ENTITY_FIELDS, limit: this.options.pageSize ?? 200 }
          : {
              filter: { ...this.options.filter, kind: this.options.kinds },
              fields: ENTITY_FIELDS,
              limit: this.options.pageSize ?? 200,
              orderFields: { field: 'metadata.name', order: 'asc' },
            },
        { credentials },
      );
      const mine = page.items.filter(e => shardOf(entityRefOf(e), shards) === shard);
      await forEachLimited(mine, concurrency, async entity => {
        const ref = entityRefOf(entity);
        if (seen.has(ref)) return;
        seen.add(ref);
        counts.entities++;
        try {
          const { outcome } = await this.auditEntity(entity);
          if (outcome === 'unchanged') counts.unchanged++;
          else if (outcome === 'source-unavailable') counts.sourceUnavailable++;
          else counts.audited++;
        } catch (error) {
          counts.failed++;
          logger.warn(`Readiness audit of ${ref} failed: ${(error as Error).message}`);
        }
      });
      cursor = page.pageInfo.nextCursor;
    } while (cursor);

    // Only a complete pass over the catalog may delete: its entity list is whole.
    const orphans = (await store.listEntityRefs()).filter(
      ref => shardOf(ref, shards) === shard && !seen.has(ref),
    );
    const deleted = orphans.length ? await store.deleteScorecards(orphans) : 0;
    const retentionMs = this.options.historyRetentionDays * 24 * 3600 * 1000;
    await store.pruneHistory(new Date(Date.now() - retentionMs));

    const finishedAt = new Date();
    const summary: AuditRunSummary = {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      shard,
      ...counts,
      deleted,
    };
    await store.saveRun(summary);
    logger.info(
      `Readiness audit of shard ${shard + 1}/${shards}: ${counts.entities} entities, ${counts.audited} audited, ` +
        `${counts.unchanged} unchanged (no file contents read), ${counts.sourceUnavailable} without source, ` +
        `${counts.failed} failed, ${deleted} deleted, in ${summary.durationMs} ms`,
    );
    return summary;
  }
}
