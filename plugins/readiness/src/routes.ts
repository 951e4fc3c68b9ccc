import { createRouteRef } from '@backstage/core-plugin-api';

/** The leaderboard page, mounted at `/readiness` by default. @public */
export const rootRouteRef = createRouteRef({ id: 'readiness' });

/** The Readiness tab of entity pages. @public */
export const entityContentRouteRef = createRouteRef({
  id: 'readiness:entity-content',
});
