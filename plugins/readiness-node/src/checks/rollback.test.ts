import { rollbackAutomatedCheck, rollbackDocumentedCheck } from './rollback';
import { runCheck, testEntity } from './testUtils';

const PROSE =
  'If a release misbehaves the on-call engineer decides whether to roll back or fix forward. ' +
  'Talk to the team lead first, check the dashboards for error rates and latency, and write down what you saw. ' +
  'Rolling back is usually the safest option when users are affected and the cause is not obvious.';

describe('rollback-documented', () => {
  it('passes with a rollback section that gives the command', async () => {
    const r = await runCheck(rollbackDocumentedCheck, {
      'README.md': '# Service\n\nIntro.\n\n## Deploy\n\nUse CI.\n\n## Rollback\n\n```sh\nhelm rollback svc 3\n```\n',
    });
    expect(r.status).toBe('pass');
    expect(r.score).toBe(100);
    expect(r.evidence[0]).toMatchObject({ path: 'README.md', line: 9 });
  });

  it('passes with a 40-word section naming the previous version', async () => {
    const r = await runCheck(rollbackDocumentedCheck, {
      'docs/operations.md': `# Operations\n\n## Reverting a release\n\n${PROSE} Redeploy the previous version from the releases page.\n`,
    });
    expect(r.status).toBe('pass');
    expect(r.evidence[0].path).toBe('docs/operations.md');
  });

  it('gives 50 for prose only', async () => {
    const r = await runCheck(rollbackDocumentedCheck, { 'RUNBOOK.md': `# Runbook\n\n## Rollback\n\n${PROSE}\n` });
    expect(r.status).toBe('partial');
    expect(r.score).toBe(50);
  });

  it('fails on a stub heading, a command outside a rollback section, and a CHANGELOG', async () => {
    const r = await runCheck(rollbackDocumentedCheck, {
      'README.md': '# Svc\n\n## Rollback\n\nTODO\n\n## Deploy\n\nRun `helm rollback` if needed.\n',
      'CHANGELOG.md': `# Changelog\n\n## Reverted\n\n${PROSE} git revert abc\n`,
    });
    expect(r.status).toBe('fail');
    expect(r.score).toBe(0);
    expect(r.evidence[0]).toMatchObject({ path: 'README.md', line: 3 });
  });

  it('fails without docs', async () => {
    expect((await runCheck(rollbackDocumentedCheck, { 'index.js': '' })).status).toBe('fail');
  });
});

const DEPLOY = (strategy: string, probe: boolean) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: api }',
    'spec:',
    strategy,
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: api',
    '          image: api:1',
    ...(probe ? ['          readinessProbe:', '            httpGet: { path: /readyz, port: 8080 }'] : []),
  ].join('\n');

describe('rollback-automated', () => {
  it('passes with an Argo Rollout', async () => {
    const r = await runCheck(rollbackAutomatedCheck, {
      'k8s/rollout.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: { name: api }\nspec:\n  strategy:\n    canary: {}\n',
    });
    expect(r.status).toBe('pass');
    expect(r.evidence[0].path).toBe('k8s/rollout.yaml');
  });

  it('passes with helm upgrade --atomic on a continued line in CI', async () => {
    const r = await runCheck(rollbackAutomatedCheck, {
      '.github/workflows/deploy.yml':
        'on: push\njobs:\n  deploy:\n    steps:\n      - run: |\n          helm upgrade --install api ./chart \\\n            --atomic --timeout 5m\n',
    });
    expect(r.status).toBe('pass');
    expect(r.evidence[0]).toMatchObject({ path: '.github/workflows/deploy.yml', line: 6 });
  });

  it('passes with --rollback-on-failure continued over CRLF lines, in a later file', async () => {
    const r = await runCheck(rollbackAutomatedCheck, {
      'deploy/a.sh': 'echo --atomic\n',
      'deploy/b.sh': 'set -e\r\nhelm upgrade api ./chart \\\r\n  --rollback-on-failure',
    });
    expect(r.status).toBe('pass');
    expect(r.evidence[0]).toMatchObject({ path: 'deploy/b.sh', line: 2 });
  });

  it('passes with an ECS circuit breaker with rollback', async () => {
    const r = await runCheck(rollbackAutomatedCheck, {
      'infra/ecs.tf':
        'resource "aws_ecs_service" "api" {\n  deployment_circuit_breaker {\n    enable   = true\n    rollback = true\n  }\n}\n',
    });
    expect(r.status).toBe('pass');
    expect(r.summary).toContain('circuit breaker');
  });

  // Both alternatives of the hinted CodeDeploy pattern (see facts/hints.ts)
  it.each([
    ['infra/deploy.tf', 'resource "aws_codedeploy_deployment_group" "g" {\n  auto_rollback_configuration {\n    enabled = true\n  }\n}\n', 2],
    ['template.yaml', 'Resources:\n  Fn:\n    Properties:\n      DeploymentPreference:\n        Type: Canary10Percent5Minutes\n', 4],
  ])('passes with CodeDeploy automatic rollback in %s', async (path, text, line) => {
    const r = await runCheck(rollbackAutomatedCheck, { [path]: text });
    expect(r).toMatchObject({ status: 'pass', evidence: [{ path, line }] });
    expect(r.summary).toContain('CodeDeploy');
  });

  it('gives 50 for a rolling update with readiness probes', async () => {
    const r = await runCheck(rollbackAutomatedCheck, { 'k8s/deploy.yaml': DEPLOY('  replicas: 2', true) });
    expect(r.status).toBe('partial');
    expect(r.score).toBe(50);
  });

  it('fails on Recreate, no probes, a circuit breaker without rollback, and helm upgrade without --atomic', async () => {
    const r = await runCheck(rollbackAutomatedCheck, {
      'k8s/deploy.yaml': DEPLOY('  strategy:\n    type: Recreate', true),
      'k8s/other.yaml': DEPLOY('  replicas: 1', false).replace('name: api', 'name: other'),
      'infra/ecs.tf': 'resource "aws_ecs_service" "api" {\n  deployment_circuit_breaker {\n    enable   = true\n    rollback = false\n  }\n}\n',
      'deploy.sh': 'helm upgrade --install api ./chart\n',
    });
    expect(r.status).toBe('fail');
    expect(r.score).toBe(0);
  });

  it('is N/A for a library', async () => {
    const r = await runCheck(rollbackAutomatedCheck, {}, { entity: testEntity({ spec: { type: 'library' } }) });
    expect(r.status).toBe('not-applicable');
  });
});
