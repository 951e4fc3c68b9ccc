import { posix } from 'path';
import { hinted, testHinted } from './hints';
import { lineOf, RepoView, TextFile } from './RepoView';
import { parseYaml, parseYamlDocuments } from './yaml';

/** A Kubernetes-style object (K8S of CHECKS.md) found in a YAML or JSON file. @public */
export interface K8sObject {
  path: string;
  line: number;
  apiVersion: string;
  kind: string;
  name?: string;
  /** True when the file is a Helm template (values came from `{{ }}`). */
  templated: boolean;
  doc: any;
}

/** Placeholder value left where a Helm template injects a block. @public */
export const TEMPLATED = '__templated__';

/** YAML files of the entity folder (own code only). @public */
export function yamlFiles(repo: RepoView): Promise<TextFile[]> {
  return repo.memo('yaml:files', () => repo.findTexts(['*.yaml', '*.yml']));
}

/**
 * Turns a Helm template into parseable YAML: control lines (`{{- if }}`,
 * `{{- end }}`) go, a block injected with `nindent N` becomes a marker key at
 * that indent, and inline expressions become a placeholder string.
 * @public
 */
export function untemplate(text: string): string {
  return text
    .split('\n')
    .map(line => {
      const trimmed = line.trim();
      if (/^\{\{.*\}\}$/.test(trimmed) && !/^\{\{[^}]*\}\}\s*\S/.test(trimmed)) {
        const indent = /\bn?indent\s+(\d+)/.exec(trimmed);
        if (indent && /toYaml|include|tpl/.test(trimmed)) {
          return `${' '.repeat(Number(indent[1]))}${TEMPLATED}: true`;
        }
        return '';
      }
      if (/^\{\{-?\s*\/\*/.test(trimmed)) return '';
      return line.replace(/\{\{-?[\s\S]*?-?\}\}/g, TEMPLATED);
    })
    .join('\n');
}

function objectsOf(file: TextFile): K8sObject[] {
  const templated = /\{\{/.test(file.text);
  const text = templated ? untemplate(file.text) : file.text;
  const out: K8sObject[] = [];
  let docs;
  try {
    docs = parseYamlDocuments(text, { maxAliasCount: 50 });
  } catch {
    return out;
  }
  for (const d of docs) {
    // A document whose aliases fail is skipped; one with syntax errors gives what `yaml` recovers of it.
    if (d.error) continue;
    const value: any = d.value;
    for (const obj of value?.kind === 'List' && Array.isArray(value.items) ? value.items : [value]) {
      if (
        obj &&
        typeof obj === 'object' &&
        typeof obj.apiVersion === 'string' &&
        typeof obj.kind === 'string' &&
        obj.metadata &&
        typeof obj.metadata === 'object'
      ) {
        out.push({
          path: file.path,
          line: lineOf(text, d.offset),
          apiVersion: obj.apiVersion,
          kind: obj.kind,
          name: typeof obj.metadata.name === 'string' ? obj.metadata.name : undefined,
          templated,
          doc: obj,
        });
      }
    }
  }
  return out;
}

// A key at a line start costs several ns a character (the expression tries
// every line), and most files lack the key: the hints pass over those
// ('Version', of apiVersion, is the rarer text to look for).
const YAML_API_VERSION = hinted(/^\s*apiVersion\s*:/m, 'Version');
const YAML_KIND = hinted(/^\s*kind\s*:/m, 'kind');
const JSON_API_VERSION = hinted(/"apiVersion"\s*:/, 'Version');

/** Every Kubernetes-style object in the entity folder's YAML and JSON files. @public */
export function k8sObjects(repo: RepoView): Promise<K8sObject[]> {
  return repo.memo('k8s:objects', async () => {
    const yaml = (await yamlFiles(repo)).filter(
      f => testHinted(YAML_API_VERSION, f.text) && testHinted(YAML_KIND, f.text),
    );
    const json = (await repo.findTexts('*.json')).filter(f => testHinted(JSON_API_VERSION, f.text) && /"kind"\s*:/.test(f.text));
    return [...yaml, ...json].flatMap(objectsOf);
  });
}

const WORKLOAD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Rollout',
  'DeploymentConfig',
]);

/** A long-running workload and its pod template. @public */
export interface Workload {
  object: K8sObject;
  podSpec: any;
  containers: any[];
}

/** Files a kustomization names as patches: partial objects that only amend a workload. */
function kustomizePatchPaths(repo: RepoView): Promise<Set<string>> {
  return repo.memo('k8s:kustomize-patches', async () => {
    const out = new Set<string>();
    for (const f of (await yamlFiles(repo)).filter(y => /(^|\/)kustomization\.ya?ml$/.test(y.path))) {
      let doc: any;
      try {
        doc = parseYaml(f.text);
      } catch {
        continue;
      }
      const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
      const refs = [
        ...list(doc?.patchesStrategicMerge),
        ...[...list(doc?.patches), ...list(doc?.patchesJson6902)].map(p => p?.path),
      ];
      const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '';
      for (const ref of refs) if (typeof ref === 'string') out.add(posix.join(dir, ref));
    }
    return out;
  });
}

/** Deployments, StatefulSets, DaemonSets and Argo Rollouts (not Jobs or CronJobs, not kustomize patches). @public */
export async function workloads(repo: RepoView): Promise<Workload[]> {
  const patches = await kustomizePatchPaths(repo);
  return (await k8sObjects(repo))
    .filter(o => WORKLOAD_KINDS.has(o.kind) && !patches.has(o.path) && !o.doc.$patch)
    .map(o => {
      const podSpec = o.doc.spec?.template?.spec ?? {};
      const containers = Array.isArray(podSpec.containers) ? podSpec.containers : [];
      return { object: o, podSpec, containers };
    });
}
