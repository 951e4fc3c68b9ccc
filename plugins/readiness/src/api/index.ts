export { readinessApiRef, isGroupRow } from './ReadinessApi';
export type {
  ReadinessApi,
  ReadinessEntityRef,
  LeaderboardRow,
} from './ReadinessApi';
export { ReadinessClient } from './ReadinessClient';
