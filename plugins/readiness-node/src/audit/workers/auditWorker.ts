import { ConfigReader } from '@backstage/config';
import { parentPort, workerData } from 'node:worker_threads';
import { builtinChecks } from '../../checks';
import { readCustomChecks } from '../../custom/customChecks';
import { AuditEngine } from '../AuditEngine';
import { LocalFolderSnapshot } from '../../snapshot/LocalFolderSnapshot';
import { fromPortable } from './portable';
import { AuditWorkerData, WorkerReply, WorkerRequest } from './protocol';

/**
 * The body of an audit worker thread: the built-in and config-defined checks
 * over snapshots sent as data or over local folders it lists, one at a time.
 * Not for direct use: exported so that worker threads can load it by package name.
 * @public
 */
export function runAuditWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runAuditWorker must run in a worker thread');
  const config = new ConfigReader((workerData as AuditWorkerData).config, 'readiness');
  const engine = new AuditEngine({ checks: [...builtinChecks, ...readCustomChecks(config)], config });
  port.postMessage({ ready: true } satisfies WorkerReply);
  port.on('message', async (request: WorkerRequest) => {
    let reply: WorkerReply;
    try {
      if (request.type === 'audit-folder') {
        const snapshot = await LocalFolderSnapshot.create(request.root, {
          entityPath: request.entityPath,
          limits: request.limits,
        });
        const { fingerprint } = snapshot;
        reply =
          request.unlessFingerprint === fingerprint
            ? { id: request.id, unchanged: true }
            : {
                id: request.id,
                fingerprint,
                scorecard: await engine.audit({
                  entity: request.entity,
                  snapshot,
                  source: { ...request.source, etag: fingerprint },
                }),
              };
      } else {
        const scorecard = await engine.audit({
          entity: request.entity,
          snapshot: fromPortable(request.snapshot),
          source: request.source,
        });
        reply = { id: request.id, scorecard };
      }
    } catch (error) {
      reply = { id: request.id, error: (error as Error)?.message ?? String(error) };
    }
    port.postMessage(reply);
  });
}
