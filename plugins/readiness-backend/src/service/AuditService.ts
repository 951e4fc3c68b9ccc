import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuditRunSummary, Scorecard } from '@prodready/plugin-readiness-common';
import { AuditEngine, AuditInput, AuditWorkerPool, ScorecardHead, entityRefOf } from '@prodready/plugin-readiness-node';
import { createHash } from 'node:crypto';
import {
  AuditState,
  ReadinessStore,
  ScorecardTouch,
  ScorecardWrite,
} from '../database/ReadinessStore';
import { SourceRead, SourceReader } from '../source/SourceReader';
import { SourceRun } from '../source/SourceRun';
import { limiter, shardOf } from './concurrency';

/** Bump when check logic changes, so stored repository results are not reused. */
const ENGINE_REVISION = '1';

/** What an audit of one entity did. */
export type AuditOutcome = 'audited' | 'unchanged' | 'source-unavailable';

/** Options of {@link AuditService}. */
export interface AuditServiceOptions {
  engine: AuditEngine;
  /** Worker threads for audits of a snapshot; without, they run on this thread. */
  pool?: AuditWorkerPool;
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

type EntityPage = Awaited<ReturnType<CatalogService['queryEntities']>>;

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

// A result with an error (a check that threw or timed out) may come out
// differently next time: its inputs are not recorded, so it is recomputed.
function hashable(scorecard: ScorecardHead, inputHash: string): string | undefined {
  // 'incomplete' is the status of a scorecard with such a result.
  return scorecard.status === 'incomplete' ? undefined : inputHash;
}

/** What an audit of one entity found, and what to store. */
export type PlannedAudit =
  | ({ outcome: AuditOutcome; write: 'save' } & ScorecardWrite)
  | {
      outcome: 'unchanged' | 'source-unavailable';
      write: 'touch';
      touch: ScorecardTouch;
      /** Set when the results were computed again (and came out as stored). */
      scorecard?: Scorecard;
    };

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

  /** Audits one entity from scratch (no earlier result reused) and stores the scorecard. */
  async auditEntity(entity: Entity): Promise<Scorecard> {
    const planned = await this.planAudit(entity, undefined);
    await this.#write([planned], new Date().toISOString());
    // With no earlier state, a save; or a stale source's last results,
    // computed again and as stored.
    if (!planned.scorecard) throw new Error(`The audit of ${entityRefOf(entity)} computed no scorecard`);
    if (planned.write === 'save' && planned.document) return JSON.parse(planned.document) as Scorecard;
    return planned.scorecard as Scorecard;
  }

  /**
   * Audits one entity against the state of its last audit (none: audit from
   * scratch) and says what to store; the caller writes a batch at a time.
   * `run`: what this audit run has learnt of repositories' revisions so far.
   */
  async planAudit(entity: Entity, state: AuditState | undefined, run?: SourceRun): Promise<PlannedAudit> {
    const { engine, store } = this.options;
    const ref = entityRefOf(entity);
    const previousEtag = this.#revisionOf(state?.etag);

    const read = await this.#read(entity, previousEtag, run);
    if (read.kind === 'audited') {
      const planned = this.#save(read.head, read.etag, this.#inputHash(entity, read.etag), 'audited');
      return { ...planned, document: read.document };
    }
    if (read.kind === 'not-modified') {
      const inputHash = this.#inputHash(entity, read.etag);
      // Same checks, same source, same catalog record: same results. Only the
      // audit time moves, and nothing stored is read.
      if (inputHash === state?.inputHash) {
        return { outcome: 'unchanged', write: 'touch', touch: { entityRef: ref } };
      }
      const stored = await store.getScorecard(ref);
      if (stored) {
        const { readAt: _stale, ...storedSource } = stored.scorecard.source;
        const scorecard = await engine.audit({
          entity,
          reuseRepositoryResults: this.#repositoryResults(stored.scorecard),
          source: { ...storedSource, ...read.source },
        });
        if (sameResults(stored.scorecard, scorecard)) {
          return { outcome: 'unchanged', write: 'touch', touch: { entityRef: ref, inputHash: hashable(scorecard, inputHash) } };
        }
        return this.#save(scorecard, read.etag, inputHash, 'unchanged');
      }
    }
    if (read.kind === 'snapshot') {
      const scorecard = await this.#audit({ entity, snapshot: read.snapshot, source: read.source });
      return this.#save(scorecard, read.etag, this.#inputHash(entity, read.etag), 'audited');
    }
    if (read.kind === 'unavailable' && !read.missing) {
      const stale = await this.#planStale(entity, read.reason);
      if (stale) return stale;
    }
    const reason =
      read.kind === 'unavailable'
        ? read.reason
        : 'the source reported no change but no earlier result is stored';
    const scorecard = await engine.audit({ entity, sourceError: reason, source: read.source });
    return { outcome: 'source-unavailable', write: 'save', scorecard };
  }

