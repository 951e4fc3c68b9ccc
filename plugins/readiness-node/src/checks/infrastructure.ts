import { Evidence } from '@prodready/plugin-readiness-common';
import { ReadinessCheck, outcome } from '../api/check';
import { isLibrary } from '../facts/classify';
import { enabledByValues, fieldSatisfies, isTemplated, templatedNumber } from '../facts/helm';
import { K8sObject, Workload, k8sObjects, workloads } from '../facts/kubernetes';
import { RepoView, lineOf } from '../facts/RepoView';
import { execHinted, hinted } from '../facts/hints';

const MAX_EVIDENCE = 10;

// Objects with apiVersion/kind/metadata that describe tools, not the deployment.
const NOT_DEPLOYMENT_API = /(^|\.)backstage\.io\/|^skaffold\/|kind\.x-k8s\.io|^kustomize\.config\.k8s\.io|^ctlptl\.dev|^k3d\.io/;

/** K8S of CHECKS.md, minus catalog descriptors and tool configs. */
export async function deploymentObjects(repo: RepoView): Promise<K8sObject[]> {
  return (await k8sObjects(repo)).filter(o => !NOT_DEPLOYMENT_API.test(o.apiVersion));
}

const IAC_FILES: { label: string; patterns: string[] }[] = [
  { label: 'Terraform', patterns: ['*.tf', '*.tofu'] },
  { label: 'Pulumi', patterns: ['Pulumi.yaml', 'Pulumi.yml'] },
  { label: 'AWS CDK', patterns: ['cdk.json'] },
  { label: 'Helm chart', patterns: ['Chart.yaml'] },
  { label: 'Kustomize', patterns: ['kustomization.yaml', 'kustomization.yml'] },
  { label: 'Bicep', patterns: ['*.bicep'] },
  // A Serverless Framework file is the deployment's infrastructure definition too.
  { label: 'Serverless Framework', patterns: ['serverless.yml', 'serverless.yaml'] },
];

