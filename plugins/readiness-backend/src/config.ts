import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { availableParallelism } from 'node:os';
import {
  DEFAULT_SNAPSHOT_LIMITS,
  EngineSettings,
  readEngineSettings,
  SnapshotLimits,
} from '@prodready/plugin-readiness-node';

/** The backend plugin's settings, read once at start-up. */
export interface ReadinessBackendConfig {
  /** The `readiness` block, for the engine and checks. */
  block: Config;
  engine: EngineSettings;
  schedule: SchedulerServiceTaskScheduleDefinition;
  shards: number;
  concurrency: number;
  /** Worker threads for the checks; 0 for none. */
  workers: number;
  kinds: string[];
  /** Extra catalog filter, e.g. `{ 'spec.lifecycle': ['production'] }`. */
  filter: Record<string, string | string[]>;
  limits: SnapshotLimits;
  /** Folders `file:` sources may be read from; none means no local sources. */
  localRoots: string[];
  historyRetentionDays: number;
  /** Attempts per source read for transient failures. */
  readAttempts: number;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 25 },
  initialDelay: { seconds: 15 },
};

function positiveInt(config: Config, key: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!config.has(key)) return fallback;
  const value = config.getNumber(key);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new InputError(
      `Invalid config at 'readiness.${key}': expected a whole number from 1 to ${max}, got ${value}`,
    );
  }
  return value;
}

/**
 * One worker thread more than the cores, at most 4: audits of local folders
 * block on synchronous file-system calls, and a third thread on 2 cores kept
 * them busy through those waits (10,000 entities: 151-152 → 174-177
 * entities/s, the unchanged re-audit 13-15 → 10-11 s; bench/results/2026-12-01e.md).
 */
export function defaultWorkers(cores: number): number {
  return Math.min(4, cores + 1);
}

/** Entities audited at once by default: two per worker thread (one audited, one queued behind it), at least 4. */
export function defaultConcurrency(workers: number): number {
  return Math.max(4, 2 * workers);
}

function readWorkers(config: Config): number {
  if (!config.has('workers')) return defaultWorkers(availableParallelism());
  const value = config.getNumber('workers');
  if (!Number.isInteger(value) || value < 0 || value > 64) {
    throw new InputError(`Invalid config at 'readiness.workers': expected a whole number from 0 to 64, got ${value}`);
  }
  return value;
}

function readFilter(config: Config): Record<string, string | string[]> {
  const filter = config.getOptionalConfig('filter');
  const out: Record<string, string | string[]> = {};
  for (const key of filter?.keys() ?? []) {
    const value = filter!.getOptional(key);
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value) && value.every(v => typeof v === 'string')) out[key] = value as string[];
    else throw new InputError(`Invalid config at 'readiness.filter.${key}': expected a string or a list of strings`);
  }
  return out;
}

/**
 * Reads and validates the `readiness` block; throws with the key named so
 * that a bad value stops the backend at start-up, not at the first run.
 */
export function readBackendConfig(rootConfig: Config): ReadinessBackendConfig {
  const block = rootConfig.getOptionalConfig('readiness') ?? new ConfigReader({}, 'readiness');
  let schedule = DEFAULT_SCHEDULE;
  if (block.has('schedule')) {
    try {
      schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(block.getConfig('schedule'));
    } catch (error) {
      throw new InputError(`Invalid config at 'readiness.schedule': ${(error as Error).message}`);
    }
  }
  const limits = { ...DEFAULT_SNAPSHOT_LIMITS };
  for (const key of Object.keys(limits) as (keyof SnapshotLimits)[]) {
    limits[key] = positiveInt(block, `limits.${key}`, limits[key]);
  }
  const retention = block.getOptionalNumber('history.retentionDays') ?? 365;
  if (!(retention > 0)) {
    throw new InputError(`Invalid config at 'readiness.history.retentionDays': expected a number > 0, got ${retention}`);
  }
  const kinds = block.getOptionalStringArray('kinds') ?? ['Component'];
  if (kinds.length === 0) {
    throw new InputError(`Invalid config at 'readiness.kinds': list at least one entity kind`);
  }
  const workers = readWorkers(block);
  return {
    block,
    engine: readEngineSettings(block),
    schedule,
    shards: positiveInt(block, 'shards', 1, 64),
    concurrency: positiveInt(block, 'concurrency', defaultConcurrency(workers), 64),
    workers,
    kinds,
    filter: readFilter(block),
    limits,
    localRoots: block.getOptionalStringArray('localRoots') ?? [],
    historyRetentionDays: retention,
    readAttempts: positiveInt(block, 'sources.attempts', 3, 10),
  };
}
