import { ConfigReader } from '@backstage/config';
import { parentPort, workerData } from 'node:worker_threads';
import { builtinChecks } from '../../checks';
import { readCustomChecks } from '../../custom/customChecks';
import { AuditEngine } from '../AuditEngine';
import { LocalFolderSnapshot } from '../../snapshot/LocalFolderSnapshot';
import { LocatedFolder, locateLocalFolder } from '../../snapshot/localFolders';
import { fromPortable } from './portable';
import { AuditWorkerData, WorkerReply, WorkerRequest } from './protocol';

/** Locates, lists and (unless its fingerprint is as given) audits a local folder. */
async function auditFolder(
  engine: AuditEngine,
  request: Extract<WorkerRequest, { type: 'audit-folder' }>,
): Promise<WorkerReply> {
  let located: LocatedFolder;
  try {
    located = locateLocalFolder(request.folder, request.allowedRoots);
  } catch (error) {
    return { id: request.id, unavailable: (error as Error).message };
  }
  const snapshot = await LocalFolderSnapshot.create(located.root, {
    entityPath: located.entityPath,
    limits: request.limits,
  });
  const { fingerprint } = snapshot;
  if (request.unlessFingerprint === fingerprint) return { id: request.id, unchanged: true };
  const scorecard = await engine.audit({
    entity: request.entity,
    snapshot,
    source: { ...request.source, etag: fingerprint },
  });
  const { checks, gaps, ...head } = scorecard;
  return { id: request.id, fingerprint, head, document: JSON.stringify(scorecard) };
}

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
        reply = await auditFolder(engine, request);
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
