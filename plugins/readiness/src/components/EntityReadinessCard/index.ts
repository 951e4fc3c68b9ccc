export { EntityReadinessCard } from './EntityReadinessCard';
export type { EntityReadinessCardProps } from './EntityReadinessCard';
