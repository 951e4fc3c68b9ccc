/*
 * The backend of the lean Readiness example app.
 *
 * The list of plugins and modules lives in ./features.ts, which the smoke test
 * (./index.test.ts) starts as well.
 */

import { createBackend } from '@backstage/backend-defaults';
import { backendFeatures } from './features';

const backend = createBackend();

for (const feature of backendFeatures) {
  backend.add(feature);
}

backend.start();
