import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ScorecardEntity } from '@prodready/plugin-readiness-common';

/** The scorecard key of an entity: its ref, lower case. @public */
export function entityRefOf(entity: Entity): string {
  return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
}

function refOrUndefined(
  value: unknown,
  defaultKind: string,
  namespace: string,
): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: namespace }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/** The catalog facts a scorecard is filed and filtered under. @public */
export function scorecardEntityOf(entity: Entity): ScorecardEntity {
  const namespace = entity.metadata.namespace ?? 'default';
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const ownedBy = entity.relations?.find(r => r.type === RELATION_OWNED_BY)?.targetRef;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return {
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: namespace.toLocaleLowerCase('en-US'),
    name: entity.metadata.name.toLocaleLowerCase('en-US'),
    title: str(entity.metadata.title),
    owner: ownedBy?.toLocaleLowerCase('en-US') ?? refOrUndefined(spec.owner, 'group', namespace),
    system: refOrUndefined(spec.system, 'system', namespace),
    lifecycle: str(spec.lifecycle),
    type: str(spec.type),
  };
}
