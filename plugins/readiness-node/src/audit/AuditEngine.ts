import { Entity } from '@backstage/catalog-model';
import { Config, ConfigReader } from '@backstage/config';
import {
  CheckDefinition,
  CheckResult,
  Scorecard,
  ScorecardSource,
  ScoredCheck,
  SEVERITY_WEIGHTS,
  scoreChecks,
  statusFromScore,
} from '@prodready/plugin-readiness-common';
import { CheckContext, CheckOutcome, ReadinessCheck } from '../api/check';
import { RepoView } from '../facts/RepoView';
import { RepositorySnapshot } from '../snapshot/RepositorySnapshot';
import { entityRefOf, scorecardEntityOf } from './entityFacts';
import { EngineSettings, readEngineSettings } from './settings';

/** What one audit takes. @public */
export interface AuditInput {
  entity: Entity;
  /** The repository; absent when it could not be read. */
  snapshot?: RepositorySnapshot;
  /** Why there is no snapshot (shown on the scorecard). */
  sourceError?: string;
  source?: ScorecardSource;
  /**
   * Results of repository checks from an earlier audit, reused instead of
   * running: of the same revision (the source answered "not modified"), or,
   * with `sourceError`, of the last read (the scorecard is then `stale`).
   */
  reuseRepositoryResults?: CheckResult[];
}

/** Options of {@link AuditEngine}. @public */
export interface AuditEngineOptions {
  checks: ReadinessCheck[];
  /** The `readiness` config block. */
  config?: Config;
  /** Settings; read from `config` when not given. */
  settings?: EngineSettings;
  now?: () => Date;
}

class CheckTimeoutError extends Error {}

/**
 * The definition of a check under the given settings: its weight is the
 * configured one, else the check's own, else its severity's.
 * @public
 */
export function checkDefinition(check: ReadinessCheck, settings: EngineSettings): CheckDefinition {
  return {
    id: check.id,
    title: check.title,
    category: check.category,
    severity: check.severity,
    description: check.description,
    rationale: check.rationale,
    remediation: check.remediation,
    effort: check.effort,
    scope: check.scope,
    weight: settings.checkWeights[check.id] ?? check.weight ?? SEVERITY_WEIGHTS[check.severity],
    origin: (check as { origin?: CheckDefinition['origin'] }).origin ?? 'builtin',
  };
}

/**
 * Runs the applicable checks of one entity, each isolated (a check that
 * throws or runs past its time limit is reported as `error`), and scores
 * them into a scorecard. Does no I/O of its own: it reads the snapshot only.
 * @public
 */
export class AuditEngine {
  readonly settings: EngineSettings;
  readonly #checks: ReadinessCheck[];
  readonly #config: Config;
  readonly #now: () => Date;
  readonly #definitions: Map<string, CheckDefinition>;

