import { Evidence } from '@prodready/plugin-readiness-common';
import { CheckContext, outcome, ReadinessCheck } from '../api/check';
import { CiFile, ciFiles } from '../facts/ci';
import {
  CiMatch,
  findInCi,
  isRealPipeline,
  matchInCi,
  parsedWorkflows,
  workflowJobs,
} from '../facts/cicdFacts';
import { isLibrary } from '../facts/classify';
import { dockerfiles } from '../facts/docker';
import { lineOf, RepoView } from '../facts/RepoView';

function ciEvidence(repo: RepoView, m: CiMatch): Evidence {
  return repo.evidence(
    m.path,
    m.line,
    m.viaMake ? `via make ${m.viaMake}` : undefined,
  );
}

function list(paths: string[], max = 3): string {
  return paths.length > max
    ? `${paths.slice(0, max).join(', ')} and ${paths.length - max} more`
    : paths.join(', ');
}

// ---------------------------------------------------------------- ci-pipeline

const BY_ANNOTATION = ['jenkins.io/job-full-name', 'circleci.com/project-slug'];

/** @public */
export const ciPipelineCheck: ReadinessCheck = {
  id: 'ci-pipeline',
  title: 'CI pipeline',
  category: 'ci-cd',
  severity: 'critical',
  description:
    'Looks for a CI pipeline definition with jobs (GitHub Actions, GitLab CI, Jenkinsfile, CircleCI, Azure Pipelines, Bitbucket, Buildkite, Travis, Drone, Cloud Build, CodeBuild, Tekton), or a catalog annotation naming a Jenkins job or CircleCI project. `github.com/project-slug` counts only together with workflow files.',
  rationale:
    'Without CI, nothing checks that a change builds and passes its tests before it reaches production.',
  remediation:
    'Add a pipeline (for example .github/workflows/ci.yml) that installs dependencies, builds and runs the tests on every push and pull request.',
  effort: 'M',
  scope: 'repository',
  async run({ repo, entity }) {
    const files = await ciFiles(repo);
    const real = files.filter(isRealPipeline);
    const annotations = entity.metadata.annotations ?? {};
    if (real.length) {
      const slug =
        annotations['github.com/project-slug'] &&
        real.some(f => f.system === 'github-actions');
      return outcome.pass(
        `${real.length} pipeline file(s): ${list(real.map(f => f.path))}${
          slug ? ' (github.com/project-slug set)' : ''
        }`,
        real.slice(0, 5).map(f => repo.evidence(f.path)),
      );
    }
    const annotation = BY_ANNOTATION.find(a => annotations[a]);
    if (annotation)
      return outcome.pass(
        `CI declared by the catalog annotation ${annotation}`,
      );
    if (files.length) {
      return outcome.fail(
        `Pipeline file(s) without jobs: ${list(files.map(f => f.path))}`,
        files.slice(0, 5).map(f => repo.evidence(f.path)),
      );
    }
    if (annotations['github.com/project-slug']) {
      return outcome.fail(
        'github.com/project-slug is set but the repository has no workflow files',
      );
    }
    return outcome.fail('No CI pipeline file found');
  },
};

// ------------------------------------------------------------- ci-tests-on-pr

/** Test commands of CHECKS.md, plus monorepo task runners running `test`. */
const TEST_STEP = new RegExp(
  [
    String.raw`\b(?:npm|pnpm|bun|yarn)\s+(?:run\s+)?test\b`,
    String.raw`\b(?:turbo|nx|lerna)\b[^\n]*\btest\b`,
    String.raw`\b(?:jest|vitest)\b`,
    String.raw`\bpytest\b`,
    String.raw`\btox\b`,
    String.raw`\bgo\s+test\b`,
    // Maven's package/install phases run the test phase; Gradle's build runs check.
    String.raw`\bmvnw?\b[^\n]*\s(?:test|verify|package|install)\b`,
    String.raw`\bgradlew?\b[^\n]*\s(?:test|check|build)\b`,
    String.raw`\bcargo\s+(?:test|nextest)\b`,
    String.raw`\bdotnet\s+test\b`,
    String.raw`\brspec\b`,
  ].join('|'),
);

