import { K8sObject, TEMPLATED } from './kubernetes';
import { RepoView } from './RepoView';
import { parseYaml } from './yaml';

/** A Helm chart: its folder and its parsed `values*.yaml` files. @public */
export interface HelmChart {
  root: string;
  values: { path: string; data: unknown }[];
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(0, slash) : '';
}

/** True for a value (or a block) that a Helm template injects. @public */
export function isTemplated(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(TEMPLATED);
  return !!value && typeof value === 'object' && TEMPLATED in value;
}

/** The chart a template file belongs to: the nearest folder above it holding a `Chart.yaml`. @public */
export async function chartOf(repo: RepoView, path: string): Promise<HelmChart | undefined> {
  const roots = new Set(repo.find('Chart.yaml', { scope: 'repo' }).map(dirOf));
  let dir = dirOf(path);
  for (;;) {
    if (roots.has(dir)) break;
    if (!dir) return undefined;
    dir = dirOf(dir);
  }
  const root = dir;
  return repo.memo(`helm:chart:${root}`, async () => {
    const paths = repo
      .find(['values*.yaml', 'values*.yml'], { scope: 'repo' })
      .filter(p => dirOf(p) === root);
    const values: HelmChart['values'] = [];
    for (const file of await repo.readAll(paths)) {
      try {
        values.push({ path: file.path, data: parseYaml(file.text) });
      } catch {
        // an unparseable values file tells us nothing
      }
    }
    return { root, values };
  });
}

function resolve(data: unknown, path: string[]): unknown {
  let cur: unknown = data;
  for (const key of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function collectKeys(data: unknown, key: RegExp, out: unknown[]): void {
  if (!data || typeof data !== 'object') return;
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (key.test(k)) out.push(v);
    collectKeys(v, key, out);
  }
}

/**
 * The chart values that feed a templated field: the `.Values.<path>`
 * references of the template whose last key matches `key`, resolved in every
 * values file; without such a reference, every values entry named like `key`.
 * @public
 */
export async function valuesFor(repo: RepoView, obj: K8sObject, key: RegExp): Promise<unknown[]> {
  const chart = await chartOf(repo, obj.path);
  if (!chart) return [];
  const text = (await repo.read(obj.path)) ?? '';
  const refs = [...text.matchAll(/\.Values((?:\.[A-Za-z_][\w-]*)+)/g)]
    .map(m => m[1].slice(1).split('.'))
    .filter(p => key.test(p[p.length - 1]));
  const out: unknown[] = [];
  for (const { data } of chart.values) {
    if (refs.length) {
      for (const ref of refs) {
        const value = resolve(data, ref);
        if (value !== undefined) out.push(value);
      }
    } else {
      collectKeys(data, key, out);
    }
  }
  return out;
}

/**
 * Whether `holder[field]` satisfies `test`: directly when it is written out,
 * through the chart values when a template injects it (the field itself, or
 * a block injected where the field would be).
 * @public
 */
export async function fieldSatisfies(
  repo: RepoView,
  obj: K8sObject,
  holder: Record<string, unknown> | undefined,
  field: string,
  test: (value: unknown) => boolean,
): Promise<boolean> {
  const value = holder?.[field];
  if (value !== undefined && !isTemplated(value)) return test(value);
  if (value === undefined && !isTemplated(holder)) return false;
  const candidates = await valuesFor(repo, obj, new RegExp(`^${field}$`, 'i'));
  return candidates.some(test);
}

/**
 * A number written through a template (`replicas: {{ .Values.replicaCount }}`),
 * read from the chart's values; undefined when it cannot be resolved.
 * @public
 */
export async function templatedNumber(repo: RepoView, obj: K8sObject, field: string): Promise<number | undefined> {
  const chart = await chartOf(repo, obj.path);
  const text = (await repo.read(obj.path)) ?? '';
  const ref = new RegExp(`^\\s*${field}\\s*:\\s*\\{\\{-?\\s*\\.Values((?:\\.[\\w-]+)+)`, 'm').exec(text);
  if (!chart || !ref) return undefined;
  const numbers = chart.values
    .map(v => resolve(v.data, ref[1].slice(1).split('.')))
    .filter((n): n is number => typeof n === 'number');
  return numbers.length ? Math.max(...numbers) : undefined;
}

/**
 * False when a Helm template is wrapped in `{{- if .Values.x.enabled }}` and
 * no values file turns it on (the stock `helm create` HPA, say).
 * @public
 */
export async function enabledByValues(repo: RepoView, obj: K8sObject): Promise<boolean> {
  if (!obj.templated) return true;
  const text = (await repo.read(obj.path)) ?? '';
  const first = text.split('\n').find(l => l.trim() && !/^\s*(#|\{\{-?\s*\/\*)/.test(l)) ?? '';
  const cond = /^\s*\{\{-?\s*if\s+(not\s+)?\.Values((?:\.[\w-]+)+)\s*-?\}\}\s*$/.exec(first);
  const chart = await chartOf(repo, obj.path);
  if (!cond || !chart || !chart.values.length) return true;
  const path = cond[2].slice(1).split('.');
  return chart.values.some(v => {
    const value = resolve(v.data, path);
    return cond[1] ? !value : !!value;
  });
}
