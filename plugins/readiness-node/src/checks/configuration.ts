import { Evidence } from '@prodready/plugin-readiness-common';
import { ReadinessCheck, outcome } from '../api/check';
import { isLibrary } from '../facts/classify';
import { findSections } from '../facts/docs';
import { K8sObject, TEMPLATED, k8sObjects, yamlFiles } from '../facts/kubernetes';
import { RepoView, lineOf } from '../facts/RepoView';

const LIBRARY_REASON = 'Libraries are not deployed: they have no environment of their own';

const ENV_TEMPLATES = [
  '.env.example', '.env.sample', '.env.template', '.env.dist', 'example.env',
  // the same without the leading dot (a template meant to be renamed to .env)
  'env.example', 'env.sample', 'env.template', 'sample.env',
];

// A template with no `KEY=` line is a stub: it documents nothing.
const ENV_ASSIGNMENT = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=/m;

/** config-env-template: an environment template or a configuration section in the docs. */
export const configEnvTemplateCheck: ReadinessCheck = {
  id: 'config-env-template',
  title: 'Environment template',
  category: 'configuration',
  severity: 'medium',
  effort: 'S',
  scope: 'repository',
  description:
    'Looks for an environment template (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`, `example.env`, or `env.example`, `env.sample`, `env.template`, `sample.env`) with at least one `KEY=` line, or a documentation section titled "Configuration" or "Environment variables" with at least 40 words. An empty template does not count. Not applicable to libraries.',
  rationale:
    'Without a list of the settings a service reads, every new environment is configured by trial and error, and a missing variable surfaces as an outage.',
  remediation:
    'Commit a `.env.example` listing every environment variable the service reads, with safe placeholder values and a comment per variable; or document them under a "Configuration" heading.',
  applies: ({ entity }) => (isLibrary(entity) ? { reason: LIBRARY_REASON } : true),
  async run({ repo }) {
    const paths = repo.find(ENV_TEMPLATES);
    // In a monorepo a template at the repository root serves every service.
    if (repo.isSubfolder) {
      paths.push(...repo.find(ENV_TEMPLATES, { scope: 'root' }).filter(p => !p.includes('/')));
    }
    const stubs: string[] = [];
    for (const file of await repo.readAll([...new Set(paths)])) {
      const m = ENV_ASSIGNMENT.exec(file.text);
      if (m) {
        return outcome.pass(`Environment template ${file.path}`, [
          repo.evidence(file.path, lineOf(file.text, m.index + m[0].search(/\S/))),
        ]);
      }
      stubs.push(file.path);
    }
    const section = (await findSections(repo, /\b(configuration|environment variables?|env vars?)\b/i))[0];
    if (section) {
      return outcome.pass(`Configuration documented under "${section.title}" in ${section.path}`, [
        repo.evidence(section.path, section.line),
      ]);
    }
    if (stubs.length) {
      return outcome.fail(
        `${stubs[0]} lists no variables (no KEY= line) and no configuration section in the docs`,
        stubs.map(p => repo.evidence(p)),
      );
    }
    return outcome.fail('No .env.example (or similar) and no "Configuration" / "Environment variables" section in the docs');
  },
};

const ENV_NAME = /^(dev|development|stag|staging|stage|prod|production|qa|uat|test|testing|sandbox|preprod|pre-prod|int|integration|perf|demo|local)$/i;
const TEST_PATH = /(^|\/)(src\/test|tests?|__tests__|spec)\//;

