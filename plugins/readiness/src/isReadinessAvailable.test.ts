import { Entity } from '@backstage/catalog-model';
import { isReadinessAvailable } from './isReadinessAvailable';

const entity = (
  kind: string,
  annotations?: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x', annotations },
});

describe('isReadinessAvailable', () => {
  it('is true for every Component', () => {
    expect(isReadinessAvailable(entity('Component'))).toBe(true);
  });

  it('is true for other kinds with a source or managed-by location', () => {
    expect(
      isReadinessAvailable(
        entity('API', { 'backstage.io/source-location': 'url:https://x/y' }),
      ),
    ).toBe(true);
    expect(
      isReadinessAvailable(
        entity('Resource', {
          'backstage.io/managed-by-location': 'file:/a.yaml',
        }),
      ),
    ).toBe(true);
  });

  it('is false for other kinds without one', () => {
    expect(isReadinessAvailable(entity('Group'))).toBe(false);
    expect(isReadinessAvailable(entity('User', { other: 'x' }))).toBe(false);
  });
});