  constructor(options: AuditEngineOptions) {
    this.#config = options.config ?? new ConfigReader({});
    this.settings = options.settings ?? readEngineSettings(this.#config);
    this.#now = options.now ?? (() => new Date());
    const seen = new Set<string>();
    for (const check of options.checks) {
      if (seen.has(check.id)) throw new Error(`Duplicate readiness check id '${check.id}'`);
      seen.add(check.id);
    }
    const disabled = new Set(this.settings.disabledChecks);
    this.#checks = options.checks.filter(c => !disabled.has(c.id));
    this.#definitions = new Map(this.#checks.map(c => [c.id, checkDefinition(c, this.settings)]));
  }

  /** The checks in force, as `GET /checks` lists them. */
  definitions(): CheckDefinition[] {
    return [...this.#definitions.values()];
  }

  async audit(input: AuditInput): Promise<Scorecard> {
    const started = performance.now();
    const repo = input.snapshot ? new RepoView(input.snapshot) : undefined;
    const reuse = new Map((input.reuseRepositoryResults ?? []).map(r => [r.checkId, r]));
    const results = await Promise.all(
      this.#checks.map(async check => {
        if (check.scope === 'repository') {
          const earlier = reuse.get(check.id);
          if (earlier) return earlier;
          if (!repo) {
            return {
              checkId: check.id,
              status: 'not-applicable',
              score: 0,
              summary: `Not checked: the source repository is unavailable (${input.sourceError ?? 'no source location'})`,
              evidence: [],
            } satisfies CheckResult;
          }
        }
        return this.#runIsolated(check, input.entity, repo);
      }),
    );
    const checks: ScoredCheck[] = results.map((r, i) => {
      const def = this.#definitions.get(this.#checks[i].id)!;
      return {
        ...r,
        title: def.title,
        category: def.category,
        severity: def.severity,
        weight: def.weight,
        effort: def.effort,
        remediation: def.remediation,
      };
    });
    const scored = scoreChecks(checks, id => this.#definitions.get(id), this.settings.scoring);
    const errored = checks.filter(c => c.status === 'error');
    let status: Scorecard['status'] = 'complete';
    let statusReason: string | undefined;
    if (!input.snapshot && !input.reuseRepositoryResults) {
      status = 'source-unavailable';
      statusReason = input.sourceError ?? 'The entity has no source location';
    } else if (!input.snapshot && input.sourceError) {
      status = 'stale';
      const readAt = input.source?.readAt;
      statusReason = `${input.sourceError.replace(/\.$/, '')}. The repository checks show the results of its last read${readAt ? ` (${readAt})` : ''}; the catalog checks ran again.`;
    } else if (errored.length > 0) {
      status = 'incomplete';
      statusReason = `${errored.length} check(s) errored and were left out of the score: ${errored
        .map(c => `${c.checkId} (${c.summary})`)
        .join('; ')}`;
    }
    return {
      schemaVersion: 1,
      entityRef: entityRefOf(input.entity),
      entity: scorecardEntityOf(input.entity),
      ...scored,
      status,
      ...(statusReason ? { statusReason } : {}),
      checks,
      source: {
        ...input.source,
        ...(input.snapshot
          ? {
              entityPath: input.snapshot.entityPath,
              fileCount: input.snapshot.paths.length,
              ...(input.snapshot.truncated ? { truncated: true } : {}),
            }
          : {}),
      },
      auditedAt: this.#now().toISOString(),
      durationMs: Math.round(performance.now() - started),
    };
  }

  async #runIsolated(check: ReadinessCheck, entity: Entity, repo?: RepoView): Promise<CheckResult> {
    const started = performance.now();
    const controller = new AbortController();
    const ctx: CheckContext = {
      entity,
      repo: repo as RepoView, // catalog checks must not touch it; see CatalogCheckContext
      config: this.#config,
      signal: controller.signal,
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new CheckTimeoutError(`timed out after ${this.settings.checkTimeoutMs} ms`));
      }, this.settings.checkTimeoutMs);
    });
    try {
      const outcome = await Promise.race([this.#applyAndRun(check, ctx), timeout]);
      return {
        checkId: check.id,
        status: outcome.status ?? statusFromScore(outcome.score),
        score: outcome.status === 'not-applicable' ? 0 : Math.max(0, Math.min(100, Math.round(outcome.score))),
        summary: outcome.summary,
        evidence: outcome.evidence ?? [],
        durationMs: Math.round(performance.now() - started),
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        checkId: check.id,
        status: 'error',
        score: 0,
        summary: error instanceof CheckTimeoutError ? `Check ${message}` : `Check threw: ${message}`,
        evidence: [],
        durationMs: Math.round(performance.now() - started),
      };
    } finally {
      clearTimeout(timer);
    }
  }

  async #applyAndRun(check: ReadinessCheck, ctx: CheckContext): Promise<CheckOutcome> {
    const applicability = check.applies ? await check.applies(ctx) : true;
    if (applicability !== true) {
      return { status: 'not-applicable', score: 0, summary: applicability.reason, evidence: [] };
    }
    return check.run(ctx);
  }
}
