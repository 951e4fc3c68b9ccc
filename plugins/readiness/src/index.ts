/**
 * Readiness frontend plugin: the entity Readiness tab and overview card and
 * the org-wide leaderboard (legacy frontend system; see `/alpha` for the new one).
 *
 * @packageDocumentation
 */
export {
  readinessPlugin,
  ReadinessLeaderboardPage,
  EntityReadinessContent,
  EntityReadinessCard,
} from './plugin';
export { rootRouteRef, entityContentRouteRef } from './routes';
export { isReadinessAvailable } from './isReadinessAvailable';
export { readinessApiRef, ReadinessClient, isGroupRow } from './api';
export type { ReadinessApi, ReadinessEntityRef, LeaderboardRow } from './api';
export type { EntityReadinessContentProps } from './components/EntityReadinessContent';
export type { EntityReadinessCardProps } from './components/EntityReadinessCard';
export type { ReadinessLeaderboardPageProps } from './components/ReadinessLeaderboardPage';