  /**
   * The source is there but could not be read this time (a spent rate limit,
   * an outage): rather than drop the last repository results, which would
   * move the score for no change in the repository, keep them and say so.
   * Only results of this check catalog, from a scorecard that had them.
   */
  async #planStale(entity: Entity, reason: string): Promise<PlannedAudit | undefined> {
    const stored = await this.options.store.getScorecard(entityRefOf(entity));
    const etag = this.#revisionOf(stored?.etag);
    if (!stored || !etag || stored.scorecard.status === 'source-unavailable') return undefined;
    const last = stored.scorecard;
    const scorecard = await this.options.engine.audit({
      entity,
      sourceError: reason,
      reuseRepositoryResults: this.#repositoryResults(last),
      // A stale scorecard's own audit time is not a read: keep the first.
      source: { ...last.source, readAt: last.source.readAt ?? last.auditedAt },
    });
    // As stored (the same failure again): only the audit time moves, with
    // no history point, as for an unchanged source.
    if (sameResults(last, scorecard)) {
      return { outcome: 'source-unavailable', write: 'touch', touch: { entityRef: last.entityRef }, scorecard };
    }
    // The stored revision stays, so that the next read may answer "not
    // modified"; no input hash, so that the next run does not skip it.
    return { outcome: 'source-unavailable', write: 'save', scorecard, etag: this.#stamped(etag) };
  }

