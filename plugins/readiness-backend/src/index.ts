/**
 * The Readiness backend plugin: scheduled production-readiness audits of the
 * Backstage catalog, stored scorecards and the `/api/readiness` API.
 *
 * @packageDocumentation
 */
export { readinessPlugin as default } from './plugin';
