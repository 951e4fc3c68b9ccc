/*
 * The backend features of the Readiness example backend.
 *
 * `index.ts` adds every entry to the real backend, and `index.test.ts` starts a
 * test backend with the very same list, so the smoke test covers what
 * `yarn start` runs. (Static imports rather than `import()`: Jest runs the test
 * without ESM support, where dynamic imports fail.)
 */

import appPlugin from '@backstage/plugin-app-backend';
import authPlugin from '@backstage/plugin-auth-backend';
import authModuleGuestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import permissionModuleAllowAllPolicy from '@backstage/plugin-permission-backend-module-allow-all-policy';
import readinessPlugin from '@prodready/plugin-readiness-backend';

/** The features the backend installs, in the order they are added. */
export const backendFeatures = [
  // serves the frontend bundle of packages/app (when it has been built)
  appPlugin,

  // auth plugin, with the guest provider for local development
  // See https://backstage.io/docs/auth/guest/provider
  authPlugin,
  authModuleGuestProvider,

  // catalog plugin
  catalogPlugin,

  // permission plugin, with a policy that allows everything
  // See https://backstage.io/docs/permissions/getting-started for how to write your own policy
  permissionPlugin,
  permissionModuleAllowAllPolicy,

  // production-readiness scorecards of the catalog
  readinessPlugin,
];
