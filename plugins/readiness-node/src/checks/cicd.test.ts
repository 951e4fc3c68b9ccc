import { runCheck, testEntity } from './testUtils';
import {
  ciDeployCheck,
  ciImageBuildCheck,
  ciLintCheck,
  ciPipelineCheck,
  ciTestsOnPrCheck,
  cicdChecks,
} from './cicd';

const wf = (on: string, run: string) => `name: ci
on: ${on}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: ${run}
`;

describe('cicdChecks', () => {
  it('exports the five checks', () => {
    expect(cicdChecks.map(c => c.id)).toEqual([
      'ci-pipeline',
      'ci-tests-on-pr',
      'ci-lint',
      'ci-image-build',
      'ci-deploy',
    ]);
  });
});

describe('ci-pipeline', () => {
  it('passes on a workflow with jobs', async () => {
    const r = await runCheck(ciPipelineCheck, {
      '.github/workflows/ci.yml': wf('push', 'make'),
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0].path).toBe('.github/workflows/ci.yml');
  });

  it('passes on a GitLab file from the repository root in a monorepo', async () => {
    const r = await runCheck(
      ciPipelineCheck,
      {
        '.gitlab-ci.yml': 'test:\n  script: make test\n',
        'services/a/main.go': 'package main',
      },
      { entityPath: 'services/a' },
    );
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0].path).toBe('.gitlab-ci.yml');
  });

  it('passes on a Jenkins job annotation', async () => {
    const entity = testEntity({
      metadata: { annotations: { 'jenkins.io/job-full-name': 'team/svc' } },
    });
    const r = await runCheck(
      ciPipelineCheck,
      { 'README.md': '# svc' },
      { entity },
    );
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.summary).toContain('jenkins.io/job-full-name');
  });

  it('fails on github.com/project-slug without workflows', async () => {
    const entity = testEntity({
      metadata: { annotations: { 'github.com/project-slug': 'o/svc' } },
    });
    const r = await runCheck(
      ciPipelineCheck,
      { 'README.md': '# svc' },
      { entity },
    );
    expect(r).toMatchObject({ status: 'fail', score: 0 });
    expect(r.summary).toContain('no workflow files');
  });

  it('fails on a stub workflow without jobs', async () => {
    const r = await runCheck(ciPipelineCheck, {
      '.github/workflows/ci.yml': 'name: ci\non: push\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('fails without CI, and ignores a workflow inside node_modules', async () => {
    const r = await runCheck(ciPipelineCheck, {
      'node_modules/x/.travis.yml': 'script: npm test',
      'index.js': '',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });
});

describe('ci-tests-on-pr', () => {
  it.each([
    ['[push, pull_request]'],
    ['\n  pull_request:\n    branches: [main]\n  push:'],
    ['pull_request'],
  ])('passes on a GitHub PR trigger %#', async on => {
    const r = await runCheck(ciTestsOnPrCheck, {
      '.github/workflows/ci.yml': wf(on, 'npm test'),
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence.map(e => e.path)).toContain('.github/workflows/ci.yml');
  });

  it('follows one level of make', async () => {
    const r = await runCheck(ciTestsOnPrCheck, {
      '.github/workflows/ci.yml': wf('pull_request', 'make check'),
      Makefile: 'check:\n\tgo test ./...\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[1]).toMatchObject({
      path: '.github/workflows/ci.yml',
      line: 8,
      note: 'via make check',
    });
  });

  it('follows a local reusable workflow', async () => {
    const r = await runCheck(ciTestsOnPrCheck, {
      '.github/workflows/pr.yml':
        'on: pull_request\njobs:\n  t:\n    uses: ./.github/workflows/test.yml\n',
      '.github/workflows/test.yml': wf('workflow_call', 'pytest -q'),
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
  });

  it('passes on GitLab merge request rules', async () => {
    const r = await runCheck(ciTestsOnPrCheck, {
      '.gitlab-ci.yml':
        'test:\n  script: mvn -B verify\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "merge_request_event"\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
  });

  it('passes on Bitbucket pull-requests and Azure pr:', async () => {
    const bb = await runCheck(ciTestsOnPrCheck, {
      'bitbucket-pipelines.yml':
        'pipelines:\n  pull-requests:\n    "**":\n      - step:\n          script:\n            - cargo test\n',
    });
    expect(bb).toMatchObject({ status: 'pass', score: 100 });
    const az = await runCheck(ciTestsOnPrCheck, {
      'azure-pipelines.yml': 'pr:\n  - main\nsteps:\n  - script: dotnet test\n',
    });
    expect(az).toMatchObject({ status: 'pass', score: 100 });
  });

  it('gives 50 to tests that run on push only', async () => {
    const r = await runCheck(ciTestsOnPrCheck, {
      '.github/workflows/ci.yml': wf('push', 'yarn test'),
    });
    expect(r).toMatchObject({ status: 'partial', score: 50 });
  });

  it('gives 50 to a Jenkinsfile with tests but no change-request condition', async () => {
    const r = await runCheck(ciTestsOnPrCheck, {
      Jenkinsfile:
        "pipeline { stages { stage('t') { steps { sh './gradlew test' } } } }",
    });
    expect(r).toMatchObject({ status: 'partial', score: 50 });
    const pr = await runCheck(ciTestsOnPrCheck, {
      Jenkinsfile:
        "pipeline { stages { stage('t') { when { changeRequest() } steps { sh './gradlew test' } } } }",
    });
    expect(pr).toMatchObject({ status: 'pass', score: 100 });
  });

  it('does not count pull_request_target as a PR test trigger', async () => {
    const r = await runCheck(ciTestsOnPrCheck, {
      '.github/workflows/ci.yml': wf('pull_request_target', 'npm test'),
    });
    expect(r).toMatchObject({ status: 'partial', score: 50 });
  });

  it('fails on a PR workflow without a test step, and ignores commented-out tests', async () => {
    const r = await runCheck(ciTestsOnPrCheck, {
      '.github/workflows/ci.yml': `${wf(
        'pull_request',
        'npm run build',
      )}      # - run: npm test\n`,
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('fails without CI', async () => {
    const r = await runCheck(ciTestsOnPrCheck, {
      'package.json': '{"scripts":{"test":"jest"}}',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });
});

describe('ci-lint', () => {
  it('passes on eslint in CI', async () => {
    const r = await runCheck(ciLintCheck, {
      '.github/workflows/ci.yml': wf('push', 'npx eslint .'),
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0]).toMatchObject({
      path: '.github/workflows/ci.yml',
      line: 8,
    });
  });

  it('passes on golangci-lint behind make lint', async () => {
    const r = await runCheck(ciLintCheck, {
      '.gitlab-ci.yml': 'lint:\n  script: make vet\n',
      Makefile: 'vet:\n\tgo vet ./...\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
  });

  it('gives 50 to pre-commit hooks only', async () => {
    const r = await runCheck(ciLintCheck, {
      '.github/workflows/ci.yml': wf('push', 'pytest'),
      '.pre-commit-config.yaml':
        'repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    hooks:\n      - id: ruff\n',
    });
    expect(r).toMatchObject({ status: 'partial', score: 50 });
    expect(r.evidence[0].path).toBe('.pre-commit-config.yaml');
  });

  it('fails without lint, and prettier without --check does not count', async () => {
    const r = await runCheck(ciLintCheck, {
      '.github/workflows/ci.yml': wf('push', 'npx prettier --write .'),
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });
});

describe('ci-image-build', () => {
  it('passes on docker/build-push-action', async () => {
    const r = await runCheck(ciImageBuildCheck, {
      Dockerfile: 'FROM node:22\n',
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0]).toMatchObject({
      path: '.github/workflows/ci.yml',
      line: 5,
    });
  });

  it.each(['useblacksmith/build-push-action@0123456789abcdef0123456789abcdef01234567', 'depot/build-push-action@v1'])(
    'passes on a drop-in fork of build-push-action (%s)',
    async action => {
      const r = await runCheck(ciImageBuildCheck, {
        Dockerfile: 'FROM node:22\n',
        '.github/workflows/release.yml': `on: push\njobs:\n  img:\n    steps:\n      - uses: ${action}\n`,
      });
      expect(r).toMatchObject({ status: 'pass', score: 100 });
      expect(r.evidence[0]).toMatchObject({ path: '.github/workflows/release.yml', line: 5 });
    },
  );

  it('passes on kaniko in GitLab', async () => {
    const r = await runCheck(ciImageBuildCheck, {
      Dockerfile: 'FROM python:3.12\n',
      '.gitlab-ci.yml':
        'build:\n  image: gcr.io/kaniko-project/executor:debug\n  script: /kaniko/executor --context .\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
  });

  it('fails when a Dockerfile exists but CI builds no image', async () => {
    const r = await runCheck(ciImageBuildCheck, {
      Dockerfile: 'FROM node:22\n',
      '.github/workflows/ci.yml': wf('push', 'npm test'),
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
    expect(r.evidence[0].path).toBe('Dockerfile');
  });

  it('is N/A without a container build (a Dockerfile in node_modules does not count)', async () => {
    const r = await runCheck(ciImageBuildCheck, {
      'node_modules/x/Dockerfile': 'FROM node:22\n',
      '.github/workflows/ci.yml': wf('push', 'npm test'),
    });
    expect(r.status).toBe('not-applicable');
  });
});

describe('ci-deploy', () => {
  it('passes on helm upgrade in CI', async () => {
    const r = await runCheck(ciDeployCheck, {
      '.github/workflows/cd.yml': wf(
        'push',
        'helm upgrade --install svc ./chart',
      ),
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0]).toMatchObject({
      path: '.github/workflows/cd.yml',
      line: 8,
    });
  });

  it('passes on a GitHub job environment', async () => {
    const r = await runCheck(ciDeployCheck, {
      '.github/workflows/cd.yml':
        'on: push\njobs:\n  deploy:\n    environment: production\n    steps:\n      - run: ./deploy.sh\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0]).toMatchObject({
      path: '.github/workflows/cd.yml',
      line: 4,
    });
  });

  it('passes on an Argo CD Application', async () => {
    const r = await runCheck(ciDeployCheck, {
      'deploy/app.yaml':
        'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: svc\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
  });

  it("ignores another service's Argo Application in a monorepo", async () => {
    const r = await runCheck(
      ciDeployCheck,
      {
        'gitops/other.yaml':
          'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: other\n',
        'services/svc/main.go': 'package main',
      },
      {
        entityPath: 'services/svc',
        entity: testEntity({ metadata: { name: 'svc' } }),
      },
    );
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('fails when CI only builds and tests', async () => {
    const r = await runCheck(ciDeployCheck, {
      '.github/workflows/ci.yml': wf('push', 'npm test'),
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('counts publishing only for libraries', async () => {
    const files = {
      '.github/workflows/release.yml': wf('push', 'npm publish'),
    };
    const lib = await runCheck(ciDeployCheck, files, {
      entity: testEntity({ spec: { type: 'library' } }),
    });
    expect(lib).toMatchObject({ status: 'pass', score: 100 });
    const svc = await runCheck(ciDeployCheck, files);
    expect(svc).toMatchObject({ status: 'fail', score: 0 });
  });
});
