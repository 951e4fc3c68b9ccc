import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { CheckResult } from '@prodready/plugin-readiness-common';
import { ReadinessCheck } from '../api/check';
import { AuditEngine } from '../audit/AuditEngine';
import { InMemorySnapshot } from '../snapshot/InMemorySnapshot';

/** A Component entity for tests, with overrides merged in. */
export function testEntity(overrides: {
  metadata?: Partial<Entity['metadata']>;
  spec?: Record<string, unknown>;
  relations?: Entity['relations'];
} = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'svc', namespace: 'default', ...overrides.metadata },
    spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team-a', ...overrides.spec },
    ...(overrides.relations ? { relations: overrides.relations } : {}),
  };
}

/** Runs one check through the real engine on in-memory files. */
export async function runCheck(
  check: ReadinessCheck,
  files: Record<string, string | Uint8Array>,
  options: { entity?: Entity; entityPath?: string; config?: object } = {},
): Promise<CheckResult> {
  const engine = new AuditEngine({
    checks: [check],
    config: new ConfigReader(options.config ?? {}),
  });
  const scorecard = await engine.audit({
    entity: options.entity ?? testEntity(),
    snapshot: new InMemorySnapshot(files, { entityPath: options.entityPath }),
  });
  const { checkId, status, score, summary, evidence } = scorecard.checks[0];
  return { checkId, status, score, summary, evidence };
}
