import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import type { JSX } from 'react';
import { ReadinessClient, readinessApiRef } from './api';
import type { EntityReadinessCardProps } from './components/EntityReadinessCard';
import type { EntityReadinessContentProps } from './components/EntityReadinessContent';
import type { ReadinessLeaderboardPageProps } from './components/ReadinessLeaderboardPage';
import { entityContentRouteRef, rootRouteRef } from './routes';

/** The Readiness frontend plugin (legacy frontend system). @public */
export const readinessPlugin = createPlugin({
  id: 'readiness',
  apis: [
    createApiFactory({
      api: readinessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReadinessClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
  },
});

/** The org-wide leaderboard; mount it at `/readiness`. @public */
export const ReadinessLeaderboardPage: (
  props: ReadinessLeaderboardPageProps,
) => JSX.Element = readinessPlugin.provide(
  createRoutableExtension({
    name: 'ReadinessLeaderboardPage',
    component: () =>
      import('./components/ReadinessLeaderboardPage').then(
        m => m.ReadinessLeaderboardPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/** The Readiness tab of an entity page. @public */
export const EntityReadinessContent: (
  props: EntityReadinessContentProps,
) => JSX.Element = readinessPlugin.provide(
  createRoutableExtension({
    name: 'EntityReadinessContent',
    component: () =>
      import('./components/EntityReadinessContent').then(
        m => m.EntityReadinessContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/** The overview card of an entity page. @public */
export const EntityReadinessCard: (
  props: EntityReadinessCardProps,
) => JSX.Element = readinessPlugin.provide(
  createComponentExtension({
    name: 'EntityReadinessCard',
    component: {
      lazy: () =>
        import('./components/EntityReadinessCard').then(
          m => m.EntityReadinessCard,
        ),
    },
  }),
);
