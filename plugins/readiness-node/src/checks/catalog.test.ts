import {
  catalogEvidence,
  catalogMetadataCheck,
  catalogOnCallCheck,
  catalogOpsLinksCheck,
  catalogOwnerCheck,
} from './catalog';
import { AuditEngine } from '../audit/AuditEngine';
import { runCheck, testEntity } from './testUtils';

const LOCATION = 'backstage.io/managed-by-location';

describe('catalogEvidence', () => {
  it('uses the repository path and link of a URL location', () => {
    const url = 'https://github.com/acme/shop/blob/main/services/cart/catalog-info.yaml';
    const e = testEntity({ metadata: { annotations: { [LOCATION]: `url:${url}` } } });
    expect(catalogEvidence(e, 'spec.owner')).toEqual({ path: 'services/cart/catalog-info.yaml', url, note: 'spec.owner' });
  });

  it('uses a file location path, else catalog-info.yaml', () => {
    const e = testEntity({ metadata: { annotations: { [LOCATION]: 'file:./svc/catalog-info.yaml' } } });
    expect(catalogEvidence(e, 'x').path).toBe('svc/catalog-info.yaml');
    expect(catalogEvidence(testEntity(), 'x')).toEqual({ path: 'catalog-info.yaml', note: 'x' });
  });
});

