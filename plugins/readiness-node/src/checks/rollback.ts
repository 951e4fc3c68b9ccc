import { unlessLibrary } from '../facts/classify';
import { ReadinessCheck, outcome } from '../api/check';
import { ciFiles } from '../facts/ci';
import { isLibrary } from '../facts/classify';
import { findSections } from '../facts/docs';
import { enabledByValues, fieldSatisfies, isTemplated } from '../facts/helm';
import { k8sObjects, workloads } from '../facts/kubernetes';
import { TextFile, lineOf } from '../facts/RepoView';
import { execHinted, hinted } from '../facts/hints';

const TITLE = /roll[\s-]?back|revert|undo/i;
/** Rollback commands: a section holding one is a concrete procedure, however short. */
const COMMAND =
  /helm\s+rollback|kubectl\s+(?:argo\s+rollouts\s+(?:undo|abort)|rollout\s+undo)|argocd\s+app\s+rollback|git\s+revert|--to-revision/i;
/** A concrete step in prose: going back to a named earlier version. */
const STEP = /previous\s+(?:stable\s+|known[- ]good\s+)?(?:version|revision|release|tag|image|deployment|task\s+definition)/i;

export const rollbackDocumentedCheck: ReadinessCheck = {
  id: 'rollback-documented',
  applies: unlessLibrary('is not deployed on its own, so there is no deployment to roll back'),
  title: 'Rollback procedure documented',
  category: 'rollback',
  severity: 'high',
  description:
    'A documentation heading about rollback/revert/undo whose body has a command (helm rollback, kubectl rollout undo, argocd app rollback, git revert) or, with at least 40 words, a concrete step (redeploy the previous version/revision): 100; a section of 40+ words of prose only: 50.',
  rationale:
    'When a release goes wrong the on-call engineer needs the exact way back under pressure; an undocumented rollback turns a bad deploy into a long outage.',
  remediation:
    'Add a "Rollback" section to the deployment docs with the exact commands (e.g. helm rollback <release> <revision>, kubectl rollout undo deployment/<name>) and how to find the previous good version.',
  effort: 'S',
  scope: 'repository',
  async run({ repo }) {
    const sections = await findSections(repo, TITLE, 0);
    const withCommand = sections.find(s => COMMAND.test(s.body));
    if (withCommand) {
      const cmd = COMMAND.exec(withCommand.body)![0];
      return outcome.pass(`Rollback section "${withCommand.title}" in ${withCommand.path} gives the command (${cmd})`, [
        repo.evidence(withCommand.path, withCommand.line),
      ]);
    }
    const long = sections.filter(s => s.words >= 40);
    const withStep = long.find(s => STEP.test(s.body));
    if (withStep) {
      return outcome.pass(`Rollback section "${withStep.title}" in ${withStep.path} names a concrete step`, [
        repo.evidence(withStep.path, withStep.line),
      ]);
    }
    if (long.length) {
      return outcome.scored(50, `Rollback section "${long[0].title}" in ${long[0].path} is prose only, without a command or step`, [
        repo.evidence(long[0].path, long[0].line),
      ]);
    }
    const stub = sections[0];
    return outcome.fail(
      stub ? `Rollback heading in ${stub.path} has no procedure (${stub.words} words)` : 'No rollback procedure in the documentation',
      stub ? [repo.evidence(stub.path, stub.line)] : [],
    );
  },
};

const HELM_ATOMIC = /\bhelm\b[^\n]*?\supgrade\b[^\n]*?--(?:atomic|rollback-on-failure)\b/;
const HELM_ATOMIC_FLAG = /--(?:atomic|rollback-on-failure)\b/;
const HELM_ATOMIC_CONFIG = /\batomic\s*[:=]\s*true\b/;
const ECS_BREAKER = /(?:deployment_circuit_breaker|deploymentCircuitBreaker)[\s\S]{0,300}?\brollback["']?\s*[:=]\s*["']?true/i;
const CODEDEPLOY = hinted(
  /auto[_-]?rollback[_-]?configuration[\s\S]{0,300}?\benabled["']?\s*[:=]\s*["']?true|^\s*DeploymentPreference\s*:/im,
  /ollback|eploymentPreference/i,
);

/** The line of the first logical line (shell continuations joined) matching `re`. */
function logicalLineMatch(text: string, re: RegExp): number | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i];
    while (/\\\s*$/.test(line) && i + 1 < lines.length) line = `${line.replace(/\\\s*$/, ' ')}${lines[++i]}`;
    if (re.test(line)) return start + 1;
  }
  return undefined;
}