/** Per-environment configuration files and why each counts. */
function perEnvironmentFiles(repo: RepoView): { path: string; kind: string }[] {
  const out: { path: string; kind: string }[] = [];
  const add = (kind: string, paths: string[]) => paths.forEach(path => out.push({ path, kind }));
  const rel = (p: string) => (repo.entityPath ? p.slice(repo.entityPath.length + 1) : p);
  add(
    'config/<env> file',
    repo.find('**/config/*').filter(p => /(^|\/)config\/(dev|staging|prod)[\w-]*\.\w+$/.test(rel(p))),
  );
  add(
    'Spring profile',
    repo.find(['application-*.yml', 'application-*.yaml', 'application-*.properties']).filter(p => !TEST_PATH.test(rel(p))),
  );
  add('ASP.NET appsettings', repo.find('appsettings.*.json'));
  add('Helm values file', repo.find(['values-*.yaml', 'values-*.yml']));
  add('Kustomize overlay', repo.find(['**/overlays/*/kustomization.yaml', '**/overlays/*/kustomization.yml', '**/overlays/*/Kustomization']));
  // A tfvars file is per-environment when its name or folder names an environment.
  add(
    'Terraform tfvars',
    repo.find(['*.tfvars', '*.tfvars.json']).filter(p =>
      rel(p)
        .replace(/\.tfvars(\.json)?$/, '')
        .split(/[/._]/)
        .some(seg => ENV_NAME.test(seg)),
    ),
  );
  // `app-config.local.yaml` is a developer override, not an environment.
  add(
    'Backstage app-config',
    repo.find(['app-config.*.yaml', 'app-config.*.yml']).filter(p => !/app-config\.local\./.test(p)),
  );
  return out;
}

/** config-per-environment: configuration separated per environment. */
export const configPerEnvironmentCheck: ReadinessCheck = {
  id: 'config-per-environment',
  title: 'Per-environment configuration',
  category: 'configuration',
  severity: 'medium',
  effort: 'S',
  scope: 'repository',
  description:
    'Looks for configuration separated by environment: `config/{dev,staging,prod*}.*`, Spring `application-<profile>.{yml,yaml,properties}` (outside test folders), `appsettings.<Environment>.json`, Helm `values-*.yaml`, Kustomize `overlays/<env>/`, Terraform `*.tfvars` named after an environment (or in an environment folder), and Backstage-style `app-config.<env>.yaml` (not `.local`). Not applicable to libraries.',
  rationale:
    'When staging and production share one configuration edited by hand, a change meant for one environment reaches the other, and no one can review what differs between them.',
  remediation:
    'Keep a base configuration plus one overlay per environment (Helm values-<env>.yaml, Kustomize overlays, Spring profiles or appsettings.<Env>.json) and review changes to them like code.',
  applies: ({ entity }) => (isLibrary(entity) ? { reason: LIBRARY_REASON } : true),
  async run({ repo }) {
    const files = perEnvironmentFiles(repo);
    if (!files.length) {
      return outcome.fail('No per-environment configuration (config/<env>.*, profiles, values-<env>.yaml, overlays, <env>.tfvars)');
    }
    const kinds = [...new Set(files.map(f => f.kind))];
    return outcome.pass(
      `${files.length} per-environment configuration file(s): ${kinds.join(', ')}`,
      files.slice(0, 5).map(f => repo.evidence(f.path, undefined, f.kind)),
    );
  },
};

const EXTERNAL_KINDS = new Set(['ExternalSecret', 'ClusterExternalSecret', 'SealedSecret']);

// Values that are not secrets committed in clear: empty, templated, SOPS-encrypted, placeholders.
function isPlaintextValue(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  const s = String(value).trim();
  if (!s || s.includes(TEMPLATED)) return false;
  if (/^ENC\[/.test(s)) return false;
  if (/^\$\{[^}]+\}$|^\$\([^)]+\)$|^<[^>]+>$/.test(s)) return false;
  return true;
}

/** Plaintext Secrets: `kind: Secret` with data/stringData values in clear. */
async function plaintextSecrets(repo: RepoView, objects: K8sObject[]): Promise<Evidence[]> {
  const out: Evidence[] = [];
  for (const obj of objects) {
    if (obj.kind !== 'Secret') continue;
    const field = (['stringData', 'data'] as const).find(
      f =>
        obj.doc[f] &&
        typeof obj.doc[f] === 'object' &&
        Object.entries(obj.doc[f] as Record<string, unknown>).some(
          ([key, value]) => key !== TEMPLATED && isPlaintextValue(value),
        ),
    );
    if (!field) continue;
    // Point at the data/stringData line of this document, never at a value.
    const lines = ((await repo.read(obj.path)) ?? '').split('\n');
    let line = obj.line;
    for (let i = obj.line - 1; i < lines.length; i++) {
      if (new RegExp(`^\\s*${field}\\s*:`).test(lines[i])) {
        line = i + 1;
        break;
      }
    }
    out.push(repo.evidence(obj.path, line, `kind: Secret${obj.name ? ` ${obj.name}` : ''} with plaintext ${field} (values not shown)`));
  }
  return out;
}

