import { CategoryId } from './types';

/** A category with its default weight in the overall score. @public */
export interface CategoryDefinition {
  id: CategoryId;
  title: string;
  weight: number;
}

/** The categories and their default weights (sum 100). @public */
export const CATEGORIES: readonly CategoryDefinition[] = [
  { id: 'security', title: 'Security', weight: 15 },
  { id: 'ci-cd', title: 'CI/CD', weight: 12 },
  { id: 'observability', title: 'Observability', weight: 12 },
  { id: 'testing', title: 'Testing', weight: 9 },
  { id: 'health', title: 'Health', weight: 8 },
  { id: 'containerization', title: 'Containerization', weight: 7 },
  { id: 'catalog', title: 'Catalog', weight: 7 },
  { id: 'operations', title: 'Operations', weight: 6 },
  { id: 'rollback', title: 'Rollback', weight: 5 },
  { id: 'documentation', title: 'Documentation', weight: 4 },
  { id: 'infrastructure', title: 'Infrastructure', weight: 4 },
  { id: 'disaster-recovery', title: 'Disaster recovery', weight: 4 },
  { id: 'configuration', title: 'Configuration', weight: 3 },
  { id: 'data', title: 'Data', weight: 2 },
  { id: 'error-handling', title: 'Error handling', weight: 2 },
];

/** True when the string names a built-in category. @public */
export function isCategoryId(value: string): value is CategoryId {
  return CATEGORIES.some(c => c.id === value);
}
