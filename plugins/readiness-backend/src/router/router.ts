import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  CheckDefinition,
  readinessAuditRunPermission,
  readinessScorecardReadPermission,
} from '@prodready/plugin-readiness-common';
import express from 'express';
import Router from 'express-promise-router';
import { MAX_PAGE_SIZE } from '../database/DatabaseReadinessStore';
import { ReadinessStore } from '../database/ReadinessStore';
import { AuditService } from '../service/AuditService';
import { csvHeader, csvRow } from './csv';
import {
  entityRefFromParams,
  parseHistoryQuery,
  parseLeaderboardQuery,
} from './validation';

/** What the router needs. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  store: ReadinessStore;
  audits: AuditService;
  checks: () => CheckDefinition[];
  /** Rows at most in one CSV export. */
  maxExportRows?: number;
}

/** The `/api/readiness` routes. */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { httpAuth, permissions, auditor, store, audits } = options;
  const router = Router();
  router.use(express.json());

  async function authorize(req: express.Request, permission: BasicPermission): Promise<BackstageCredentials> {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize([{ permission }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  }

  router.get('/scorecards/:kind/:namespace/:name', async (req, res) => {
    const ref = entityRefFromParams(req.params);
    await authorize(req, readinessScorecardReadPermission);
    const stored = await store.getScorecard(ref);
    if (!stored) throw new NotFoundError(`No scorecard for ${ref}: it has not been audited yet`);
    res.json(stored.scorecard);
  });

  router.get('/scorecards/:kind/:namespace/:name/history', async (req, res) => {
    const ref = entityRefFromParams(req.params);
    const { limit } = parseHistoryQuery(req.query);
    await authorize(req, readinessScorecardReadPermission);
    res.json({ items: await store.getHistory(ref, limit) });
  });

  router.post('/scorecards/:kind/:namespace/:name/audit', async (req, res) => {
    const ref = entityRefFromParams(req.params);
    const event = await auditor.createEvent({
      eventId: 'entity-audit',
      severityLevel: 'low',
      request: req,
      meta: { entityRef: ref },
    });
    try {
      const credentials = await authorize(req, readinessAuditRunPermission);
      const scorecard = await audits.auditRef(ref, credentials);
      await event.success({ meta: { score: scorecard.score, level: scorecard.level } });
      res.json(scorecard);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/leaderboard', async (req, res) => {
    const query = parseLeaderboardQuery(req.query);
    await authorize(req, readinessScorecardReadPermission);
    res.json(await store.leaderboard(query));
  });

  router.get('/summary', async (req, res) => {
    await authorize(req, readinessScorecardReadPermission);
    const [summary, lastRun] = await Promise.all([store.summary(), store.lastRun()]);
    res.json({ ...summary, ...(lastRun ? { lastRun } : {}) });
  });

  router.get('/checks', async (req, res) => {
    await authorize(req, readinessScorecardReadPermission);
    res.json({ items: options.checks() });
  });

  router.get('/export.csv', async (req, res) => {
    const { offset: _o, limit: _l, ...query } = parseLeaderboardQuery(req.query);
    await authorize(req, readinessScorecardReadPermission);
    const groupBy = query.groupBy ?? 'entity';
    const maxRows = options.maxExportRows ?? 50_000;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="readiness-${groupBy}.csv"`);
    res.write(csvHeader(groupBy));
    for (let offset = 0; offset < maxRows; offset += MAX_PAGE_SIZE) {
      const page = await store.leaderboard({ ...query, offset, limit: MAX_PAGE_SIZE });
      for (const row of page.rows) res.write(csvRow(row));
      if (offset + page.rows.length >= page.total || page.rows.length === 0) break;
    }
    res.end();
  });

  return router;
}
