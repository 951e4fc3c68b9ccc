/**
 * One Backstage test backend, in this process, with the real catalog backend
 * (ingesting the generated catalog file), the Readiness backend plugin and,
 * optionally, Tech Insights with its json-rules-engine fact checker, on SQLite
 * files or PostgreSQL databases that the bench creates and drops.
 */
// Tech Insights is a devDependency on purpose: only the bench (private, run from
// source) installs it, for the comparison.
/* eslint-disable @backstage/no-undeclared-imports */
import techInsightsPlugin from '@backstage-community/plugin-tech-insights-backend';
import techInsightsJsonfcModule from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import {
  FactRetriever,
  techInsightsFactRetrieversExtensionPoint,
} from '@backstage-community/plugin-tech-insights-node';
/* eslint-enable @backstage/no-undeclared-imports */
import {
  BackendFeature,
  coreServices,
  createBackendModule,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { CatalogClient } from '@backstage/catalog-client';
import catalogPlugin from '@backstage/plugin-catalog-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import readinessPlugin from '@prodready/plugin-readiness-backend';
import knexFactory, { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { join } from 'node:path';
import { DatabaseKind } from './args';
import { GITHUB_HOST } from './repos';

/** The ids of the four Tech Insights checks, equivalent to four of Readiness' catalog checks. */
export const TI_CHECKS = ['groupOwnerCheck', 'descriptionCheck', 'techdocsCheck', 'lifecycleCheck'];
export const TI_RETRIEVERS = [
  'entityOwnershipFactRetriever',
  'entityMetadataFactRetriever',
  'techdocsFactRetriever',
  'entityLifecycleFactRetriever',
];

/** A user token that the mock auth services of the test backend accept. */
export const USER_TOKEN = 'mock-user-token';

/** PostgreSQL connection of the bench: PG* variables, else the local server's defaults. */
export function pgConnection() {
  return {
    host: process.env.PGHOST ?? '127.0.0.1',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'postgres',
    ...(process.env.PGPASSWORD ? { password: process.env.PGPASSWORD } : {}),
  };
}

/** A fact retriever for spec.lifecycle, which Tech Insights has none of built in. */
const entityLifecycleFactRetriever: FactRetriever = {
  id: 'entityLifecycleFactRetriever',
  version: '0.0.1',
  title: 'Entity lifecycle',
  description: 'Whether spec.lifecycle is set',
  entityFilter: [{ kind: ['component'] }],
  schema: {
    hasLifecycle: { type: 'boolean', description: 'The spec.lifecycle field is set' },
  },
  handler: async ({ discovery, entityFilter, auth }) => {
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'catalog',
    });
    const client = new CatalogClient({ discoveryApi: discovery });
    const { items } = await client.getEntities({ filter: entityFilter }, { token });
    return items.map(entity => ({
      entity: { namespace: entity.metadata.namespace ?? 'default', kind: entity.kind, name: entity.metadata.name },
      facts: { hasLifecycle: Boolean((entity.spec as { lifecycle?: string } | undefined)?.lifecycle) },
    }));
  },
};

const lifecycleRetrieverModule = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'bench-lifecycle-fact',
  register(env) {
    env.registerInit({
      deps: { retrievers: techInsightsFactRetrieversExtensionPoint },
      async init({ retrievers }) {
        retrievers.addFactRetrievers({ entityLifecycleFactRetriever });
      },
    });
  },
});

/** Hands the plugin's own knex client to the bench (the DatabaseManager caches one per plugin). */
function databaseProbe(pluginId: string, sink: (db: Knex) => void) {
  return createBackendModule({
    pluginId,
    moduleId: 'bench-database-probe',
    register(env) {
      env.registerInit({
        deps: { database: coreServices.database },
        async init({ database }) {
          sink(await database.getClient());
        },
      });
    },
  });
}

