import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readinessPermissions } from '@prodready/plugin-readiness-common';
import {
  AuditEngine,
  AuditWorkerPool,
  builtinChecks,
  readCustomChecks,
  ReadinessCheck,
  readinessChecksExtensionPoint,
} from '@prodready/plugin-readiness-node';
import { readBackendConfig } from './config';
import { DatabaseReadinessStore } from './database/DatabaseReadinessStore';
import { createRouter } from './router/router';
import { AuditService } from './service/AuditService';
import { SourceReader } from './source/SourceReader';

/**
 * The Readiness backend plugin: audits catalog entities on a schedule and
 * serves their production-readiness scorecards at `/api/readiness`.
 * @public
 */
export const readinessPlugin = createBackendPlugin({
  pluginId: 'readiness',
  register(env) {
    const moduleChecks: ReadinessCheck[] = [];
    env.registerExtensionPoint(readinessChecksExtensionPoint, {
      addChecks(...checks) {
        for (const check of checks.flat()) {
          moduleChecks.push({ ...check, origin: 'module' } as ReadinessCheck);
        }
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const settings = readBackendConfig(deps.config);
        const engine = new AuditEngine({
          checks: [...builtinChecks, ...readCustomChecks(settings.block), ...moduleChecks],
          config: settings.block,
          settings: settings.engine,
        });
        const store = await DatabaseReadinessStore.create({ database: deps.database });
        // Module checks are functions of this thread: with any, audits stay here.
        const pool =
          settings.workers > 0 && moduleChecks.length === 0
            ? new AuditWorkerPool({
                size: settings.workers,
                config: settings.block.getOptional() ?? {},
                auditTimeoutMs: 2 * settings.engine.checkTimeoutMs,
              })
            : undefined;
        if (pool) deps.lifecycle.addShutdownHook(() => pool.close());
        const audits = new AuditService({
          engine,
          pool,
          store,
          sources: new SourceReader({
            urlReader: deps.urlReader,
            limits: settings.limits,
            localRoots: settings.localRoots,
            attempts: settings.readAttempts,
          }),
          catalog: deps.catalog,
          auth: deps.auth,
          logger: deps.logger,
          kinds: settings.kinds,
          filter: settings.filter,
          concurrency: settings.concurrency,
          shards: settings.shards,
          historyRetentionDays: settings.historyRetentionDays,
        });

        deps.permissionsRegistry.addPermissions(readinessPermissions);

        for (let shard = 0; shard < settings.shards; shard++) {
          await deps.scheduler.scheduleTask({
            id: settings.shards === 1 ? 'readiness-audit' : `readiness-audit-shard-${shard}`,
            scope: 'global',
            ...settings.schedule,
            fn: async signal => {
              const event = await deps.auditor.createEvent({
                eventId: 'audit-run',
                severityLevel: 'low',
                meta: { shard },
              });
              try {
                const summary = await audits.runShard(shard, signal as AbortSignal);
                await event.success({ meta: { ...summary } });
              } catch (error) {
                deps.logger.error(`Readiness audit run failed: ${(error as Error).message}`);
                await event.fail({ error: error as Error });
              }
            },
          });
        }

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            store,
            audits,
            checks: () => engine.definitions(),
          }),
        );
        deps.logger.info(
          `Readiness: ${engine.definitions().length} checks, ${settings.shards} shard(s), kinds ${settings.kinds.join(', ')}, ` +
            `${pool ? `${settings.workers} worker thread(s)` : 'checks on the main thread'}`,
        );
      },
    });
  },
});
