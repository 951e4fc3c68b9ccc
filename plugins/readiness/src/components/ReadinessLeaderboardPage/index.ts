export { ReadinessLeaderboardPage } from './ReadinessLeaderboardPage';
export type { ReadinessLeaderboardPageProps } from './ReadinessLeaderboardPage';