export interface BenchBackend {
  baseUrl: string;
  db: DatabaseKind;
  readinessDb: Knex;
  catalogDb: Knex;
  techInsightsDb?: Knex;
  /** Runs a scheduled task now and waits for it. */
  triggerTask(id: string): Promise<void>;
  /**
   * Brings PostgreSQL's tables to the state autovacuum keeps them in (no dead rows,
   * fresh planner statistics) when the server runs without it, which a production
   * server does not; nothing on SQLite or when autovacuum is on. Call before a measurement.
   */
  settle(): Promise<void>;
  /** Size of the readiness database: the SQLite file, or the PostgreSQL database and its tables. */
  readinessSize(): Promise<{ databaseBytes: number; tablesBytes?: number }>;
  /** Stops the backend and drops its PostgreSQL databases, unless `keepDatabases`. */
  stop(options?: { keepDatabases?: boolean }): Promise<void>;
}

const TI_CHECK_CONFIG = {
  groupOwnerCheck: {
    type: 'json-rules-engine',
    name: 'Group owner',
    description: 'The entity is owned by a group (Readiness: catalog-owner)',
    factIds: ['entityOwnershipFactRetriever'],
    rule: { conditions: { all: [{ fact: 'hasGroupOwner', operator: 'equal', value: true }] } },
  },
  descriptionCheck: {
    type: 'json-rules-engine',
    name: 'Description',
    description: 'The entity has a description (Readiness: catalog-metadata)',
    factIds: ['entityMetadataFactRetriever'],
    rule: { conditions: { all: [{ fact: 'hasDescription', operator: 'equal', value: true }] } },
  },
  techdocsCheck: {
    type: 'json-rules-engine',
    name: 'TechDocs',
    description: 'The entity has a TechDocs annotation (Readiness: docs checks)',
    factIds: ['techdocsFactRetriever'],
    rule: { conditions: { all: [{ fact: 'hasAnnotationBackstageIoTechdocsRef', operator: 'equal', value: true }] } },
  },
  lifecycleCheck: {
    type: 'json-rules-engine',
    name: 'Lifecycle',
    description: 'spec.lifecycle is set (Readiness: catalog-metadata)',
    factIds: ['entityLifecycleFactRetriever'],
    rule: { conditions: { all: [{ fact: 'hasLifecycle', operator: 'equal', value: true }] } },
  },
};

/** Drops the PostgreSQL databases of a backend (nothing for SQLite: its files go with the folder). */
export async function dropBenchDatabases(db: DatabaseKind, prefix: string): Promise<void> {
  if (db !== 'postgres') return;
  const admin = knexFactory({ client: 'pg', connection: { ...pgConnection(), database: 'postgres' } });
  try {
    const { rows } = await admin.raw('select datname from pg_database where datname like ?', [`${prefix}%`]);
    for (const { datname } of rows as { datname: string }[]) {
      await admin.raw('drop database if exists ?? with (force)', [datname]);
    }
  } finally {
    await admin.destroy();
  }
}

/** A fresh prefix for the PostgreSQL databases of one backend (and its catalog ingestion). */
export function newDatabasePrefix(): string {
  return `readiness_bench_${randomBytes(4).toString('hex')}_`;
}

const NEVER_SCHEDULE = { frequency: { hours: 24 }, timeout: { hours: 2 }, initialDelay: { hours: 24 } };

