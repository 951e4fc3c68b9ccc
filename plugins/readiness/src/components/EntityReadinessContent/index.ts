export { EntityReadinessContent } from './EntityReadinessContent';
export type { EntityReadinessContentProps } from './EntityReadinessContent';
