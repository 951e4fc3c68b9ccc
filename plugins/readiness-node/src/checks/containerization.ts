import { Evidence } from '@prodready/plugin-readiness-common';
import { ReadinessCheck, outcome } from '../api/check';
import { isLibrary, isServerless } from '../facts/classify';
import { entityComposeServices } from '../facts/compose';
import { ParsedDockerfile, dockerfiles } from '../facts/docker';
import { fieldSatisfies } from '../facts/helm';
import { Workload, workloads } from '../facts/kubernetes';
import { globMatcher } from '../facts/paths';
import { RepoView } from '../facts/RepoView';

const COMPOSE_PATTERNS = ['compose.yml', 'compose.yaml', 'docker-compose*.yml', 'docker-compose*.yaml'];
const LOCAL_STACK_PATTERNS = [...COMPOSE_PATTERNS, 'skaffold.yaml', 'skaffold.yml', 'Tiltfile', '.devcontainer/**'];

const isCompose = globMatcher(COMPOSE_PATTERNS);

const MAX_EVIDENCE = 10;

/** Indexes of the final stage and the earlier stages it builds on (`FROM build AS runtime`). */
export function finalStageChain(df: ParsedDockerfile): number[] {
  const chain: number[] = [];
  let index = df.stages.length - 1;
  while (index >= 0 && !chain.includes(index)) {
    chain.push(index);
    const stage = df.stages[index];
    if (!stage.fromStage) break;
    const image = stage.image.toLowerCase();
    let parent = -1;
    for (let i = index - 1; i >= 0; i--) {
      if (df.stages[i].alias?.toLowerCase() === image) {
        parent = i;
        break;
      }
    }
    index = parent;
  }
  return chain;
}

// Dev containers and `Dockerfile.dev`/`.debug` images are not what runs in production.
function isDevDockerfile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return path.includes('.devcontainer/') || /(^|[.\-_])(dev|devel|development|local|debug)([.\-_]|$)/i.test(name);
}