export async function startBenchBackend(options: {
  db: DatabaseKind;
  /** Folder of the SQLite files. */
  dataDir: string;
  catalogFile: string;
  reposDir: string;
  concurrency?: number;
  workers?: number;
  techInsights: boolean;
  /** The catalog backend only (to ingest the catalog in another process). */
  catalogOnly?: boolean;
  /** Prefix of the PostgreSQL databases: the same as an earlier backend's to take over its catalog. */
  prefix?: string;
  /** The API of the bench's GitHub (github.ts), for the GitHub integration of its host. */
  githubApiBaseUrl?: string;
}): Promise<BenchBackend> {
  const { db } = options;
  const prefix = options.prefix ?? newDatabasePrefix();
  const database =
    db === 'sqlite'
      ? { client: 'better-sqlite3', connection: { directory: options.dataDir } }
      : { client: 'pg', connection: pgConnection(), prefix };
  const knexes: Record<string, Knex> = {};
  // The mock scheduler runs a task when asked (triggerTask), never on its own here.
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
  };
  const retrieverConfig = Object.fromEntries(
    TI_RETRIEVERS.map(id => [id, { cadence: '0 0 1 1 *', initialDelay: { hours: 24 } }]),
  );
  const features: BackendFeature[] = [
    scheduler.factory({ skipTaskRunOnStartup: true }),
    mockServices.rootLogger.factory({ level: 'warn' }),
    mockServices.rootConfig.factory({
      data: {
        backend: { database },
        ...(options.githubApiBaseUrl
          ? { integrations: { github: [{ host: GITHUB_HOST, apiBaseUrl: options.githubApiBaseUrl }] } }
          : {}),
        catalog: {
          locations: [{ type: 'file', target: options.catalogFile }],
          rules: [{ allow: ['Component', 'Group', 'Location'] }],
          processingInterval: { hours: 24 },
        },
        readiness: {
          localRoots: [options.reposDir],
          ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
          ...(options.workers !== undefined ? { workers: options.workers } : {}),
          schedule: NEVER_SCHEDULE,
        },
        techInsights: {
          factRetrievers: retrieverConfig,
          factChecker: { checks: TI_CHECK_CONFIG },
        },
      },
    }),
    catalogPlugin,
    databaseProbe('catalog', k => (knexes.catalog = k)),
  ];
  if (!options.catalogOnly) features.push(readinessPlugin, databaseProbe('readiness', k => (knexes.readiness = k)));
  if (options.techInsights && !options.catalogOnly) {
    features.push(
      techInsightsPlugin,
      techInsightsJsonfcModule,
      lifecycleRetrieverModule,
      databaseProbe('tech-insights', k => (knexes['tech-insights'] = k)),
    );
  }
  const backend = await startTestBackend({ features });
  // The test backend listens on a free port; the bench only ever connects through loopback.
  const baseUrl = `http://127.0.0.1:${backend.server.port()}`;

  return {
    baseUrl,
    db,
    readinessDb: knexes.readiness,
    catalogDb: knexes.catalog,
    techInsightsDb: knexes['tech-insights'],
    triggerTask: id => scheduler.triggerTask(id),
    async settle() {
      if (db !== 'postgres' || (await knexes.catalog.raw('show autovacuum')).rows[0].autovacuum === 'on') return;
      for (const k of Object.values(knexes)) await k.raw('vacuum (analyze)');
    },
    async readinessSize() {
      if (db === 'sqlite') {
        let bytes = 0;
        for (const suffix of ['', '-wal', '-journal']) {
          const file = join(options.dataDir, `readiness.sqlite${suffix}`);
          if (fs.existsSync(file)) bytes += fs.statSync(file).size;
        }
        return { databaseBytes: bytes };
      }
      const k = knexes.readiness;
      const [{ size }] = (await k.raw('select pg_database_size(current_database())::bigint as size')).rows;
      const { rows } = await k.raw(
        "select coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint as size from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'r' and n.nspname = 'public' and c.relname like 'readiness_%'",
      );
      return { databaseBytes: Number(size), tablesBytes: Number(rows[0].size) };
    },
    async stop(stopOptions) {
      await backend.stop();
      // The database manager leaves SQLite connections open at shutdown.
      for (const k of Object.values(knexes)) {
        if (String(k.client.config.client).includes('sqlite')) await k.destroy().catch(() => {});
      }
      if (!stopOptions?.keepDatabases) await dropBenchDatabases(db, prefix);
    },
  };
}

/** Waits until the catalog serves `count` entities of the kind. */
export async function waitForCatalog(
  baseUrl: string,
  kind: string,
  count: number,
  timeoutMs: number,
  onProgress?: (seen: number) => void,
): Promise<number> {
  const started = Date.now();
  let last = -1;
  for (;;) {
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-query?filter=kind=${encodeURIComponent(kind)}&limit=1&fields=metadata.name`,
      { headers: { authorization: `Bearer ${USER_TOKEN}` } },
    );
    if (res.ok) {
      const body = (await res.json()) as { totalItems: number };
      if (body.totalItems !== last) {
        last = body.totalItems;
        onProgress?.(last);
      }
      if (body.totalItems >= count) return Date.now() - started;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`The catalog has ${last} of ${count} ${kind} entities after ${Math.round(timeoutMs / 1000)} s`);
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}
