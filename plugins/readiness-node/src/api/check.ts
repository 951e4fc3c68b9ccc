import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  CheckDefinition,
  CheckStatus,
  Evidence,
} from '@prodready/plugin-readiness-common';
import { RepoView } from '../facts/RepoView';

/** What a check gets to look at. @public */
export interface CheckContext {
  entity: Entity;
  /** The repository; present for every `repository` check that runs. */
  repo: RepoView;
  /** The `readiness` config block (empty when there is none). */
  config: Config;
  /** Aborted when the check runs past its time limit. */
  signal: AbortSignal;
}

/** A catalog check's context: no repository. @public */
export type CatalogCheckContext = Omit<CheckContext, 'repo'> & {
  repo?: RepoView;
};

/** What `run` returns. `status` defaults from the score. @public */
export interface CheckOutcome {
  status?: CheckStatus;
  score: number;
  summary: string;
  evidence?: Evidence[];
}

/** `applies` answers true, or why the check does not apply. @public */
export type Applicability = true | { reason: string };

/**
 * A production-readiness check. Built-in checks, config-defined checks and
 * checks added by backend modules all have this shape.
 * @public
 */
export interface ReadinessCheck
  extends Omit<CheckDefinition, 'weight' | 'origin'> {
  /** Overrides the weight derived from the severity. */
  weight?: number;
  applies?(ctx: CheckContext): Applicability | Promise<Applicability>;
  run(ctx: CheckContext): CheckOutcome | Promise<CheckOutcome>;
}

/** Helpers to build outcomes. @public */
export const outcome = {
  pass(summary: string, evidence: Evidence[] = []): CheckOutcome {
    return { status: 'pass', score: 100, summary, evidence };
  },
  fail(summary: string, evidence: Evidence[] = []): CheckOutcome {
    return { status: 'fail', score: 0, summary, evidence };
  },
  /** A score in between; clamped to 0-100 and rounded; status from the score. */
  scored(score: number, summary: string, evidence: Evidence[] = []): CheckOutcome {
    return {
      score: Math.max(0, Math.min(100, Math.round(score))),
      summary,
      evidence,
    };
  },
  notApplicable(reason: string): CheckOutcome {
    return { status: 'not-applicable', score: 0, summary: reason, evidence: [] };
  },
};