  // Stored ETags carry the check catalog's signature: a source revision
  // audited under other checks is not reused.
  #stamped(revision: string): string {
    return `${this.#signature}:${revision}`;
  }

  /** The source revision of a stored ETag, if it was audited under this check catalog. */
  #revisionOf(stored: string | undefined): string | undefined {
    const [signature, revision] = (stored ?? '').split(/:(.*)/s);
    return signature === this.#signature && revision ? revision : undefined;
  }

  #repositoryResults(scorecard: Scorecard) {
    return scorecard.checks.filter(c => this.#repositoryCheckIds.has(c.checkId));
  }

  /**
   * Reads the entity's source. With worker threads, a local folder is
   * located, listed and audited in one worker task: its listing never
   * crosses threads, and this thread (which serves the backend's requests)
   * makes no file-system call for it.
   */
  async #read(
    entity: Entity,
    previousEtag: string | undefined,
    run: SourceRun | undefined,
  ): Promise<SourceRead | { kind: 'audited'; head: ScorecardHead; document: string; etag: string }> {
    const { pool, sources } = this.options;
    const local = pool && (await sources.localSource(entity));
    if (!local) return sources.read(entity, previousEtag, run);
    const { folder, allowedRoots, location } = local;
    const result = await pool.auditFolder({
      folder,
      allowedRoots,
      limits: sources.limits,
      unlessFingerprint: previousEtag,
      entity,
      source: { location },
    });
    if (result === 'unchanged') {
      return { kind: 'not-modified', etag: previousEtag!, source: { location, etag: previousEtag } };
    }
    if ('unavailable' in result) return sources.unavailableLocal(location, result.unavailable);
    return { kind: 'audited', head: result.head, document: result.document, etag: result.fingerprint };
  }

  #audit(input: AuditInput): Promise<Scorecard> {
    return this.options.pool?.tryAudit(input) ?? this.options.engine.audit(input);
  }

  #save(
    scorecard: ScorecardHead,
    etag: string,
    inputHash: string,
    outcome: AuditOutcome,
  ): PlannedAudit & { write: 'save' } {
    return {
      outcome,
      write: 'save',
      scorecard,
      etag: this.#stamped(etag),
      inputHash: hashable(scorecard, inputHash),
    };
  }

  // Everything a scorecard is computed from, bar the clock.
  #inputHash(entity: Entity, etag: string): string {
    const { uid, etag: entityEtag, generation, ...metadata } = entity.metadata as Entity['metadata'] & {
      generation?: number;
    };
    return createHash('sha256')
      .update(`${this.#signature}\0${etag}\0`)
      .update(JSON.stringify({ ...entity, metadata }))
      .digest('hex');
  }

  /**
   * Stores a page's audits at once; should the batch fail (one row the
   * database refuses, say), one at a time, so that only that entity fails.
   */
  async #writeBatch(planned: PlannedAudit[]): Promise<{ outcome: AuditOutcome | 'failed' }[]> {
    const auditedAt = new Date().toISOString();
    try {
      await this.#write(planned, auditedAt);
      return planned;
    } catch {
      const outcomes: { outcome: AuditOutcome | 'failed' }[] = [];
      for (const p of planned) {
        try {
          await this.#write([p], auditedAt);
          outcomes.push(p);
        } catch (error) {
          const ref = p.write === 'save' ? p.scorecard.entityRef : p.touch.entityRef;
          this.options.logger.warn(`Readiness could not store the audit of ${ref}: ${(error as Error).message}`);
          outcomes.push({ outcome: 'failed' });
        }
      }
      return outcomes;
    }
  }

  /** Stores planned audits: one transaction for the saves, one for the touches. */
  async #write(planned: PlannedAudit[], auditedAt: string): Promise<void> {
    const saves: ScorecardWrite[] = [];
    const touches: ScorecardTouch[] = [];
    for (const p of planned) {
      if (p.write === 'save') saves.push(p);
      else touches.push(p.touch);
    }
    await this.options.store.saveScorecards(saves);
    await this.options.store.touchScorecards(touches, auditedAt);
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
      return this.auditEntity(entity);
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
    const limit = this.options.pageSize ?? 200;
    const fetchPage = (cursor?: string): Promise<EntityPage> =>
      catalog.queryEntities(
        cursor
          ? { cursor, fields: ENTITY_FIELDS, limit }
          : // No orderFields: the catalog then pages by its own id, an index
            // range per page; sorting by a field makes every page sort the
            // whole filtered catalog again (quadratic in its size).
            { filter: { ...this.options.filter, kind: this.options.kinds }, fields: ENTITY_FIELDS, limit },
        { credentials },
      );
    const count = (outcomes: { outcome: AuditOutcome | 'failed' }[]) => {
      for (const { outcome } of outcomes) {
        if (outcome === 'unchanged') counts.unchanged++;
        else if (outcome === 'source-unavailable') counts.sourceUnavailable++;
        else if (outcome === 'audited') counts.audited++;
        else counts.failed++;
      }
    };
    // Pipelined: the next page and its stored audit states are read while
    // this one is audited, and its entities queue behind this page's last
    // ones, so the checks wait neither for the database nor for a page's
    // slowest entity. At most two pages are in flight; each page's results
    // are stored at once (one read of its last audits, one write).
    const audit = limiter(concurrency);
    type PageToAudit = { cursor?: string; mine: Entity[]; states: Map<string, AuditState> };
    const readPage = async (cursor?: string): Promise<PageToAudit> => {
      const page = await fetchPage(cursor);
      const mine = page.items.filter(e => {
        const ref = entityRefOf(e);
        if (shardOf(ref, shards) !== shard || seen.has(ref)) return false;
        seen.add(ref);
        return true;
      });
      const states = await store.getAuditStates(mine.map(entityRefOf));
      return { cursor: page.pageInfo.nextCursor, mine, states };
    };
    // Whole trees kept for the run's other entities: at most one repository's read budget.
    const run = new SourceRun(this.options.sources.limits.maxTotalBytes);
    const plan = async (entity: Entity, state: AuditState | undefined) => {
      try {
        return await this.planAudit(entity, state, run);
      } catch (error) {
        counts.failed++;
        logger.warn(`Readiness audit of ${entityRefOf(entity)} failed: ${(error as Error).message}`);
        return undefined;
      }
    };
    let next: Promise<PageToAudit> | undefined = readPage();
    let previous: Promise<void> = Promise.resolve();
    while (next) {
      if (signal?.aborted) throw new Error('Audit run aborted');
      const { cursor, mine, states }: PageToAudit = await next;
      next = cursor ? readPage(cursor) : undefined;
      counts.entities += mine.length;
      const planned = Promise.all(mine.map(e => audit(() => plan(e, states.get(entityRefOf(e))))));
      const stored = Promise.all([planned, previous]).then(([p]) =>
        this.#writeBatch(p.filter((x): x is PlannedAudit => x !== undefined)).then(count),
      );
      await previous;
      previous = stored;
    }
    await previous;

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
        `${counts.unchanged} unchanged (no file contents read), ${counts.sourceUnavailable} with a source not read (stale or unavailable), ` +
        `${counts.failed} failed, ${deleted} deleted, in ${summary.durationMs} ms`,
    );
    return summary;
  }
}
