import { unlessLibrary } from '../facts/classify';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  CompoundEntityRef,
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
} from '@backstage/catalog-model';
import { Evidence } from '@prodready/plugin-readiness-common';
import { CatalogCheckContext, ReadinessCheck, outcome } from '../api/check';

/**
 * Evidence pointing at the entity's descriptor: the file its
 * `backstage.io/managed-by-location` names (a repository path and link for a
 * URL, the path for a file), else `catalog-info.yaml`; the note names the field.
 */
export function catalogEvidence(entity: Entity, note: string): Evidence {
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION] ?? '';
  const colon = location.indexOf(':');
  const type = colon > 0 ? location.slice(0, colon) : '';
  const target = colon > 0 ? location.slice(colon + 1) : '';
  if (type === 'url' && /^https?:\/\//.test(target)) {
    let path = 'catalog-info.yaml';
    try {
      const pathname = decodeURIComponent(new URL(target).pathname);
      // GitHub /blob/<ref>/<path>, GitLab /-/blob/<ref>/<path>, Bitbucket /src/<ref>/<path>
      const inRepo = /\/(?:-\/)?(?:blob|tree|src|raw)\/[^/]+\/(.+)$/.exec(pathname);
      path = inRepo ? inRepo[1] : pathname.slice(pathname.lastIndexOf('/') + 1) || path;
    } catch {
      // Not a parseable URL: keep the default path.
    }
    return { path, url: target, note };
  }
  if (type === 'file' && target) {
    return { path: target.replace(/^\.\//, ''), note };
  }
  return { path: 'catalog-info.yaml', note };
}

const PLACEHOLDER_OWNERS = new Set(['', 'unknown', 'tbd', 'none', 'guest', 'n/a']);

interface Owner {
  ref?: CompoundEntityRef;
  raw: string;
  from: 'relation' | 'spec.owner';
}

function ownerOf(entity: Entity): Owner | undefined {
  const namespace = entity.metadata.namespace ?? 'default';
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) {
    try {
      return { ref: parseEntityRef(relation.targetRef), raw: relation.targetRef, from: 'relation' };
    } catch {
      return { raw: relation.targetRef, from: 'relation' };
    }
  }
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (owner === undefined || owner === null) return undefined;
  const raw = String(owner).trim();
  try {
    return { ref: parseEntityRef(raw, { defaultKind: 'group', defaultNamespace: namespace }), raw, from: 'spec.owner' };
  } catch {
    return { raw, from: 'spec.owner' };
  }
}

const lifecycleOf = (entity: Entity) => {
  const lifecycle = (entity.spec as { lifecycle?: unknown } | undefined)?.lifecycle;
  return typeof lifecycle === 'string' ? lifecycle.toLowerCase() : '';
};

