import { Config, ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  CATEGORIES,
  CategoryId,
  DEFAULT_THRESHOLDS,
  ScoringOptions,
  ScoringThresholds,
  isCategoryId,
} from '@prodready/plugin-readiness-common';

/** The engine's settings read from the `readiness` config block. @public */
export interface EngineSettings {
  scoring: ScoringOptions & { thresholds: ScoringThresholds };
  /** Weights of single checks, overriding the severity weight. */
  checkWeights: Record<string, number>;
  disabledChecks: string[];
  /** Per-check time limit in milliseconds. */
  checkTimeoutMs: number;
}

/** @public */
export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;

function nonNegative(config: Config, key: string, prefix: string): number {
  const value = config.getNumber(key);
  if (!Number.isFinite(value) || value < 0) {
    throw new InputError(`Invalid config at '${prefix}.${key}': expected a number >= 0, got ${value}`);
  }
  return value;
}

/**
 * Reads and validates `readiness.weights`, `readiness.thresholds` and
 * `readiness.checks`. Throws an InputError naming the key on bad input.
 * `config` is the `readiness` block itself.
 * @public
 */
export function readEngineSettings(config: Config = new ConfigReader({})): EngineSettings {
  const categoryWeights: Partial<Record<CategoryId, number>> = {};
  const cats = config.getOptionalConfig('weights.categories');
  for (const key of cats?.keys() ?? []) {
    if (!isCategoryId(key)) {
      throw new InputError(
        `Invalid config at 'readiness.weights.categories.${key}': unknown category; expected one of ${CATEGORIES.map(c => c.id).join(', ')}`,
      );
    }
    categoryWeights[key] = nonNegative(cats!, key, 'readiness.weights.categories');
  }
  const checkWeights: Record<string, number> = {};
  const checks = config.getOptionalConfig('weights.checks');
  for (const key of checks?.keys() ?? []) {
    checkWeights[key] = nonNegative(checks!, key, 'readiness.weights.checks');
  }
  const thresholds = { ...DEFAULT_THRESHOLDS };
  const t = config.getOptionalConfig('thresholds');
  for (const key of t?.keys() ?? []) {
    if (!(key in DEFAULT_THRESHOLDS)) {
      throw new InputError(
        `Invalid config at 'readiness.thresholds.${key}': unknown key; expected productionReady, almostReady or criticalGate`,
      );
    }
    const value = nonNegative(t!, key, 'readiness.thresholds');
    if (value > 100) throw new InputError(`Invalid config at 'readiness.thresholds.${key}': expected 0-100, got ${value}`);
    thresholds[key as keyof ScoringThresholds] = value;
  }
  if (thresholds.almostReady > thresholds.productionReady) {
    throw new InputError(
      `Invalid config at 'readiness.thresholds.almostReady': ${thresholds.almostReady} is above productionReady (${thresholds.productionReady})`,
    );
  }
  const timeout = config.has('checks.timeoutMs')
    ? nonNegative(config, 'checks.timeoutMs', 'readiness') || DEFAULT_CHECK_TIMEOUT_MS
    : DEFAULT_CHECK_TIMEOUT_MS;
  return {
    scoring: { categoryWeights, thresholds },
    checkWeights,
    disabledChecks: config.getOptionalStringArray('checks.disabled') ?? [],
    checkTimeoutMs: timeout,
  };
}
