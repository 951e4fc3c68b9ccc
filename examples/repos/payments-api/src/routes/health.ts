import { Router } from 'express';
import type { Knex } from 'knex';

export interface Lifecycle {
  /** Set on SIGTERM: readiness fails so that the Service stops routing to this pod. */
  shuttingDown: boolean;
}

export function healthRouter(db: Knex, lifecycle: Lifecycle): Router {
  const router = Router();

  // Liveness: the process is up and the event loop answers. It does not touch
  // the database, so a database outage does not make Kubernetes restart every pod.
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Readiness: take traffic only while not draining and while the database answers.
  router.get('/readyz', async (_req, res) => {
    if (lifecycle.shuttingDown) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    try {
      await db.raw('select 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });

  return router;
}