/** `.sops.yaml` of the entity folder or of the repository root. */
function sopsFiles(repo: RepoView): string[] {
  const names = ['.sops.yaml', '.sops.yml'];
  return [
    ...new Set([...repo.find(names), ...repo.find(names, { scope: 'root' }).filter(p => !p.includes('/'))]),
  ];
}

/** Deployment configuration of any kind: K8S objects, a Helm chart, a compose file, Terraform. */
async function hasDeploymentConfig(repo: RepoView): Promise<boolean> {
  if ((await k8sObjects(repo)).length) return true;
  return (
    repo.find(['Chart.yaml', 'compose.yml', 'compose.yaml', 'docker-compose*.yml', 'docker-compose*.yaml', '*.tf', '*.tofu'])
      .length > 0
  );
}

/** config-external-secrets: secrets come from a secret store, not from the tree. */
export const configExternalSecretsCheck: ReadinessCheck = {
  id: 'config-external-secrets',
  title: 'Secrets kept outside the repository',
  category: 'configuration',
  severity: 'medium',
  effort: 'M',
  scope: 'repository',
  description:
    'Passes on secrets injected from outside the tree: `secretKeyRef` in manifests or Helm templates, `kind: ExternalSecret` / `ClusterExternalSecret` / `SealedSecret`, Vault agent annotations (`vault.hashicorp.com/agent-inject`), or a `.sops.yaml`. Fails when a plaintext `kind: Secret` carries `data`/`stringData` values (templated, SOPS-encrypted `ENC[...]` and `${VAR}` / `<placeholder>` values do not count), even if other signals exist, and when the deployment configuration has none of the signals. Not applicable when the repository has no deployment configuration (no K8S objects, Helm chart, compose file or Terraform).',
  rationale:
    'A secret committed to the repository is readable by everyone with access to it and lives forever in its history; secrets held in a store can be rotated and audited.',
  remediation:
    'Keep secrets in a secret manager and reference them: External Secrets Operator or Sealed Secrets for Kubernetes, Vault agent injection, or SOPS-encrypted files; remove any plaintext Secret manifest and rotate what it held.',
  async applies({ repo }) {
    if (await hasDeploymentConfig(repo)) return true;
    if (sopsFiles(repo).length) return true;
    return {
      reason: 'No deployment configuration in the repository (no Kubernetes manifests, Helm chart, compose file or Terraform): nothing to inject secrets into',
    };
  },
  async run({ repo }) {
    const objects = await k8sObjects(repo);
    const plaintext = await plaintextSecrets(repo, objects);
    const found: Evidence[] = [];
    for (const obj of objects) {
      if (EXTERNAL_KINDS.has(obj.kind)) found.push(repo.evidence(obj.path, obj.line, `kind: ${obj.kind}`));
    }
    for (const file of await yamlFiles(repo)) {
      for (const [re, note] of [
        [/\bsecretKeyRef\s*:/, 'secretKeyRef'],
        [/vault\.hashicorp\.com\/agent-inject/, 'Vault agent injection'],
      ] as const) {
        const m = re.exec(file.text);
        if (m) found.push(repo.evidence(file.path, lineOf(file.text, m.index), note));
      }
    }
    sopsFiles(repo).forEach(p => found.push(repo.evidence(p, undefined, 'SOPS configuration')));

    if (plaintext.length) {
      const also = found.length ? ` (despite ${found.map(e => e.note).filter((n, i, a) => a.indexOf(n) === i).join(', ')})` : '';
      return outcome.fail(
        `${plaintext.length} plaintext kind: Secret manifest(s) with values committed, first in ${plaintext[0].path}:${plaintext[0].line}${also}`,
        plaintext,
      );
    }
    if (!found.length) {
      return outcome.fail(
        'Deployment configuration has no external secret source (no secretKeyRef, ExternalSecret, SealedSecret, Vault agent annotations or .sops.yaml)',
      );
    }
    const notes = [...new Set(found.map(e => e.note))];
    return outcome.pass(`Secrets referenced from outside the tree: ${notes.join(', ')}`, found.slice(0, 5));
  },
};

/** Configuration checks. */
export const configurationChecks: ReadinessCheck[] = [
  configEnvTemplateCheck,
  configPerEnvironmentCheck,
  configExternalSecretsCheck,
];