function firstMatch(files: TextFile[], re: RegExp): { path: string; line: number } | undefined {
  for (const f of files) {
    const m = execHinted(re, f.text);
    if (m) return { path: f.path, line: lineOf(f.text, m.index) };
  }
  return undefined;
}

export const rollbackAutomatedCheck: ReadinessCheck = {
  id: 'rollback-automated',
  title: 'Automated rollback',
  category: 'rollback',
  severity: 'medium',
  description:
    'Looks for Argo Rollouts (kind: Rollout), Flagger (kind: Canary), helm upgrade --atomic (or atomic: true in helm_release/helmfile), an ECS deployment circuit breaker with rollback = true, or CodeDeploy auto-rollback (incl. SAM DeploymentPreference): 100. A RollingUpdate workload whose containers have readiness probes: 50.',
  rationale:
    'Without automated rollback a bad release keeps serving errors until a human notices and reacts; progressive or atomic deploys stop it on their own.',
  remediation:
    'Deploy with helm upgrade --atomic, or move to Argo Rollouts/Flagger canaries with analysis, or enable the ECS deployment circuit breaker with rollback.',
  effort: 'M',
  scope: 'repository',
  applies({ entity }) {
    return isLibrary(entity) ? { reason: 'A library is not deployed' } : true;
  },
  async run({ repo }) {
    const objects = await k8sObjects(repo);
    for (const o of objects) {
      const progressive =
        (o.kind === 'Rollout' && /argoproj\.io/.test(o.apiVersion)) || (o.kind === 'Canary' && /flagger\.app/.test(o.apiVersion));
      if (progressive && (await enabledByValues(repo, o))) {
        return outcome.pass(`Progressive delivery with ${o.kind === 'Rollout' ? 'Argo Rollouts' : 'Flagger'} in ${o.path}`, [
          repo.evidence(o.path, o.line),
        ]);
      }
    }
    const ci = await ciFiles(repo);
    const scripts = await repo.findTexts([
      '*.sh', 'Makefile', '*.mk', 'Taskfile*', 'justfile', 'Jenkinsfile*', '*.tf', '*.yaml', '*.yml', '*.json', '*.template',
    ]);
    const files = [...ci, ...scripts.filter(s => !ci.some(c => c.path === s.path))];
    const helmConfigs = files.filter(
      f => (f.path.endsWith('.tf') && /helm_release/.test(f.text)) || /(^|\/)helmfile[^/]*$/.test(f.path),
    );
    let hit: { label: string; path: string; line: number } | undefined;
    for (const f of files) {
      // The flag is on one physical line, so files without it need no line-by-line pass.
      if (!HELM_ATOMIC_FLAG.test(f.text)) continue;
      const line = logicalLineMatch(f.text, HELM_ATOMIC);
      if (line) {
        hit = { label: 'helm upgrade --atomic', path: f.path, line };
        break;
      }
    }
    const found = (label: string, m?: { path: string; line: number }) => (m ? { label, ...m } : undefined);
    hit ??=
      found('atomic Helm release', firstMatch(helmConfigs, HELM_ATOMIC_CONFIG)) ??
      found('ECS deployment circuit breaker with rollback', firstMatch(files, ECS_BREAKER)) ??
      found('CodeDeploy automatic rollback', firstMatch(files, CODEDEPLOY));
    if (hit) {
      return outcome.pass(`Automated rollback: ${hit.label} in ${hit.path}`, [repo.evidence(hit.path, hit.line)]);
    }
    for (const w of await workloads(repo)) {
      const strategy = w.object.doc.spec?.strategy?.type ?? w.object.doc.spec?.updateStrategy?.type ?? 'RollingUpdate';
      if (!isTemplated(strategy) && strategy !== 'RollingUpdate') continue; // Recreate, OnDelete
      for (const c of w.containers) {
        if (await fieldSatisfies(repo, w.object, c, 'readinessProbe', v => !!v && typeof v === 'object')) {
          const name = `${w.object.kind}${w.object.name && !isTemplated(w.object.name) ? ` ${w.object.name}` : ''}`;
          return outcome.scored(50, `Rolling update with readiness probes (${name} in ${w.object.path}) but no automated rollback`, [
            repo.evidence(w.object.path, w.object.line),
          ]);
        }
      }
    }
    return outcome.fail('No automated rollback (Argo Rollouts, Flagger, helm --atomic, ECS circuit breaker, CodeDeploy)');
  },
};

/** The rollback checks of CHECKS.md. @public */
export const rollbackChecks: ReadinessCheck[] = [rollbackDocumentedCheck, rollbackAutomatedCheck];