/** catalog-owner: an owning team, not a placeholder. */
export const catalogOwnerCheck: ReadinessCheck = {
  id: 'catalog-owner',
  title: 'Owning team',
  category: 'catalog',
  severity: 'critical',
  effort: 'S',
  scope: 'catalog',
  description:
    'Passes when the entity is owned by a Group: its `ownedBy` relation (or, when the entity comes without relations, as in the CLI reading catalog-info.yaml, `spec.owner` read as a group reference by default) targets `group:...`. Fails without an owner, on placeholder owners (`unknown`, `tbd`, `none`, `guest`, `n/a`, empty), on owners of other kinds, and on a User owner when the lifecycle is `production` (a User owner passes outside production). Limitation: the entity record alone cannot prove that the Group exists — the catalog emits `ownedBy` relations even for targets that are missing — so a reference to a non-existent Group passes here; the catalog\'s own orphan and relation processing reports those.',
  rationale:
    'An entity without a real owning team has no one to page, review changes or fix its gaps; ownership by one person does not survive holidays and departures.',
  remediation:
    'Set `spec.owner` in catalog-info.yaml to the Group that runs the service (e.g. `group:default/payments-team`), and make sure that Group exists in the catalog.',
  run(ctx) {
    const { entity } = ctx as CatalogCheckContext;
    const owner = ownerOf(entity);
    const field = owner?.from === 'relation' ? 'relations[ownedBy]' : 'spec.owner';
    const evidence = [catalogEvidence(entity, field)];
    if (!owner) return outcome.fail('No owner: spec.owner is not set', evidence);
    const name = owner.ref?.name.toLowerCase() ?? '';
    const placeholder =
      PLACEHOLDER_OWNERS.has(owner.raw.toLowerCase()) ||
      PLACEHOLDER_OWNERS.has(name) ||
      `${owner.ref?.namespace}/${name}`.toLowerCase() === 'n/a'; // 'n/a' parses as namespace n, name a
    if (placeholder) {
      return outcome.fail(`Owner '${owner.raw}' is a placeholder, not a team`, evidence);
    }
    if (!owner.ref) return outcome.fail(`Owner '${owner.raw}' is not a valid entity reference`, evidence);
    const kind = owner.ref.kind.toLowerCase();
    const ref = `${kind}:${owner.ref.namespace}/${owner.ref.name}`;
    if (kind === 'group') return outcome.pass(`Owned by ${ref}`, evidence);
    if (kind === 'user') {
      return lifecycleOf(entity) === 'production'
        ? outcome.fail(`Production entity owned by a person (${ref}), not a team`, evidence)
        : outcome.pass(`Owned by ${ref} (a person; acceptable outside production)`, evidence);
    }
    return outcome.fail(`Owner ${ref} is a ${owner.ref.kind}, not a Group`, evidence);
  },
};

const LIFECYCLES = ['experimental', 'production', 'deprecated'];

/** catalog-metadata: the descriptor is filled in. */
export const catalogMetadataCheck: ReadinessCheck = {
  id: 'catalog-metadata',
  title: 'Catalog metadata complete',
  category: 'catalog',
  severity: 'medium',
  effort: 'S',
  scope: 'catalog',
  description:
    'Score = fields present / 4 × 100: a `metadata.description` of at least 20 characters; `spec.lifecycle` one of experimental, production, deprecated; `spec.system`; and a `backstage.io/techdocs-ref` or `backstage.io/source-location` annotation.',
  rationale:
    'Incomplete catalog entries make the catalog useless in an incident: no one can tell what a service does, whether it is live, which system it belongs to or where its code and docs are.',
  remediation:
    'Fill in catalog-info.yaml: a one-sentence description, the lifecycle, the system the component belongs to, and a backstage.io/techdocs-ref or source-location annotation.',
  run(ctx) {
    const { entity } = ctx as CatalogCheckContext;
    const spec = (entity.spec ?? {}) as { lifecycle?: unknown; system?: unknown };
    const annotations = entity.metadata.annotations ?? {};
    const description = (entity.metadata.description ?? '').trim();
    const fields: [string, boolean][] = [
      ['metadata.description (20+ characters)', description.length >= 20],
      ['spec.lifecycle (experimental, production or deprecated)', LIFECYCLES.includes(lifecycleOf(entity))],
      ['spec.system', typeof spec.system === 'string' && spec.system.trim() !== ''],
      [
        `backstage.io/techdocs-ref or ${ANNOTATION_SOURCE_LOCATION} annotation`,
        !!annotations['backstage.io/techdocs-ref']?.trim() || !!annotations[ANNOTATION_SOURCE_LOCATION]?.trim(),
      ],
    ];
    const missing = fields.filter(([, ok]) => !ok).map(([name]) => name);
    const found = fields.length - missing.length;
    return outcome.scored(
      (found / fields.length) * 100,
      missing.length ? `${found} of 4 metadata fields set; missing ${missing.join(', ')}` : 'All 4 metadata fields set',
      missing.map(name => catalogEvidence(entity, `missing ${name}`)),
    );
  },
};

