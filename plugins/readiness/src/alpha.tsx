import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { ReadinessClient, readinessApiRef } from './api';
import { isReadinessAvailable } from './isReadinessAvailable';
import { entityContentRouteRef, rootRouteRef } from './routes';

// Converted once, so the plugin's routes and its extensions share the refs.
const rootRoute = convertLegacyRouteRef(rootRouteRef);
const entityContentRoute = convertLegacyRouteRef(entityContentRouteRef);

/** The ReadinessApi over HTTP. @alpha */
export const readinessApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: readinessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReadinessClient({ discoveryApi, fetchApi }),
    }),
});

/** The leaderboard at `/readiness`, with its nav item. @alpha */
export const readinessPage = PageBlueprint.make({
  params: {
    path: '/readiness',
    title: 'Readiness',
    icon: <AssessmentIcon fontSize="inherit" />,
    routeRef: rootRoute,
    // The page renders its own Header.
    noHeader: true,
    loader: () =>
      import('./components/ReadinessLeaderboardPage').then(m =>
        compatWrapper(<m.ReadinessLeaderboardPage />),
      ),
  },
});

/** The Readiness tab of entity pages. @alpha */
export const readinessEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'readiness',
    title: 'Readiness',
    routeRef: entityContentRoute,
    filter: isReadinessAvailable,
    loader: () =>
      import('./components/EntityReadinessContent').then(m =>
        compatWrapper(<m.EntityReadinessContent />),
      ),
  },
});

/** The Readiness card of entity overview pages. @alpha */
export const readinessEntityCard = EntityCardBlueprint.make({
  params: {
    filter: isReadinessAvailable,
    loader: () =>
      import('./components/EntityReadinessCard').then(m =>
        compatWrapper(<m.EntityReadinessCard />),
      ),
  },
});

/**
 * The Readiness plugin for the new frontend system.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'readiness',
  title: 'Readiness',
  icon: <AssessmentIcon fontSize="inherit" />,
  routes: {
    root: rootRoute,
    entityContent: entityContentRoute,
  },
  extensions: [
    readinessApi,
    readinessPage,
    readinessEntityContent,
    readinessEntityCard,
  ],
});
