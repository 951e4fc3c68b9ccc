import { createPermission } from '@backstage/plugin-permission-common';

/** Read scorecards, history, the leaderboard and the summary. @public */
export const readinessScorecardReadPermission = createPermission({
  name: 'readiness.scorecard.read',
  attributes: { action: 'read' },
});

/** Run an audit on demand. @public */
export const readinessAuditRunPermission = createPermission({
  name: 'readiness.audit.run',
  attributes: { action: 'update' },
});

/** Every permission of the Readiness plugins. @public */
export const readinessPermissions = [
  readinessScorecardReadPermission,
  readinessAuditRunPermission,
];
