/**
 * Synthetic catalogs: N Components, each with its own repository folder mixed
 * from the example repositories (30 to 300 files), and one catalog file.
 *
 * Identical file contents are hard links into a pool, which keeps 10,000
 * repositories of ~100 files quick to make and small on disk; every repository
 * is still its own folder, listed and stat'ed on its own by the SourceReader.
 */
import fs from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { seededRandom } from './stats';

/** A template repository: its files (path relative to its root, posix). */
export interface TemplateRepo {
  name: string;
  files: { path: string; content: Buffer }[];
}

/** One synthetic catalog entity and its repository. */
export interface SyntheticEntity {
  name: string;
  ref: string;
  owner: string;
  system: string;
  lifecycle: string;
  type: string;
  repoDir: string;
  template: string;
  files: number;
}

export interface GeneratedCatalog {
  root: string;
  reposDir: string;
  /** The catalog, each Component's source a `file:` folder of `reposDir`. */
  catalogFile: string;
  /** The same catalog, each Component's source a repository of the bench's GitHub (see github.ts). */
  githubCatalogFile: string;
  entities: SyntheticEntity[];
  groups: string[];
  totalFiles: number;
  generationMs: number;
}

/** The bench's GitHub host, and the owner of its repositories (the folders of `reposDir`). */
export const GITHUB_HOST = 'github.bench.test';
export const GITHUB_OWNER = 'bench';
export const MIN_FILES = 30;
export const MAX_FILES = 300;
export const TEAMS = 50;
const SYSTEMS = 100;
const NEVER = new Set(['.git', 'node_modules']);
const SOURCE_EXT = /\.(ts|tsx|js|mjs|py|go|java|kt|rb)$/;
// Files that carry readiness signals: kept or dropped per repository, to spread the scores.
const SIGNAL = /(^|\/)(Dockerfile|RUNBOOK\.md|DEPLOYMENT\.md|SECURITY\.md|\.github\/|deploy\/|terraform\/|helm\/|docs\/|\.gitleaks|renovate|dependabot|docker-compose)/;

/** Reads every file of each folder under `dir` (one template per folder), skipping .git and node_modules. */
export function readTemplates(dir: string): TemplateRepo[] {
  const templates: TemplateRepo[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const root = join(dir, name);
    if (!fs.statSync(root).isDirectory()) continue;
    const files: TemplateRepo['files'] = [];
    const walk = (folder: string) => {
      for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        if (NEVER.has(entry.name)) continue;
        const abs = join(folder, entry.name);
        if (entry.isDirectory()) walk(abs);
        else if (entry.isFile()) {
          const rel = relative(root, abs).split(sep).join('/');
          if (rel === 'catalog-info.yaml') continue; // the catalog file is central here
          const st = fs.statSync(abs);
          if (st.size > 1024 * 1024) continue;
          files.push({ path: rel, content: fs.readFileSync(abs) });
        }
      }
    };
    walk(root);
    files.sort((a, b) => a.path.localeCompare(b.path));
    if (files.length > 0) templates.push({ name, files });
  }
  if (templates.length === 0) throw new Error(`No template repositories under ${dir}`);
  return templates;
}

/** A file count from 30 to 300, log-uniform (median ~95, mean ~117). */
export function fileCountFor(rand: () => number): number {
  const v = Math.exp(Math.log(MIN_FILES) + rand() * (Math.log(MAX_FILES) - Math.log(MIN_FILES)));
  return Math.max(MIN_FILES, Math.min(MAX_FILES, Math.round(v)));
}

/** The plan of one repository: which template file goes to which path. */
export function planRepository(
  templates: readonly TemplateRepo[],
  rand: () => number,
): { template: string; files: { path: string; from: [number, number] }[] } {
  const t = Math.floor(rand() * templates.length);
  const base = templates[t];
  const maturity = rand();
  const target = fileCountFor(rand);
  const files = new Map<string, [number, number]>();
  base.files.forEach((f, i) => {
    const keep = !SIGNAL.test(f.path) || rand() < 0.35 + 0.65 * maturity;
    if (keep || /^README\.md$/i.test(f.path)) files.set(f.path, [t, i]);
  });
  // Half of the repositories borrow another template's files (a mix).
  if (templates.length > 1 && rand() < 0.5) {
    let o = Math.floor(rand() * (templates.length - 1));
    if (o >= t) o++;
    templates[o].files.forEach((f, i) => {
      if (!files.has(f.path) && rand() < 0.3) files.set(f.path, [o, i]);
    });
  }
  // Trim source copies when over the target, then duplicate sources up to it.
  const sources = () => [...files.keys()].filter(p => SOURCE_EXT.test(p));
  for (const p of sources()) {
    if (files.size <= Math.max(target, MIN_FILES)) break;
    if (rand() < 0.5) files.delete(p);
  }
  let pool = sources();
  if (pool.length === 0) pool = [...files.keys()];
  let k = 0;
  while (files.size < target) {
    const src = pool[k % pool.length];
    const copy = `${dirname(src) === '.' ? 'src' : dirname(src)}/gen${Math.floor(k / pool.length)}/${basename(src)}`;
    if (!files.has(copy)) files.set(copy, files.get(src)!);
    k++;
  }
  while (files.size > MAX_FILES) files.delete([...files.keys()].pop()!);
  return {
    template: base.name,
    files: [...files.entries()].map(([path, from]) => ({ path, from })),
  };
}