describe('catalog-owner', () => {
  const withRelation = (targetRef: string, lifecycle = 'production') =>
    testEntity({ spec: { owner: 'ignored', lifecycle }, relations: [{ type: 'ownedBy', targetRef }] });

  it('passes on an ownedBy relation to a Group', async () => {
    const r = await runCheck(catalogOwnerCheck, {}, { entity: withRelation('group:default/payments') });
    expect(r).toMatchObject({ status: 'pass', score: 100, summary: 'Owned by group:default/payments' });
    expect(r.evidence[0]).toMatchObject({ path: 'catalog-info.yaml', note: 'relations[ownedBy]' });
  });

  it('falls back to spec.owner (default kind group) without relations', async () => {
    const r = await runCheck(catalogOwnerCheck, {}, { entity: testEntity({ spec: { owner: 'payments' } }) });
    expect(r).toMatchObject({ status: 'pass', score: 100, summary: 'Owned by group:default/payments' });
    expect(r.evidence[0].note).toBe('spec.owner');
  });

  it('fails on a User owner in production, passes outside production', async () => {
    expect(await runCheck(catalogOwnerCheck, {}, { entity: withRelation('user:default/jdoe') })).toMatchObject({ status: 'fail', score: 0 });
    expect(
      await runCheck(catalogOwnerCheck, {}, { entity: withRelation('user:default/jdoe', 'experimental') }),
    ).toMatchObject({ status: 'pass', score: 100 });
  });

  it.each(['unknown', 'TBD', 'none', 'guest', 'n/a', '', 'group:default/unknown'])('fails on placeholder owner %p', async owner => {
    const r = await runCheck(catalogOwnerCheck, {}, { entity: testEntity({ spec: { owner } }) });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('fails on a placeholder in the relation and on a missing owner', async () => {
    expect((await runCheck(catalogOwnerCheck, {}, { entity: withRelation('group:default/tbd') })).status).toBe('fail');
    const noOwner = testEntity();
    delete (noOwner.spec as Record<string, unknown>).owner;
    expect(await runCheck(catalogOwnerCheck, {}, { entity: noOwner })).toMatchObject({ status: 'fail', summary: 'No owner: spec.owner is not set' });
  });

  it('fails on an owner of another kind', async () => {
    expect((await runCheck(catalogOwnerCheck, {}, { entity: withRelation('system:default/shop') })).status).toBe('fail');
  });
});

describe('catalog-metadata', () => {
  const full = {
    metadata: {
      description: 'Shopping cart service for the web shop',
      annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
    },
    spec: { lifecycle: 'production', system: 'shop' },
  };

  it('passes with all four fields', async () => {
    const r = await runCheck(catalogMetadataCheck, {}, { entity: testEntity(full) });
    expect(r).toMatchObject({ status: 'pass', score: 100, evidence: [] });
  });

  it('scores fields / 4 and names what is missing', async () => {
    const r = await runCheck(catalogMetadataCheck, {}, {
      entity: testEntity({ metadata: { description: 'Cart' }, spec: { lifecycle: 'production', system: 'shop' } }),
    });
    expect(r).toMatchObject({ status: 'partial', score: 50 });
    expect(r.evidence.map(e => e.note)).toEqual([
      'missing metadata.description (20+ characters)',
      'missing backstage.io/techdocs-ref or backstage.io/source-location annotation',
    ]);
  });

  it('counts a source-location annotation; rejects an unknown lifecycle', async () => {
    const r = await runCheck(catalogMetadataCheck, {}, {
      entity: testEntity({
        metadata: { description: full.metadata.description, annotations: { 'backstage.io/source-location': 'url:https://x/y' } },
        spec: { lifecycle: 'beta', system: 'shop' },
      }),
    });
    expect(r).toMatchObject({ status: 'partial', score: 75 });
  });

  it('fails with none of the fields', async () => {
    const r = await runCheck(catalogMetadataCheck, {}, { entity: testEntity({ spec: { lifecycle: '' } }) });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });
});

describe('catalog-on-call', () => {
  it('passes on a PagerDuty annotation', async () => {
    const r = await runCheck(catalogOnCallCheck, {}, {
      entity: testEntity({ metadata: { annotations: { 'pagerduty.com/service-id': 'P123' } } }),
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0].note).toBe('metadata.annotations["pagerduty.com/service-id"]');
  });

  it('passes on an annotation named in config', async () => {
    const r = await runCheck(catalogOnCallCheck, {}, {
      entity: testEntity({ metadata: { annotations: { 'firehydrant.com/service': 'cart' } } }),
      config: { onCall: { annotations: ['firehydrant.com/service'] } },
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
  });

  it('fails without one, or with an empty value', async () => {
    const r = await runCheck(catalogOnCallCheck, {}, {
      entity: testEntity({ metadata: { annotations: { 'opsgenie.com/team': ' ', 'firehydrant.com/service': 'x' } } }),
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });
});

describe('catalog-ops-links', () => {
  const links = (...l: { url: string; title?: string; type?: string }[]) => testEntity({ metadata: { links: l } });

  it('passes with a runbook and a dashboard link', async () => {
    const r = await runCheck(catalogOpsLinksCheck, {}, {
      entity: links({ url: 'https://wiki/x', title: 'On-call Playbook' }, { url: 'https://grafana.acme.io/d/abc' }),
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence.map(e => e.note)).toEqual(['metadata.links[0]', 'metadata.links[1]']);
  });

  it('gives 50 for one of the two', async () => {
    const r = await runCheck(catalogOpsLinksCheck, {}, {
      entity: links({ url: 'https://x', type: 'runbook' }, { url: 'https://github.com/acme/cart', title: 'Source' }),
    });
    expect(r).toMatchObject({ status: 'partial', score: 50, summary: 'No dashboard link in metadata.links' });
  });

  it('fails without matching links', async () => {
    expect(await runCheck(catalogOpsLinksCheck, {}, { entity: links({ url: 'https://docs', title: 'Docs' }) })).toMatchObject({
      status: 'fail',
      score: 0,
    });
    expect((await runCheck(catalogOpsLinksCheck, {}, { entity: testEntity() })).score).toBe(0);
  });
});

describe('catalog checks without a repository', () => {
  it('run on the entity alone', async () => {
    const engine = new AuditEngine({ checks: [catalogOwnerCheck, catalogMetadataCheck, catalogOnCallCheck, catalogOpsLinksCheck] });
    const card = await engine.audit({ entity: testEntity(), sourceError: 'no source' });
    expect(card.checks.map(c => c.status)).toEqual(['pass', 'partial', 'fail', 'fail']);
  });
});