function startsProcess(df: ParsedDockerfile): boolean {
  return df.instructions.some(i => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
}

// `Dockerfile.base` / `build.Dockerfile` with no CMD or ENTRYPOINT only prepares an image that
// another Dockerfile (one that does start a process) builds on or copies from: it never runs.
function isBuildOnlyDockerfile(df: ParsedDockerfile, all: ParsedDockerfile[]): boolean {
  const name = df.path.slice(df.path.lastIndexOf('/') + 1);
  if (!/(^|[.\-_])(base|build|builder)([.\-_]|$)/i.test(name) || startsProcess(df)) return false;
  return all.some(d => d !== df && !isDevDockerfile(d.path) && startsProcess(d));
}

/** The Dockerfiles that build the deployed image (all of them when every one looks like a dev image). */
function productionDockerfiles(dfs: ParsedDockerfile[]): ParsedDockerfile[] {
  const prod = dfs.filter(d => !isDevDockerfile(d.path) && !isBuildOnlyDockerfile(d, dfs));
  return prod.length ? prod : dfs;
}

async function localStack(repo: RepoView): Promise<string[]> {
  const found: string[] = [];
  for (const path of repo.find(LOCAL_STACK_PATTERNS)) {
    if (path.includes('.devcontainer/')) {
      if (!found.some(p => p.includes('.devcontainer/'))) found.push(path);
      continue;
    }
    const text = (await repo.read(path)) ?? '';
    // A compose file without a single service is a stub.
    if (isCompose(path)) {
      if (/^\s*(image|build)\s*:/m.test(text)) found.push(path);
    } else if (text.trim()) {
      found.push(path);
    }
  }
  // A .NET Aspire AppHost project runs the services and their backing containers locally, as compose does.
  for (const file of await repo.findTexts('*.csproj')) {
    if (/<Project\s+Sdk\s*=\s*["']Aspire\.AppHost\.Sdk\b|<IsAspireHost>\s*true\s*</i.test(file.text)) {
      found.push(file.path);
      break;
    }
  }
  if (repo.isSubfolder) {
    // A monorepo's root compose file counts when it builds or mounts this entity's folder.
    for (const file of await repo.findTexts(COMPOSE_PATTERNS, { scope: 'root' })) {
      if (!file.path.includes('/') && file.text.includes(repo.entityPath)) found.push(file.path);
    }
    // ... or has a service whose build resolves into it (`dockerfile: ${SVC_DOCKERFILE}` set in the root .env).
    for (const service of await entityComposeServices(repo)) {
      if (!found.includes(service.path)) found.push(service.path);
    }
  }
  return found;
}

async function imageBuild(repo: RepoView): Promise<Evidence[]> {
  const out: Evidence[] = (await dockerfiles(repo)).map(d => repo.evidence(d.path, d.stages[0]?.line));
  for (const f of await repo.findTexts(['pom.xml', 'build.gradle', 'build.gradle.kts'])) {
    const m = /jib-maven-plugin|com\.google\.cloud\.tools\.jib/.exec(f.text);
    if (m) out.push(repo.evidence(f.path, lineAt(f.text, m.index), 'Jib'));
  }
  for (const path of repo.find('.ko.yaml')) out.push(repo.evidence(path, undefined, 'ko'));
  for (const f of await repo.findTexts('project.toml')) {
    if (/^\s*\[(_|io\.buildpacks|build|project)\]|^\s*\[\[(io\.buildpacks|build)\./m.test(f.text)) {
      out.push(repo.evidence(f.path, undefined, 'buildpacks'));
    }
  }
  return out;
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

export const containerBuildCheck: ReadinessCheck = {
  id: 'container-build',
  title: 'Container build and local stack',
  category: 'containerization',
  severity: 'high',
  description:
    'Looks for a container build (Dockerfile/Containerfile, Jib, .ko.yaml, buildpacks project.toml: 70) and a local stack (compose file, skaffold.yaml, Tiltfile, .devcontainer/, a .NET Aspire AppHost project: 30); in a monorepo a root compose file counts when it mentions the entity folder or the build of one of its services resolves into it (`${VAR}` from the root .env).',
  rationale:
    'Without a container build the service cannot be shipped the same way everywhere, and without a local stack developers cannot run it with its dependencies.',
  remediation:
    'Add a Dockerfile that builds the production image and a compose.yaml that runs the service with its dependencies locally.',
  effort: 'S',
  scope: 'repository',
  async applies({ entity }) {
    if (isLibrary(entity)) return { reason: 'A library is not deployed as a container' };
    return true;
  },
  async run({ repo }) {
    const build = await imageBuild(repo);
    const stack = await localStack(repo);
    if (!build.length) {
      const serverless = await isServerless(repo);
      if (serverless) return outcome.notApplicable(`Serverless deployment (${serverless}): the platform packages the function`);
    }
    const evidence = [...build, ...stack.map(p => repo.evidence(p))].slice(0, MAX_EVIDENCE);
    const score = (build.length ? 70 : 0) + (stack.length ? 30 : 0);
    const parts = [
      build.length ? `container build in ${build[0].path}` : 'no container build (Dockerfile, Jib, ko, buildpacks)',
      stack.length ? `local stack in ${stack[0]}` : 'no local stack (compose, skaffold, Tilt, devcontainer)',
    ];
    return outcome.scored(score, `${parts[0]}; ${parts[1]}`.replace(/^./, c => c.toUpperCase()), evidence);
  },
};

interface ImageRef {
  name: string;
  tag?: string;
  digest?: string;
}

function parseImage(image: string): ImageRef {
  const [ref, digest] = image.split('@');
  const slash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':', slash + 1);
  return colon >= 0
    ? { name: ref.slice(0, colon), tag: ref.slice(colon + 1), digest }
    : { name: ref, digest };
}

/** True when the image of the FROM at `line` uses a global ARG that has no default. */
function hasUnsetArg(df: ParsedDockerfile, line: number): boolean {
  const from = df.instructions.find(i => i.keyword === 'FROM' && i.line === line);
  const image = from?.args.split(/\s+/).find(p => !p.startsWith('--')) ?? '';
  const defaults = new Set(
    df.instructions
      .filter(i => i.keyword === 'ARG' && i.stage < 0 && /^\w+=\S/.test(i.args))
      .map(i => i.args.split('=')[0]),
  );
  return [...image.matchAll(/\$\{?(\w+)(:-[^}]+)?\}?/g)].some(m => !m[2] && !defaults.has(m[1]));
}

export const containerBasePinnedCheck: ReadinessCheck = {
  id: 'container-base-pinned',
  title: 'Base images pinned',
  category: 'containerization',
  severity: 'medium',
  description:
    'Every external FROM (ARG defaults resolved; scratch and earlier stages skipped) must name a tag other than latest or a @sha256 digest. Each such FROM counts as pinned (a digest-only reference earns full credit too); score = pinned / total. A base image left entirely to a build argument is not counted.',
  rationale:
    'An unpinned or latest base image changes under the build: builds stop being reproducible and a broken or compromised upstream image ships silently.',
  remediation:
    'Pin every base image to a version tag, better to a digest (node:22.11-alpine@sha256:...), and let a dependency bot bump it.',
  effort: 'S',
  scope: 'repository',
  async run({ repo }) {
    const dfs = await dockerfiles(repo);
    if (!dfs.length) return outcome.notApplicable('No Dockerfile: there is no base image to pin');
    const pinned: Evidence[] = [];
    const unpinned: { ev: Evidence; image: string }[] = [];
    let digests = 0;
    let unresolved = 0;
    for (const df of dfs) {
      for (const stage of df.stages) {
        if (stage.fromStage || stage.image.toLowerCase() === 'scratch') continue;
        const ref = parseImage(stage.image);
        // `FROM ${BASE}` or `node:${VERSION}` without a default: the image is chosen at build time.
        if (hasUnsetArg(df, stage.line)) {
          unresolved++;
          continue;
        }
        const ev = repo.evidence(df.path, stage.line);
        if (ref.digest) {
          digests++;
          pinned.push(ev);
        } else if (ref.tag && ref.tag.toLowerCase() !== 'latest') {
          pinned.push(ev);
        } else {
          unpinned.push({ ev, image: stage.image });
        }
      }
    }
    const total = pinned.length + unpinned.length;
    if (!total) {
      return outcome.notApplicable(
        unresolved ? 'Base images are passed as build arguments without defaults' : 'Only scratch or internal stages as bases',
      );
    }
    const digestNote = digests ? ` (${digests} by digest)` : '';
    const summary = unpinned.length
      ? `${pinned.length} of ${total} base images pinned${digestNote}; ${unpinned
          .slice(0, 3)
          .map(u => `${u.image} in ${u.ev.path}`)
          .join(', ')} ${unpinned.length === 1 ? 'is' : 'are'} not`
      : `${total === 1 ? 'The base image is' : `All ${total} base images are`} pinned${digestNote}`;
    return outcome.scored(
      (100 * pinned.length) / total,
      summary,
      [...unpinned.map(u => u.ev), ...pinned].slice(0, MAX_EVIDENCE),
    );
  },
};

const ROOT_USER = /^(root|0)(:.*)?$/i;

/** The user the final stage runs as: its last USER, inherited along stage aliases, else the base image's. */
function finalUser(df: ParsedDockerfile): { user?: string; line: number; base?: string } {
  const chain = finalStageChain(df);
  const vars = new Map<string, string>();
  for (const i of df.instructions) {
    if ((i.keyword === 'ARG' || i.keyword === 'ENV') && (i.stage < 0 || chain.includes(i.stage))) {
      for (const m of i.args.matchAll(/([A-Za-z_]\w*)[= ]["']?([^\s"']+)/g)) vars.set(m[1], m[2]);
    }
  }
  for (const index of chain) {
    const users = df.instructions.filter(i => i.stage === index && i.keyword === 'USER');
    const last = users[users.length - 1];
    if (last) {
      const user = last.args.split(/\s+/)[0].replace(/\$\{?(\w+)\}?/g, (s, name) => vars.get(name) ?? s);
      return { user, line: last.line };
    }
  }
  const root = df.stages[chain[chain.length - 1]];
  return { base: root?.image, line: root?.line ?? 1 };
}

async function workloadNonRoot(repo: RepoView, w: Workload): Promise<boolean> {
  const nonRoot = (sc: unknown) => {
    const s = sc as { runAsNonRoot?: unknown; runAsUser?: unknown } | undefined;
    return s?.runAsNonRoot === true || (typeof s?.runAsUser === 'number' && s.runAsUser > 0);
  };
  if (await fieldSatisfies(repo, w.object, w.podSpec, 'securityContext', nonRoot)) return true;
  if (await fieldSatisfies(repo, w.object, w.podSpec, 'podSecurityContext', nonRoot)) return true;
  if (!w.containers.length) return false;
  for (const c of w.containers) {
    if (!(await fieldSatisfies(repo, w.object, c, 'securityContext', nonRoot))) return false;
  }
  return true;
}

export const containerNonRootCheck: ReadinessCheck = {
  id: 'container-non-root',
  title: 'Runs as non-root',
  category: 'containerization',
  severity: 'high',
  description:
    "The final stage's last USER (inherited through stage aliases) is not root/0; a distroless :nonroot base passes; Kubernetes runAsNonRoot: true (or a non-zero runAsUser) in the pod or every container securityContext passes without a Dockerfile. Score = non-root production Dockerfiles / total (dev images, and base/build images without CMD or ENTRYPOINT that another Dockerfile runs, are left out).",
  rationale:
    'A process running as root inside the container turns any code execution bug into root on the container, one step from the node.',
  remediation:
    'Create an unprivileged user in the final stage and switch to it with USER (e.g. USER 10001:10001), or use a :nonroot distroless base; set runAsNonRoot: true in the pod securityContext.',
  effort: 'S',
  scope: 'repository',
  async run({ repo }) {
    const ws = await workloads(repo);
    if (ws.length) {
      const flags = await Promise.all(ws.map(w => workloadNonRoot(repo, w)));
      if (flags.every(Boolean)) {
        return outcome.pass(
          `Kubernetes workloads set runAsNonRoot (${ws.length} workload${ws.length > 1 ? 's' : ''})`,
          ws.slice(0, MAX_EVIDENCE).map(w => repo.evidence(w.object.path, w.object.line)),
        );
      }
    }
    const dfs = productionDockerfiles(await dockerfiles(repo));
    if (!dfs.length) {
      return outcome.notApplicable('No Dockerfile and no runAsNonRoot in Kubernetes workloads: the image user cannot be read');
    }
    const good: Evidence[] = [];
    const bad: { ev: Evidence; why: string }[] = [];
    for (const df of dfs) {
      const u = finalUser(df);
      const ev = repo.evidence(df.path, u.line);
      if (u.user !== undefined) {
        if (ROOT_USER.test(u.user)) bad.push({ ev, why: `USER ${u.user}` });
        else good.push(ev);
      } else if (u.base && /:[^/]*nonroot/.test(u.base)) {
        good.push(ev);
      } else {
        bad.push({ ev, why: 'no USER (runs as root)' });
      }
    }
    const total = good.length + bad.length;
    const summary = bad.length
      ? `${good.length} of ${total} Dockerfiles run as non-root; ${bad
          .slice(0, 3)
          .map(b => `${b.ev.path}: ${b.why}`)
          .join(', ')}`
      : `Final stage runs as non-root in ${total === 1 ? good[0].path : `all ${total} Dockerfiles`}`;
    return outcome.scored((100 * good.length) / total, summary, [...bad.map(b => b.ev), ...good].slice(0, MAX_EVIDENCE));
  },
};

function isMinimalBase(image: string): boolean {
  return /^scratch$|distroless|^cgr\.dev\/chainguard\/static/i.test(image);
}

export const containerMultistageCheck: ReadinessCheck = {
  id: 'container-multistage',
  title: 'Multi-stage build',
  category: 'containerization',
  severity: 'low',
  description:
    'Each production Dockerfile has two or more FROM and a COPY --from= into the final stage (a single stage on scratch or distroless, copying a prebuilt artefact, also passes). Score = multi-stage Dockerfiles / total.',
  rationale:
    'A single-stage image ships compilers, package caches and sources: bigger images, slower pulls and more vulnerabilities to patch.',
  remediation:
    'Build in a first stage (FROM golang:1.23 AS build) and COPY --from=build only the artefact into a slim runtime stage.',
  effort: 'S',
  scope: 'repository',
  async run({ repo }) {
    const dfs = productionDockerfiles(await dockerfiles(repo));
    if (!dfs.length) return outcome.notApplicable('No Dockerfile: there is no image build to split');
    const good: Evidence[] = [];
    const bad: { ev: Evidence; why: string }[] = [];
    for (const df of dfs) {
      const last = df.stages.length - 1;
      const copy = df.instructions.find(i => i.stage === last && i.keyword === 'COPY' && /(^|\s)--from=/.test(i.args));
      if (df.stages.length >= 2 && copy) good.push(repo.evidence(df.path, copy.line));
      else if (df.stages.length === 1 && isMinimalBase(df.stages[0].image)) good.push(repo.evidence(df.path, df.stages[0].line));
      else
        bad.push({
          ev: repo.evidence(df.path, df.stages[last]?.line),
          why: df.stages.length < 2 ? 'single stage' : 'no COPY --from= into the final stage',
        });
    }
    const total = good.length + bad.length;
    const summary = bad.length
      ? `${good.length} of ${total} Dockerfiles are multi-stage; ${bad
          .slice(0, 3)
          .map(b => `${b.ev.path}: ${b.why}`)
          .join(', ')}`
      : `Multi-stage build in ${total === 1 ? good[0].path : `all ${total} Dockerfiles`}`;
    return outcome.scored((100 * good.length) / total, summary, [...bad.map(b => b.ev), ...good].slice(0, MAX_EVIDENCE));
  },
};

/** The containerization checks of CHECKS.md. @public */
export const containerizationChecks: ReadinessCheck[] = [
  containerBuildCheck,
  containerBasePinnedCheck,
  containerNonRootCheck,
  containerMultistageCheck,
];