function pick<T>(rand: () => number, weighted: [T, number][]): T {
  let r = rand() * weighted.reduce((a, [, w]) => a + w, 0);
  for (const [v, w] of weighted) {
    r -= w;
    if (r <= 0) return v;
  }
  return weighted[weighted.length - 1][0];
}

function pad(i: number, width: number) {
  return String(i).padStart(width, '0');
}

/**
 * Writes N repositories under `root/repos` (hard links into `root/pool`) and
 * `root/catalog.yaml` with N Components and the owning Groups.
 */
export function generateCatalog(options: {
  root: string;
  n: number;
  templates: readonly TemplateRepo[];
  seed?: number;
}): GeneratedCatalog {
  const started = Date.now();
  const { root, n, templates } = options;
  const rand = seededRandom(options.seed ?? 7);
  const reposDir = join(root, 'repos');
  const poolDir = join(root, 'pool');
  fs.mkdirSync(reposDir, { recursive: true });
  const pooled = new Map<string, string>();
  const poolFile = ([t, i]: [number, number]) => {
    const key = `${t}/${i}`;
    let file = pooled.get(key);
    if (!file) {
      file = join(poolDir, String(t), String(i));
      fs.mkdirSync(dirname(file), { recursive: true });
      fs.writeFileSync(file, templates[t].files[i].content);
      pooled.set(key, file);
    }
    return file;
  };

  const width = Math.max(5, String(n).length);
  const entities: SyntheticEntity[] = [];
  const docs: string[] = [];
  const githubDocs: string[] = [];
  let totalFiles = 0;
  for (let i = 1; i <= n; i++) {
    const name = `svc-${pad(i, width)}`;
    const repoDir = join(reposDir, name);
    const plan = planRepository(templates, rand);
    const made = new Set<string>();
    for (const f of plan.files) {
      const dest = join(repoDir, ...f.path.split('/'));
      const dir = dirname(dest);
      if (!made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      fs.linkSync(poolFile(f.from), dest);
    }
    totalFiles += plan.files.length;

    const team = Math.floor(rand() * TEAMS);
    const owner = rand() < 0.05 ? `user:default/dev-${pad(team, 2)}` : `group:default/team-${pad(team, 2)}`;
    const system = `system-${pad(Math.floor(rand() * SYSTEMS), 2)}`;
    const lifecycle = pick(rand, [['production', 0.6], ['experimental', 0.25], ['deprecated', 0.15]]);
    const type = pick(rand, [['service', 0.7], ['website', 0.15], ['library', 0.15]]);
    const annotations: Record<string, string> = {};
    if (rand() < 0.6) annotations['backstage.io/techdocs-ref'] = 'dir:.';
    if (rand() < 0.4) annotations['pagerduty.com/service-id'] = `P${pad(i, 6)}`;
    const metadata: Record<string, unknown> = { name };
    if (rand() < 0.85) metadata.description = `The ${name} ${type}, part of ${system}`;
    if (rand() < 0.5) metadata.title = `Service ${i}`;
    if (rand() < 0.5) metadata.tags = [plan.template.replace(/[^a-z0-9-]/g, '-').slice(0, 60)];
    const component = (source: string) =>
      JSON.stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { ...metadata, annotations: { 'backstage.io/source-location': source, ...annotations } },
        spec: { type, lifecycle, owner, system },
      });
    docs.push(component(`file:${repoDir}/`));
    githubDocs.push(component(`url:https://${GITHUB_HOST}/${GITHUB_OWNER}/${name}/tree/main/`));
    entities.push({
      name,
      ref: `component:default/${name}`,
      owner,
      system,
      lifecycle,
      type,
      repoDir,
      template: plan.template,
      files: plan.files.length,
    });
  }
  const groups: string[] = [];
  for (let t = 0; t < TEAMS; t++) {
    const name = `team-${pad(t, 2)}`;
    groups.push(`group:default/${name}`);
    const group = JSON.stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name },
      spec: { type: 'team', children: [] },
    });
    docs.push(group);
    githubDocs.push(group);
  }
  const catalogFile = join(root, 'catalog.yaml');
  fs.writeFileSync(catalogFile, `${docs.join('\n---\n')}\n`);
  const githubCatalogFile = join(root, 'catalog-github.yaml');
  fs.writeFileSync(githubCatalogFile, `${githubDocs.join('\n---\n')}\n`);
  return { root, reposDir, catalogFile, githubCatalogFile, entities, groups, totalFiles, generationMs: Date.now() - started };
}

/**
 * Changes a repository the way a commit would: README.md is replaced by a new
 * file (never written through: its inode is shared with other repositories)
 * and a CHANGELOG.md is added.
 */
export function changeRepository(repoDir: string, generation: number): void {
  const readme = join(repoDir, 'README.md');
  let text = '';
  try {
    text = fs.readFileSync(readme, 'utf8');
    fs.unlinkSync(readme);
  } catch {
    // no README: write one
  }
  fs.writeFileSync(readme, `${text}\n\nChanged in generation ${generation}.\n`);
  fs.writeFileSync(join(repoDir, 'CHANGELOG.md'), `# Changelog\n\n## ${generation}\n\n- A change.\n`);
}

/** Picks `count` distinct entities by a seeded shuffle. */
export function pickChanged<T>(items: readonly T[], count: number, seed: number): T[] {
  const rand = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, Math.min(count, copy.length));
}