const CLOUDFORMATION = hinted(/AWSTemplateFormatVersion|^\s*Type\s*:\s*["']?AWS::|"Type"\s*:\s*"AWS::/m, 'AWS');

export const iacPresentCheck: ReadinessCheck = {
  id: 'iac-present',
  title: 'Infrastructure as code',
  category: 'infrastructure',
  severity: 'high',
  description:
    'Looks for Terraform/OpenTofu (*.tf, *.tofu), Pulumi.yaml, cdk.json, Chart.yaml, kustomization.yaml, CloudFormation (AWSTemplateFormatVersion or Type: AWS::), *.bicep, a Serverless Framework file, or Kubernetes manifests in the entity folder.',
  rationale:
    'Infrastructure built by hand cannot be reviewed, reproduced after a disaster or promoted between environments with confidence.',
  remediation:
    'Describe the deployment and its cloud resources in code (Terraform, Helm or Kustomize manifests, CDK) and keep it next to the service.',
  effort: 'L',
  scope: 'repository',
  applies({ entity }) {
    return isLibrary(entity) ? { reason: 'A library is not deployed' } : true;
  },
  async run({ repo }) {
    const found: { label: string; ev: Evidence }[] = [];
    for (const { label, patterns } of IAC_FILES) {
      for (const path of repo.find(patterns)) found.push({ label, ev: repo.evidence(path) });
    }
    for (const f of await repo.findTexts(['*.yaml', '*.yml', '*.json', '*.template'])) {
      const m = execHinted(CLOUDFORMATION, f.text);
      if (m) found.push({ label: 'CloudFormation', ev: repo.evidence(f.path, lineOf(f.text, m.index)) });
    }
    const manifests = await deploymentObjects(repo);
    for (const o of manifests) {
      if (!found.some(f => f.ev.path === o.path)) found.push({ label: 'Kubernetes manifests', ev: repo.evidence(o.path, o.line) });
    }
    if (!found.length) {
      return outcome.fail('No infrastructure as code (Terraform, Helm, Kustomize, Kubernetes manifests, CloudFormation, CDK, Pulumi, Bicep)');
    }
    const labels = [...new Set(found.map(f => f.label))];
    return outcome.pass(
      `Infrastructure as code: ${labels.join(', ')} (${found[0].ev.path})`,
      found.slice(0, MAX_EVIDENCE).map(f => f.ev),
    );
  },
};

function nonEmpty(value: unknown): boolean {
  if (isTemplated(value)) return true;
  return !!value && typeof value === 'object' && Object.keys(value).length > 0;
}

function hasRequestsAndLimits(value: unknown): boolean {
  const r = value as { requests?: unknown; limits?: unknown } | undefined;
  return !!r && typeof r === 'object' && nonEmpty(r.requests) && nonEmpty(r.limits);
}

async function replicasOf(repo: RepoView, w: Workload): Promise<number | undefined> {
  const replicas = w.object.doc.spec?.replicas;
  if (typeof replicas === 'number') return replicas;
  if (replicas === undefined) return 1; // the Kubernetes default
  return templatedNumber(repo, w.object, 'replicas');
}

function labelsMatch(selector: unknown, labels: unknown): boolean {
  if (!selector || typeof selector !== 'object') return true; // an empty selector selects every pod
  if (isTemplated(selector) || isTemplated(labels) || !labels || typeof labels !== 'object') return true;
  return Object.entries(selector as Record<string, unknown>).every(
    ([k, v]) => isTemplated(v) || (labels as Record<string, unknown>)[k] === v || isTemplated((labels as Record<string, unknown>)[k]),
  );
}

function targets(scaler: K8sObject, w: Workload): boolean {
  const name = scaler.doc.spec?.scaleTargetRef?.name;
  return typeof name !== 'string' || isTemplated(name) || w.object.templated || name === w.object.name;
}

export const iacK8sResourcesCheck: ReadinessCheck = {
  id: 'iac-k8s-resources',
  title: 'Kubernetes resources and availability',
  category: 'infrastructure',
  severity: 'medium',
  description:
    'Kubernetes workloads (Deployments, StatefulSets, DaemonSets, Rollouts) set resources.requests and limits on every container (50, proportional); Deployments/StatefulSets/Rollouts run replicas >= 2 or have an HPA/KEDA ScaledObject (25) and a PodDisruptionBudget (25). Helm templates are read through the chart values.',
  rationale:
    'Without requests and limits the scheduler packs pods blindly and one noisy pod starves its neighbours; a single replica without a PodDisruptionBudget goes down on every node drain.',
  remediation:
    'Set resources.requests and resources.limits on every container, run at least two replicas (or an HPA) and add a PodDisruptionBudget with minAvailable: 1.',
  effort: 'S',
  scope: 'repository',
  async run({ repo }) {
    const objects = await deploymentObjects(repo);
    if (!objects.length) return outcome.notApplicable('No Kubernetes manifests');
    const ws = await workloads(repo);
    if (!ws.length) return outcome.notApplicable('Kubernetes manifests but no workloads (Deployment, StatefulSet, DaemonSet)');
    const enabled = async (kinds: string[]) => {
      const list = objects.filter(o => kinds.includes(o.kind));
      const flags = await Promise.all(list.map(o => enabledByValues(repo, o)));
      return list.filter((_, i) => flags[i]);
    };
    const scalers = await enabled(['HorizontalPodAutoscaler', 'ScaledObject']);
    const pdbs = await enabled(['PodDisruptionBudget']);

    const missing: Evidence[] = [];
    let containers = 0;
    let withResources = 0;
    for (const w of ws) {
      for (const c of w.containers) {
        containers++;
        if (await fieldSatisfies(repo, w.object, c, 'resources', hasRequestsAndLimits)) withResources++;
        else missing.push(repo.evidence(w.object.path, w.object.line, `container ${c?.name ?? '?'} lacks requests or limits`));
      }
    }
    const resourceScore = containers ? (50 * withResources) / containers : 0;

    const scalable = ws.filter(w => w.object.kind !== 'DaemonSet');
    let availability = 0;
    let replicated = 0;
    let disrupted = 0;
    for (const w of scalable) {
      const replicas = await replicasOf(repo, w);
      if ((replicas ?? 0) >= 2 || scalers.some(s => targets(s, w))) replicated++;
      const labels = w.object.doc.spec?.template?.metadata?.labels;
      if (pdbs.some(p => labelsMatch(p.doc.spec?.selector?.matchLabels, labels))) disrupted++;
    }
    if (scalable.length) availability = (25 * replicated + 25 * disrupted) / scalable.length;
    // DaemonSets only: one pod per node, replicas and PDBs do not apply.
    const score = scalable.length ? resourceScore + availability : resourceScore * 2;

    const parts = [`${withResources} of ${containers} containers set requests and limits`];
    if (scalable.length) {
      parts.push(`${replicated} of ${scalable.length} workloads have 2+ replicas or an autoscaler`);
      parts.push(`${disrupted} covered by a PodDisruptionBudget`);
    }
    const evidence = [
      ...missing,
      ...ws.map(w => repo.evidence(w.object.path, w.object.line)),
      ...[...scalers, ...pdbs].map(o => repo.evidence(o.path, o.line)),
    ];
    return outcome.scored(score, parts.join('; '), dedupe(evidence).slice(0, MAX_EVIDENCE));
  },
};

function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter(e => {
    const key = `${e.path}:${e.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The infrastructure checks of CHECKS.md. @public */
export const infrastructureChecks: ReadinessCheck[] = [iacPresentCheck, iacK8sResourcesCheck];
