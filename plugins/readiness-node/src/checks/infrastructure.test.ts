import { iacK8sResourcesCheck, iacPresentCheck } from './infrastructure';
import { runCheck, testEntity } from './testUtils';

const CATALOG = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc\nspec:\n  type: service\n';

function deployment(opts: { name?: string; replicas?: number; resources?: boolean; labels?: string } = {}) {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${opts.name ?? 'api'}`,
    'spec:',
    ...(opts.replicas !== undefined ? [`  replicas: ${opts.replicas}`] : []),
    '  template:',
    '    metadata:',
    `      labels: { app: ${opts.labels ?? 'api'} }`,
    '    spec:',
    '      containers:',
    '        - name: api',
    '          image: api:1.0',
    ...(opts.resources
      ? ['          resources:', '            requests: { cpu: 100m, memory: 128Mi }', '            limits: { memory: 256Mi }']
      : []),
  ].join('\n');
}

const PDB = 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: api\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels: { app: api }\n';

describe('iac-present', () => {
  it('passes with Terraform', async () => {
    const r = await runCheck(iacPresentCheck, { 'infra/main.tf': 'resource "aws_s3_bucket" "b" {}\n' });
    expect(r.status).toBe('pass');
    expect(r.evidence[0].path).toBe('infra/main.tf');
    expect(r.summary).toContain('Terraform');
  });

  it('passes with Kubernetes manifests and with CloudFormation', async () => {
    expect((await runCheck(iacPresentCheck, { 'deploy/app.yaml': deployment() })).summary).toContain('Kubernetes manifests');
    const cfn = await runCheck(iacPresentCheck, { 'stack.yaml': 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n' });
    expect(cfn.status).toBe('pass');
    expect(cfn.evidence[0]).toMatchObject({ path: 'stack.yaml', line: 3 });
    // The other alternatives of the hinted pattern (see facts/hints.ts)
    const version = await runCheck(iacPresentCheck, { 'stack.yml': "AWSTemplateFormatVersion: '2010-09-09'\n" });
    expect(version.evidence[0]).toMatchObject({ path: 'stack.yml', line: 1 });
    const json = await runCheck(iacPresentCheck, { 'stack.json': '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}' });
    expect(json.evidence[0]).toMatchObject({ path: 'stack.json', line: 1 });
  });

  it('fails with only a catalog descriptor and a Terraform file in node_modules', async () => {
    const r = await runCheck(iacPresentCheck, {
      'catalog-info.yaml': CATALOG,
      'node_modules/mod/main.tf': 'resource "x" "y" {}',
    });
    expect(r.status).toBe('fail');
    expect(r.score).toBe(0);
  });

  it('is N/A for a library', async () => {
    const r = await runCheck(iacPresentCheck, {}, { entity: testEntity({ spec: { type: 'library' } }) });
    expect(r.status).toBe('not-applicable');
  });
});

describe('iac-k8s-resources', () => {
  it('passes with requests, limits, 2 replicas and a matching PDB', async () => {
    const r = await runCheck(iacK8sResourcesCheck, {
      'k8s/deploy.yaml': deployment({ replicas: 2, resources: true }),
      'k8s/pdb.yaml': PDB,
    });
    expect(r.status).toBe('pass');
    expect(r.score).toBe(100);
  });

  it('gives 50 for resources only, and 25 more for an HPA', async () => {
    const only = await runCheck(iacK8sResourcesCheck, { 'k8s/deploy.yaml': deployment({ resources: true }) });
    expect(only.score).toBe(50);
    expect(only.status).toBe('partial');
    const hpa = await runCheck(iacK8sResourcesCheck, {
      'k8s/deploy.yaml': deployment({ resources: true }),
      'k8s/hpa.yaml':
        'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\nspec:\n  scaleTargetRef: { kind: Deployment, name: api }\n',
    });
    expect(hpa.score).toBe(75);
  });

  it('does not credit an HPA or PDB that targets another workload', async () => {
    const r = await runCheck(iacK8sResourcesCheck, {
      'k8s/deploy.yaml': deployment({ labels: 'other' }),
      'k8s/pdb.yaml': PDB,
      'k8s/hpa.yaml':
        'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: x\nspec:\n  scaleTargetRef: { kind: Deployment, name: worker }\n',
    });
    expect(r.status).toBe('fail');
    expect(r.score).toBe(0);
    expect(r.evidence[0]).toMatchObject({ path: 'k8s/deploy.yaml', line: 1 });
  });

  it('scores resources proportionally over containers', async () => {
    const r = await runCheck(iacK8sResourcesCheck, {
      'k8s/a.yaml': deployment({ name: 'a', resources: true, replicas: 3 }),
      'k8s/b.yaml': deployment({ name: 'b', replicas: 3 }),
    });
    // 25 (1 of 2 containers) + 25 (replicas) + 0 (no PDB)
    expect(r.score).toBe(50);
    expect(r.summary).toContain('1 of 2 containers');
  });

  it('reads a Helm chart through its values', async () => {
    const template = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ include "svc.fullname" . }}',
      'spec:',
      '  {{- if not .Values.autoscaling.enabled }}',
      '  replicas: {{ .Values.replicaCount }}',
      '  {{- end }}',
      '  template:',
      '    metadata:',
      '      labels:',
      '        {{- include "svc.selectorLabels" . | nindent 8 }}',
      '    spec:',
      '      containers:',
      '        - name: {{ .Chart.Name }}',
      '          resources:',
      '            {{- toYaml .Values.resources | nindent 12 }}',
    ].join('\n');
    const hpa = [
      '{{- if .Values.autoscaling.enabled }}',
      'apiVersion: autoscaling/v2',
      'kind: HorizontalPodAutoscaler',
      'metadata:',
      '  name: {{ include "svc.fullname" . }}',
      'spec:',
      '  scaleTargetRef:',
      '    name: {{ include "svc.fullname" . }}',
      '{{- end }}',
    ].join('\n');
    // The stock `helm create` chart: resources: {}, one replica, HPA disabled.
    const stock = await runCheck(iacK8sResourcesCheck, {
      'chart/Chart.yaml': 'apiVersion: v2\nname: svc\n',
      'chart/values.yaml': 'replicaCount: 1\nautoscaling:\n  enabled: false\nresources: {}\n  # limits:\n  #   cpu: 100m\n',
      'chart/templates/deployment.yaml': template,
      'chart/templates/hpa.yaml': hpa,
    });
    expect(stock.status).toBe('fail');
    expect(stock.score).toBe(0);
    const tuned = await runCheck(iacK8sResourcesCheck, {
      'chart/Chart.yaml': 'apiVersion: v2\nname: svc\n',
      'chart/values.yaml':
        'replicaCount: 3\nautoscaling:\n  enabled: false\nresources:\n  requests: { cpu: 100m }\n  limits: { memory: 256Mi }\n',
      'chart/templates/deployment.yaml': template,
      'chart/templates/hpa.yaml': hpa,
    });
    expect(tuned.score).toBe(75);
  });

  it('does not count a kustomize patch as a workload', async () => {
    const r = await runCheck(iacK8sResourcesCheck, {
      'k8s/base/deploy.yaml': deployment({ replicas: 2, resources: true }),
      'k8s/base/pdb.yaml': PDB,
      'k8s/overlays/prod/kustomization.yaml': 'resources: [../../base]\npatches:\n  - path: env.patch.yaml\n',
      'k8s/overlays/prod/env.patch.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          env: [{ name: A, value: b }]\n',
    });
    expect(r.score).toBe(100);
    expect(r.summary).toContain('1 of 1 containers');
  });

  it('is N/A without Kubernetes manifests (a catalog file is not one)', async () => {
    const r = await runCheck(iacK8sResourcesCheck, { 'catalog-info.yaml': CATALOG, 'main.tf': '' });
    expect(r.status).toBe('not-applicable');
  });
});
