import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { ReadinessCheck } from './api/check';

/** Lets backend modules add checks to the Readiness plugin. @public */
export interface ReadinessChecksExtensionPoint {
  addChecks(...checks: Array<ReadinessCheck | ReadinessCheck[]>): void;
}

/**
 * The extension point through which a backend module adds checks:
 *
 * ```ts
 * env.registerInit({
 *   deps: { checks: readinessChecksExtensionPoint },
 *   async init({ checks }) { checks.addChecks(myCheck); },
 * });
 * ```
 * @public
 */
export const readinessChecksExtensionPoint =
  createExtensionPoint<ReadinessChecksExtensionPoint>({
    id: 'readiness.checks',
  });