/** Explicit pull/merge request triggers per CI system, in the pipeline text. */
const PR_TRIGGER: Partial<Record<CiFile['system'], RegExp>> = {
  gitlab: /merge_request_event|\bmerge_requests\b|MergeRequest-Pipelines/,
  azure: /^pr\s*:(?!\s*none\b)/m,
  bitbucket: /^\s*pull-requests\s*:/m,
  jenkins: /changeRequest\s*\(|\bCHANGE_ID\b|\bCHANGE_TARGET\b/,
  circleci: /\bCIRCLE_PULL_REQUEST\b/,
  travis: /type\s*=\s*pull_request|\bTRAVIS_PULL_REQUEST\b/,
  drone: /\bevent\s*:[^\n]*pull_request|^\s*-\s*pull_request\b/m,
  buildkite: /\bBUILDKITE_PULL_REQUEST\b/,
  tekton: /on-event[^\n]*pull_request/,
  cloudbuild: /\b_PR_NUMBER\b/,
  codebuild: /\bPULL_REQUEST_(?:CREATED|UPDATED|REOPENED)\b/,
};

/**
 * GitHub workflows triggered by `pull_request`, each with the local reusable
 * workflows its jobs call. `pull_request_target` does not count: it runs the
 * base branch's code, so the PR's changes are not what gets tested (checking
 * out the head there is the pattern security-dangerous-workflows flags).
 */
async function prWorkflows(repo: RepoView): Promise<CiFile[][]> {
  const all = await parsedWorkflows(repo);
  return all
    .filter(w => w.events.has('pull_request'))
    .map(w => {
      const called = Object.values(workflowJobs(w.doc))
        .map(job =>
          typeof job?.uses === 'string' ? job.uses.replace(/^\.\//, '') : '',
        )
        .filter(u => u.startsWith('.github/workflows/'));
      return [
        w.file,
        ...all.filter(o => called.includes(o.file.path)).map(o => o.file),
      ];
    });
}

/** @public */
export const ciTestsOnPrCheck: ReadinessCheck = {
  id: 'ci-tests-on-pr',
  title: 'Tests run on pull requests',
  category: 'ci-cd',
  severity: 'high',
  description:
    'Looks for a pipeline with a pull/merge request trigger (GitHub `on: pull_request`, GitLab `merge_request_event` or `only: [merge_requests]`, Azure `pr:`, Bitbucket `pull-requests:`, Jenkins `changeRequest()`/`CHANGE_ID`) that also runs a test command (npm/yarn/pnpm test, jest, vitest, pytest, tox, go test, mvn test/verify, gradle test/check, cargo test, dotnet test, rspec), following one level of `make <target>` and local reusable workflows. `pull_request_target` does not count (it tests the base branch). A test step in CI without a pull request trigger (push-only, or a Jenkins/CircleCI pipeline whose PR builds are configured outside the repository) scores 50.',
  rationale:
    'Tests that only run after merging let broken changes into the main branch; running them on every pull request stops regressions before review ends.',
  remediation:
    'Trigger the test job on pull requests (for example `on: [push, pull_request]` in GitHub Actions or a `merge_request_event` rule in GitLab) and make the check required before merging.',
  effort: 'S',
  scope: 'repository',
  async run({ repo }) {
    const files = await ciFiles(repo);
    if (!files.length) return outcome.fail('No CI pipeline file found');
    for (const group of await prWorkflows(repo)) {
      for (const file of group) {
        const test = await matchInCi(repo, file, TEST_STEP);
        if (test) {
          return outcome.pass(
            `${group[0].path} runs on pull_request and runs \`${test.text}\``,
            [repo.evidence(group[0].path), ciEvidence(repo, test)],
          );
        }
      }
    }
    let pushOnly: CiMatch | undefined;
    for (const file of files.filter(f => f.system !== 'github-actions')) {
      const test = await matchInCi(repo, file, TEST_STEP);
      if (!test) continue;
      const trigger = PR_TRIGGER[file.system];
      if (trigger?.test(file.text)) {
        return outcome.pass(
          `${file.path} runs \`${test.text}\` on merge/pull requests`,
          [ciEvidence(repo, test)],
        );
      }
      pushOnly ??= test;
    }
    pushOnly ??= await findInCi(
      repo,
      TEST_STEP,
      files.filter(f => f.system === 'github-actions'),
    );
    if (pushOnly) {
      return outcome.scored(
        50,
        `CI runs \`${pushOnly.text}\` in ${pushOnly.path}, but no pull request trigger was found for it`,
        [ciEvidence(repo, pushOnly)],
      );
    }
    return outcome.fail(
      `No test step found in ${files.length} pipeline file(s)`,
      files.slice(0, 3).map(f => repo.evidence(f.path)),
    );
  },
};

// -------------------------------------------------------------------- ci-lint

const LINT_STEP = new RegExp(
  [
    String.raw`\beslint\b`,
    String.raw`\bbiome\s+(?:check|lint|ci)\b`,
    String.raw`\bprettier\b[^\n]*--check\b`,
    String.raw`\bruff\b`,
    String.raw`\bflake8\b`,
    String.raw`\bpylint\b`,
    String.raw`\bmypy\b`,
    String.raw`\bgolangci-lint\b`,
    String.raw`\bstaticcheck\b`,
    String.raw`\bgo\s+vet\b`,
    String.raw`\bcheckstyle\b`,
    String.raw`\bspotless(?:Check|:check)\b`,
    String.raw`\bktlint\b`,
    String.raw`\bclippy\b`,
    String.raw`\brubocop\b`,
    String.raw`\bpre-commit\s+run\b`,
    String.raw`\bpre-commit/action\b`,
    String.raw`\bhadolint\b`,
    String.raw`\bterraform\s+validate\b`,
    String.raw`\btflint\b`,
    String.raw`\bhelm\s+lint\b`,
    String.raw`super-linter`,
    // Project lint scripts and targets (their content is the project's linter).
    String.raw`\b(?:npm|pnpm|bun|yarn)\s+(?:run\s+)?lint\b`,
    String.raw`\b(?:turbo|nx|lerna)\b[^\n]*\blint\b`,
    String.raw`\bmake\s+lint\b`,
  ].join('|'),
);

async function preCommitHooks(repo: RepoView): Promise<string | undefined> {
  for (const scope of ['root', 'entity'] as const) {
    const cfg = (
      await repo.findTexts(
        ['.pre-commit-config.yaml', '.pre-commit-config.yml'],
        { scope },
      )
    ).find(f => /^\s*(?:-\s*)?hooks\s*:/m.test(f.text));
    if (cfg) return cfg.path;
    const husky = repo.find('.husky/pre-commit', { scope })[0];
    if (husky) return husky;
  }
  const pkg = (await repo.findTexts('package.json')).find(f =>
    /"lint-staged"\s*:/.test(f.text),
  );
  return pkg?.path;
}

/** @public */
export const ciLintCheck: ReadinessCheck = {
  id: 'ci-lint',
  title: 'Lint or static analysis in CI',
  category: 'ci-cd',
  severity: 'medium',
  description:
    'Looks for a linter or static analyser run by CI (eslint, biome, prettier --check, ruff, flake8, pylint, mypy, golangci-lint, staticcheck, go vet, checkstyle, spotless, ktlint, clippy, rubocop, pre-commit run, hadolint, terraform validate, tflint, helm lint, or a `lint` script/target), following one level of `make`. Lint only in local pre-commit hooks (.pre-commit-config.yaml, husky, lint-staged) scores 50.',
  rationale:
    'Linters catch classes of bugs and style drift cheaply; enforced in CI they apply to every change, not only to contributors who installed the hooks.',
  remediation:
    'Add a lint job to the pipeline (for example `npm run lint`, `ruff check .` or `golangci-lint run`) and make it a required check.',
  effort: 'S',
  scope: 'repository',
  async run({ repo }) {
    const files = await ciFiles(repo);
    const lint = await findInCi(repo, LINT_STEP, files);
    if (lint)
      return outcome.pass(`CI runs \`${lint.text}\` in ${lint.path}`, [
        ciEvidence(repo, lint),
      ]);
    const hooks = await preCommitHooks(repo);
    if (hooks) {
      return outcome.scored(
        50,
        `Lint runs only as a local pre-commit hook (${hooks}), not in CI`,
        [repo.evidence(hooks)],
      );
    }
    return outcome.fail(
      files.length
        ? `No lint step in ${files.length} pipeline file(s)`
        : 'No CI pipeline and no lint hooks found',
    );
  },
};

// ------------------------------------------------------------- ci-image-build

const IMAGE_BUILD = new RegExp(
  [
    // docker/build-push-action and its drop-in forks (useblacksmith/, depot/, ...)
    String.raw`[\w.-]+/build-push-action(?=@)`,
    String.raw`docker/build-push-action`,
    String.raw`\bdocker\s+(?:buildx\s+)?(?:build|bake)\b`,
    String.raw`\bpodman\s+build\b`,
    String.raw`\bkaniko\b`,
    String.raw`\bbuildah\b`,
    String.raw`\bjib(?::build|:dockerBuild|DockerBuild|Build)?\b`,
    String.raw`\bko\s+(?:build|publish|resolve|apply)\b`,
    String.raw`\bpack\s+build\b`,
    String.raw`spring-boot:build-image|\bbootBuildImage\b`,
    String.raw`cloud-builders/docker`,
    String.raw`\bgcloud\s+builds\s+submit\b`,
    String.raw`\baz\s+acr\s+build\b`,
    String.raw`Auto-DevOps\.gitlab-ci\.yml|Jobs/Build\.gitlab-ci\.yml`,
  ].join('|'),
);

/** The entity's container build definition, if any (DF, Jib, ko, buildpacks). */
async function containerBuild(repo: RepoView): Promise<string | undefined> {
  const df = (await dockerfiles(repo))[0];
  if (df) return df.path;
  const other = repo.find(['.ko.yaml', 'project.toml']);
  if (other.length) return other[0];
  const jib = (
    await repo.findTexts(['pom.xml', 'build.gradle', 'build.gradle.kts'])
  ).find(f => /jib-maven-plugin|com\.google\.cloud\.tools\.jib/.test(f.text));
  return jib?.path;
}

async function imageBuildInCi(repo: RepoView): Promise<CiMatch | undefined> {
  return repo.memo('cicd:image-build', () => findInCi(repo, IMAGE_BUILD));
}

/** @public */
export const ciImageBuildCheck: ReadinessCheck = {
  id: 'ci-image-build',
  title: 'Container image built in CI',
  category: 'ci-cd',
  severity: 'medium',
  description:
    'Looks for a container image build in CI: docker/build-push-action (or a drop-in fork such as useblacksmith/ or depot/build-push-action), `docker (buildx) build`, kaniko, buildah, Jib, `ko build`, `pack build`, `spring-boot:build-image`. Not applicable when the entity has no container build (Dockerfile, Jib, .ko.yaml, buildpacks project.toml) and CI builds no image.',
  rationale:
    'Images built on a developer machine are not reproducible or traceable to a commit; a CI build ties every image to reviewed source.',
  remediation:
    'Build and push the image from the pipeline (for example with docker/build-push-action), tagged with the commit SHA.',
  effort: 'S',
  scope: 'repository',
  async applies({ repo }) {
    if ((await containerBuild(repo)) || (await imageBuildInCi(repo)))
      return true;
    return {
      reason:
        'No container build (Dockerfile, Jib, ko or buildpacks) in the entity',
    };
  },
  async run({ repo }) {
    const build = await imageBuildInCi(repo);
    if (build)
      return outcome.pass(
        `CI builds an image with \`${build.text}\` in ${build.path}`,
        [ciEvidence(repo, build)],
      );
    const def = await containerBuild(repo);
    return outcome.fail(
      `${def} defines an image, but no pipeline builds it`,
      def ? [repo.evidence(def)] : [],
    );
  },
};

// ------------------------------------------------------------------ ci-deploy

const DEPLOY_STEP = new RegExp(
  [
    String.raw`\bhelm\s+(?:upgrade|install)\b`,
    String.raw`\bhelmfile\s+(?:apply|sync)\b`,
    String.raw`\bkubectl\s+(?:apply|set\s+image|rollout\s+restart)\b`,
    String.raw`\bargocd\s+app\s+sync\b`,
    String.raw`\b(?:terraform|tofu)\s+apply\b`,
    String.raw`\bpulumi\s+up\b`,
    String.raw`\bcdk\s+deploy\b`,
    String.raw`\b(?:serverless|sls|sam)\s+deploy\b`,
    String.raw`\bgcloud\s+(?:run|app|functions)\s+deploy\b`,
    String.raw`\baws\s+ecs\s+update-service\b`,
    String.raw`\baws\s+lambda\s+update-function-code\b`,
    String.raw`\bskaffold\s+(?:run|deploy)\b`,
    String.raw`\bfly(?:ctl)?\s+deploy\b`,
    String.raw`aws-actions/amazon-ecs-deploy-task-definition|azure/k8s-deploy|azure/webapps-deploy|google-github-actions/deploy-cloudrun`,
  ].join('|'),
);

// For libraries, publishing the package is the deployment.
const PUBLISH_STEP =
  /\b(?:npm|yarn|pnpm)\s+(?:npm\s+)?publish\b|\bchangeset\s+publish\b|semantic-release|\btwine\s+upload\b|pypa\/gh-action-pypi-publish|\bpoetry\s+publish\b|\bmvn\b[^\n]*\sdeploy\b|\bcargo\s+publish\b|\bdotnet\s+nuget\s+push\b|\bgem\s+push\b|\bgoreleaser\b/;

async function gitOpsManifest(
  repo: RepoView,
  entityName: string,
): Promise<{ path: string; line: number; kind: string } | undefined> {
  const ownFolder = `${repo.entityPath}/`;
  const names = [repo.entityPath.split('/').pop(), entityName].filter(
    (n): n is string => !!n,
  );
  for (const f of await repo.findTexts(['*.yaml', '*.yml'], {
    scope: repo.isSubfolder ? 'repo' : 'entity',
  })) {
    // In a monorepo, a GitOps manifest outside the entity folder must name the entity.
    if (
      repo.isSubfolder &&
      !f.path.startsWith(ownFolder) &&
      !names.some(n => f.text.includes(n))
    )
      continue;
    const argo =
      /argoproj\.io\//.test(f.text) &&
      /^kind:\s*(Application|ApplicationSet)\s*$/m.exec(f.text);
    const flux =
      /toolkit\.fluxcd\.io\//.test(f.text) &&
      /^kind:\s*(HelmRelease|Kustomization)\s*$/m.exec(f.text);
    const m = argo || flux;
    if (m) return { path: f.path, line: lineOf(f.text, m.index), kind: m[1] };
  }
  return undefined;
}

async function environmentJob(repo: RepoView): Promise<CiMatch | undefined> {
  for (const w of await parsedWorkflows(repo)) {
    for (const [name, job] of Object.entries(workflowJobs(w.doc))) {
      if (job?.environment) {
        const jobs = Math.max(0, w.file.text.search(/^jobs\s*:/m));
        const at = w.file.text.slice(jobs).search(/^[ \t]+environment\s*:/m);
        const line = at >= 0 ? lineOf(w.file.text, jobs + at) : undefined;
        return {
          path: w.file.path,
          line,
          text: `job ${name} with environment`,
        };
      }
    }
  }
  for (const f of (await ciFiles(repo)).filter(
    c => c.system === 'gitlab' || c.system === 'azure',
  )) {
    const m = /^[ \t]+environment\s*:/m.exec(f.text);
    if (m)
      return {
        path: f.path,
        line: lineOf(f.text, m.index),
        text: 'job with environment',
      };
  }
  return undefined;
}

/** @public */
export const ciDeployCheck: ReadinessCheck = {
  id: 'ci-deploy',
  title: 'Automated deployment',
  category: 'ci-cd',
  severity: 'medium',
  description:
    'Looks for automated deployment: a pipeline step running `helm upgrade`, `kubectl apply`, `argocd app sync`, `terraform apply`, `gcloud run deploy`, `aws ecs update-service` (and similar deploy commands and actions), a CI job with an `environment:`, or a GitOps manifest (Argo CD `kind: Application`, Flux `HelmRelease`). For libraries, publishing the package from CI counts.',
  rationale:
    'Manual deployments are slow, error-prone and hard to audit or roll back; automation makes every release repeatable.',
  remediation:
    'Deploy from the pipeline on merge to the main branch (for example a job with `environment: production` running `helm upgrade --install`), or hand the release to Argo CD or Flux.',
  effort: 'M',
  scope: 'repository',
  async run(ctx: CheckContext) {
    const { repo } = ctx;
    const step = await findInCi(repo, DEPLOY_STEP);
    if (step)
      return outcome.pass(`CI deploys with \`${step.text}\` in ${step.path}`, [
        ciEvidence(repo, step),
      ]);
    const env = await environmentJob(repo);
    if (env)
      return outcome.pass(`${env.path} has a deployment ${env.text}`, [
        ciEvidence(repo, env),
      ]);
    const gitops = await gitOpsManifest(repo, ctx.entity.metadata.name);
    if (gitops)
      return outcome.pass(
        `GitOps deployment: ${gitops.kind} in ${gitops.path}`,
        [repo.evidence(gitops.path, gitops.line)],
      );
    if (isLibrary(ctx.entity)) {
      const publish = await findInCi(repo, PUBLISH_STEP);
      if (publish)
        return outcome.pass(
          `CI publishes the library with \`${publish.text}\``,
          [ciEvidence(repo, publish)],
        );
    }
    return outcome.fail(
      'No automated deployment found in CI or GitOps manifests',
    );
  },
};

/** The ci-cd checks of CHECKS.md. @public */
export const cicdChecks: ReadinessCheck[] = [
  ciPipelineCheck,
  ciTestsOnPrCheck,
  ciLintCheck,
  ciImageBuildCheck,
  ciDeployCheck,
];
