import { Entity } from '@backstage/catalog-model';

const SOURCE_ANNOTATIONS = [
  'backstage.io/source-location',
  'backstage.io/managed-by-location',
];

/**
 * True for entities the backend audits: every Component, and any entity
 * with a source or managed-by location.
 * @public
 */
export function isReadinessAvailable(entity: Entity): boolean {
  if (entity.kind.toLocaleLowerCase('en-US') === 'component') return true;
  const annotations = entity.metadata.annotations ?? {};
  return SOURCE_ANNOTATIONS.some(a => Boolean(annotations[a]));
}