const ON_CALL_ANNOTATIONS = [
  'pagerduty.com/service-id',
  'pagerduty.com/integration-key',
  'opsgenie.com/team',
  'opsgenie.com/component-selector',
];

/** catalog-on-call: a paging integration is linked. */
export const catalogOnCallCheck: ReadinessCheck = {
  id: 'catalog-on-call',
  applies: unlessLibrary('is not run on its own, so nobody is paged for it'),
  title: 'On-call linked',
  category: 'catalog',
  severity: 'high',
  effort: 'S',
  scope: 'catalog',
  description:
    'Passes when the entity has a non-empty on-call annotation: `pagerduty.com/service-id`, `pagerduty.com/integration-key`, `opsgenie.com/team`, `opsgenie.com/component-selector`, or one of the annotation names listed in `readiness.onCall.annotations`.',
  rationale:
    'When the service breaks, responders need to know who is on call for it right now; without a paging link, incidents wait for someone to find the right person.',
  remediation:
    'Add the paging annotation of your on-call tool to catalog-info.yaml, e.g. `pagerduty.com/service-id` or `opsgenie.com/team`.',
  run(ctx) {
    const { entity, config } = ctx as CatalogCheckContext;
    const names = [...ON_CALL_ANNOTATIONS, ...(config.getOptionalStringArray('onCall.annotations') ?? [])];
    const annotations = entity.metadata.annotations ?? {};
    const present = names.filter(n => typeof annotations[n] === 'string' && annotations[n].trim() !== '');
    if (present.length) {
      return outcome.pass(
        `On-call linked via ${present.join(', ')}`,
        present.map(n => catalogEvidence(entity, `metadata.annotations["${n}"]`)),
      );
    }
    return outcome.fail(`No on-call annotation (${names.join(', ')})`, [
      catalogEvidence(entity, 'metadata.annotations'),
    ]);
  },
};

/** catalog-ops-links: runbook and dashboard links on the entity page. */
export const catalogOpsLinksCheck: ReadinessCheck = {
  id: 'catalog-ops-links',
  applies: unlessLibrary('is not run on its own, so it has no runbook or dashboard'),
  title: 'Runbook and dashboard links',
  category: 'catalog',
  severity: 'medium',
  effort: 'S',
  scope: 'catalog',
  description:
    '`metadata.links` with a URL whose type, title or URL says runbook or playbook (50) and one that says dashboard, grafana or datadog (50).',
  rationale:
    'Responders start from the catalog page; links to the runbook and the dashboard there save the minutes spent searching for them during an incident.',
  remediation:
    'Add `metadata.links` entries to catalog-info.yaml for the runbook (type: runbook) and the main dashboard (type: dashboard).',
  run(ctx) {
    const { entity } = ctx as CatalogCheckContext;
    const links = (entity.metadata.links ?? []).map((l, i) => ({ i, url: l?.url ?? '', text: `${l?.type ?? ''} ${l?.title ?? ''} ${l?.url ?? ''}` }));
    const find = (re: RegExp) => links.find(l => l.url && re.test(l.text));
    const runbook = find(/runbook|playbook/i);
    const dashboard = find(/dashboard|grafana|datadog/i);
    const evidence = [runbook, dashboard]
      .filter((l): l is NonNullable<typeof l> => !!l)
      .map(l => catalogEvidence(entity, `metadata.links[${l.i}]`));
    const score = (runbook ? 50 : 0) + (dashboard ? 50 : 0);
    const missing = [runbook ? '' : 'runbook', dashboard ? '' : 'dashboard'].filter(Boolean);
    return outcome.scored(
      score,
      missing.length ? `No ${missing.join(' or ')} link in metadata.links` : 'Runbook and dashboard linked',
      evidence.length ? evidence : [catalogEvidence(entity, 'metadata.links')],
    );
  },
};

/** Catalog checks: they read the entity record only. */
export const catalogChecks: ReadinessCheck[] = [
  catalogOwnerCheck,
  catalogMetadataCheck,
  catalogOnCallCheck,
  catalogOpsLinksCheck,
];
