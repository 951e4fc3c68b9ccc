import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the Readiness plugins. */
  readiness?: {
    /**
     * How often the catalog is audited. Default: every 30 minutes, 25 minute
     * timeout, first run 15 seconds after start-up.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * Number of global scheduled tasks the catalog is split into (entity ref
     * hash modulo shards), so several replicas share the work. Default 1.
     */
    shards?: number;
    /** Entities audited at once within a run. Default: twice the worker threads, at least 4. */
    concurrency?: number;
    /**
     * Worker threads the checks of scheduled audits run in, so that an audit
     * uses more than one core and a check that blocks its thread is cut off.
     * 0 runs them on the main thread. Default: one more than the cores, at most 4
     * (audits of local folders wait on the file system).
     * Threads start with a run and stop after 30 s without work.
     * Checks added by backend modules run on the main thread, and so does
     * every audit when a module adds checks.
     */
    workers?: number;
    /** Entity kinds to audit. Default ['Component']. */
    kinds?: string[];
    /**
     * Extra catalog filter, e.g. `{ 'spec.lifecycle': ['production', 'experimental'] }`.
     */
    filter?: { [key: string]: string | string[] };
    /** Caps on what is read from one repository. */
    limits?: {
      /** Files listed at most. Default 20000. */
      maxFiles?: number;
      /** Files larger than this (bytes) are not read. Default 1 MiB. */
      maxFileBytes?: number;
      /** Bytes read from one repository in all. Default 64 MiB. */
      maxTotalBytes?: number;
    };
    /** Source reading. */
    sources?: {
      /** Attempts per read on transient errors (429, 5xx, timeouts). Default 3. */
      attempts?: number;
    };
    /**
     * Folders that `file:` source locations may point into. Without any,
     * `file:` sources are refused. Relative to the backend's working directory.
     */
    localRoots?: string[];
    /** Weights overriding the defaults. */
    weights?: {
      /** Category weights in the overall score, by category id. */
      categories?: { [category: string]: number };
      /** Weights of single checks in their category, by check id. */
      checks?: { [checkId: string]: number };
    };
    /** Level thresholds and the critical gate (0-100). */
    thresholds?: {
      /** Default 80. */
      productionReady?: number;
      /** Default 60. */
      almostReady?: number;
      /** A critical check below this trips the gate. Default 50. */
      criticalGate?: number;
    };
    /** Check selection and limits. */
    checks?: {
      /** Ids of checks to leave out. */
      disabled?: string[];
      /** Per-check time limit in milliseconds. Default 10000. */
      timeoutMs?: number;
    };
    /** On-call annotations that count for `catalog-on-call`, beyond PagerDuty and Opsgenie. */
    onCall?: {
      annotations?: string[];
    };
    /** History of scores. */
    history?: {
      /** Days of history kept. Default 365. */
      retentionDays?: number;
    };
    /**
     * Checks defined in config: `file-exists`, `file-contains` and
     * `catalog-field`. See the plugin README for their fields.
     */
    customChecks?: Array<{
      id: string;
      type: 'file-exists' | 'file-contains' | 'catalog-field';
      title: string;
      category: string;
      severity: 'critical' | 'high' | 'medium' | 'low';
      effort?: 'S' | 'M' | 'L';
      description?: string;
      rationale?: string;
      remediation?: string;
      globs?: string[];
      glob?: string;
      scope?: 'entity' | 'root' | 'repo';
      pattern?: string;
      flags?: string;
      path?: string;
      exists?: boolean;
      equals?: string | number | boolean;
      matches?: string;
      oneOf?: Array<string | number | boolean>;
    }>;
  };
}
