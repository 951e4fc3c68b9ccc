import { RepoView, TextFile } from './RepoView';

/** CI of CHECKS.md: pipeline definitions, from the repository root. @public */
export const CI_PATTERNS = [
  '.github/workflows/*.yml',
  '.github/workflows/*.yaml',
  '.gitlab-ci.yml',
  '.gitlab/ci/**/*.yml',
  'Jenkinsfile*',
  '.circleci/config.yml',
  'azure-pipelines.yml',
  'azure-pipelines.yaml',
  'bitbucket-pipelines.yml',
  '.buildkite/pipeline.yml',
  '.buildkite/pipeline.yaml',
  '.buildkite/pipeline.json',
  '.travis.yml',
  '.drone.yml',
  'cloudbuild.yaml',
  'cloudbuild.yml',
  'buildspec.yml',
  '.tekton/**',
];

/** A CI file, tagged with its system. @public */
export interface CiFile extends TextFile {
  system:
    | 'github-actions'
    | 'gitlab'
    | 'jenkins'
    | 'circleci'
    | 'azure'
    | 'bitbucket'
    | 'buildkite'
    | 'travis'
    | 'drone'
    | 'cloudbuild'
    | 'codebuild'
    | 'tekton';
}

function systemOf(path: string): CiFile['system'] {
  if (path.startsWith('.github/')) return 'github-actions';
  if (path.includes('gitlab')) return 'gitlab';
  if (/Jenkinsfile/.test(path)) return 'jenkins';
  if (path.startsWith('.circleci/')) return 'circleci';
  if (path.startsWith('azure-pipelines')) return 'azure';
  if (path.startsWith('bitbucket')) return 'bitbucket';
  if (path.startsWith('.buildkite/')) return 'buildkite';
  if (path === '.travis.yml') return 'travis';
  if (path === '.drone.yml') return 'drone';
  if (path.startsWith('cloudbuild')) return 'cloudbuild';
  if (path === 'buildspec.yml') return 'codebuild';
  return 'tekton';
}

/**
 * The pipeline files of the repository root, plus those at the top of the
 * entity folder in a monorepo (some monorepos keep a pipeline per service).
 * @public
 */
export function ciFiles(repo: RepoView): Promise<CiFile[]> {
  return repo.memo('ci:files', async () => {
    const paths = new Set(repo.find(CI_PATTERNS, { scope: 'root', includeNotOwnCode: true }).filter(isRootCiPath));
    if (repo.isSubfolder) {
      const prefix = `${repo.entityPath}/`;
      for (const p of repo.find(CI_PATTERNS, { scope: 'entity' })) {
        if (isRootCiPath(p.slice(prefix.length))) paths.add(p);
      }
    }
    const files = await repo.readAll([...paths]);
    return files.map(f => ({
      ...f,
      system: systemOf(repo.isSubfolder && f.path.startsWith(`${repo.entityPath}/`) ? f.path.slice(repo.entityPath.length + 1) : f.path),
    }));
  });
}

// The CI globs name files at the root (e.g. `.travis.yml`, not `docs/.travis.yml`):
// a glob without a slash would otherwise match at any depth, even in node_modules.
function isRootCiPath(path: string): boolean {
  return !path.includes('/') || /^\.(github\/workflows|gitlab\/ci|circleci|buildkite|tekton)\//.test(path);
}

/** GitHub Actions workflow files. @public */
export async function githubWorkflows(repo: RepoView): Promise<CiFile[]> {
  return (await ciFiles(repo)).filter(f => f.system === 'github-actions');
}

/** Make targets and their recipe lines, from the Makefiles of the root and the entity. @public */
export function makeTargets(repo: RepoView): Promise<Map<string, string>> {
  return repo.memo('ci:make', async () => {
    const paths = new Set(repo.find(['Makefile', 'makefile', 'GNUmakefile'], { scope: 'root' }).filter(p => !p.includes('/')));
    for (const p of repo.find(['Makefile', 'makefile'], { scope: 'entity' })) {
      if (p.split('/').length === (repo.entityPath ? repo.entityPath.split('/').length + 1 : 1)) paths.add(p);
    }
    const targets = new Map<string, string>();
    for (const file of await repo.readAll([...paths])) {
      let current: string | undefined;
      for (const line of file.text.split('\n')) {
        const target = /^([A-Za-z0-9_.\-/]+)\s*:(?!=)/.exec(line);
        if (target) {
          current = target[1];
          if (!targets.has(current)) targets.set(current, '');
        } else if (current && /^\t/.test(line)) {
          targets.set(current, `${targets.get(current)}${line}\n`);
        } else if (line.trim() && !line.startsWith('#')) {
          current = undefined;
        }
      }
    }
    return targets;
  });
}

/**
 * The CI text with `make <target>` calls expanded one level, so a pipeline
 * that runs `make test` counts the recipe of `test`.
 * @public
 */
export async function ciTextWithMake(repo: RepoView, file: TextFile): Promise<string> {
  const targets = await makeTargets(repo);
  if (targets.size === 0) return file.text;
  return file.text.replace(/\bmake\s+(?:-[A-Za-z]+\s+)*([A-Za-z0-9_.\-/]+)/g, (call, target) => {
    const recipe = targets.get(target);
    return recipe ? `${call}\n${recipe}` : call;
  });
}
