import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs, repeatsAt } from './args';
import { assertLoopback } from './load';
import {
  changeRepository,
  fileCountFor,
  generateCatalog,
  MAX_FILES,
  MIN_FILES,
  pickChanged,
  planRepository,
  TemplateRepo,
} from './repos';
import { latencySummary, median, medianOf, percentile, seededRandom } from './stats';

describe('percentiles', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(/0\.\.100/);
  });

  it('summarises latencies in one pass', () => {
    const s = latencySummary([5, 1, 4, 2, 3]);
    expect(s).toMatchObject({ count: 5, p50: 3, p95: 5, p99: 5, max: 5, mean: 3 });
  });

  it('takes medians of values and of repeated records', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([NaN, 1])).toBe(1);
    expect(medianOf([{ a: 1, b: 'x' }, { a: 9, b: 'y' }, { a: 3, b: 'z' }])).toEqual({ a: 3, b: 'x' });
  });

  it('has a seeded random sequence', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    expect(seededRandom(2)()).not.toBe(seededRandom(1)());
  });
});

describe('flags', () => {
  it('has defaults and parses lists', () => {
    const d = parseArgs([], new Date('2026-11-23T10:00:00Z'));
    expect(d).toMatchObject({ n: [1000, 10000], duration: 20, clients: 16, db: ['sqlite', 'postgres'], repeats: 3 });
    expect(d.out).toBe('bench/results/2026-11-23.md');
    const o = parseArgs(['--n', '200', '--duration=3', '--db', 'sqlite', '--skip-tech-insights', '--no-report']);
    expect(o).toMatchObject({ n: [200], duration: 3, db: ['sqlite'], out: '' });
    expect(o.sections).not.toContain('tech-insights');
    const r = parseArgs(['--repeats', '3,1']);
    expect([repeatsAt(r, 1000), repeatsAt(r, 10000)]).toEqual([3, 1]);
    expect(d.cliBin).toBe('');
    expect(parseArgs(['--cli-bin=app/node_modules/.bin/readiness']).cliBin).toBe('app/node_modules/.bin/readiness');
  });

  it('refuses bad flags, naming them', () => {
    expect(() => parseArgs(['--n', '0'])).toThrow(/--n/);
    expect(() => parseArgs(['--db', 'oracle'])).toThrow(/oracle/);
    expect(() => parseArgs(['--sections', 'audit,fun'])).toThrow(/fun/);
    expect(() => parseArgs(['--colour'])).toThrow(/Unknown flag '--colour'/);
    expect(() => parseArgs(['--n', '1000,10000', '--repeats', '1,2,3'])).toThrow(/--repeats/);
  });

  it('only loads loopback addresses', () => {
    expect(() => assertLoopback('http://127.0.0.1:7007')).not.toThrow();
    expect(() => assertLoopback('http://localhost:1')).not.toThrow();
    expect(() => assertLoopback('http://10.0.0.1:7007')).toThrow(/loopback/);
    expect(() => assertLoopback('https://example.com')).toThrow(/loopback/);
  });
});

describe('synthetic repositories', () => {
  const templates: TemplateRepo[] = [
    {
      name: 'svc',
      files: [
        { path: 'README.md', content: Buffer.from('# svc\n') },
        { path: 'Dockerfile', content: Buffer.from('FROM node:22\n') },
        { path: '.github/workflows/ci.yml', content: Buffer.from('on: push\n') },
        { path: 'src/index.ts', content: Buffer.from('export {};\n') },
        { path: 'src/app.ts', content: Buffer.from('export const app = 1;\n') },
      ],
    },
    {
      name: 'py',
      files: [
        { path: 'README.md', content: Buffer.from('# py\n') },
        { path: 'app/main.py', content: Buffer.from('print(1)\n') },
        { path: 'deploy/k8s/deployment.yaml', content: Buffer.from('kind: Deployment\n') },
      ],
    },
  ];

  it('plans 30 to 300 files, always with a README', () => {
    const rand = seededRandom(3);
    for (let i = 0; i < 200; i++) {
      const n = fileCountFor(rand);
      expect(n).toBeGreaterThanOrEqual(MIN_FILES);
      expect(n).toBeLessThanOrEqual(MAX_FILES);
    }
    for (let i = 0; i < 50; i++) {
      const plan = planRepository(templates, rand);
      expect(plan.files.length).toBeGreaterThanOrEqual(MIN_FILES);
      expect(plan.files.length).toBeLessThanOrEqual(MAX_FILES);
      expect(plan.files.map(f => f.path)).toContain('README.md');
      expect(new Set(plan.files.map(f => f.path)).size).toBe(plan.files.length);
    }
  });

  it('writes one folder per repository of hard links, and a catalog file', () => {
    const root = fs.mkdtempSync(join(os.tmpdir(), 'bench-test-'));
    try {
      const g = generateCatalog({ root, n: 5, templates, seed: 1 });
      expect(g.entities).toHaveLength(5);
      for (const e of g.entities) {
        const readme = join(e.repoDir, 'README.md');
        expect(fs.statSync(readme).nlink).toBeGreaterThan(1);
      }
      const docs = fs.readFileSync(g.catalogFile, 'utf8').split('\n---\n').map(d => JSON.parse(d));
      expect(docs.filter(d => d.kind === 'Component')).toHaveLength(5);
      expect(docs[0].metadata.annotations['backstage.io/source-location']).toBe(`file:${g.entities[0].repoDir}/`);
      // Its GitHub twin: the same entities, each on the bench's GitHub.
      const twins = fs.readFileSync(g.githubCatalogFile, 'utf8').split('\n---\n').map(d => JSON.parse(d));
      expect(twins.map(d => d.metadata.name)).toEqual(docs.map(d => d.metadata.name));
      expect(twins[0].metadata.annotations['backstage.io/source-location']).toBe(
        `url:https://github.bench.test/bench/${g.entities[0].name}/tree/main/`,
      );
      expect({ ...twins[0].metadata.annotations, 'backstage.io/source-location': '' }).toEqual({
        ...docs[0].metadata.annotations,
        'backstage.io/source-location': '',
      });

      // A change never writes through a shared inode.
      const other = g.entities[1].repoDir;
      const before = fs.readFileSync(join(other, 'README.md'), 'utf8');
      changeRepository(g.entities[0].repoDir, 1);
      expect(fs.readFileSync(join(other, 'README.md'), 'utf8')).toBe(before);
      expect(fs.readFileSync(join(g.entities[0].repoDir, 'README.md'), 'utf8')).toMatch(/generation 1/);
      expect(fs.existsSync(join(g.entities[0].repoDir, 'CHANGELOG.md'))).toBe(true);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('picks distinct repositories to change', () => {
    const picked = pickChanged([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3, 42);
    expect(new Set(picked).size).toBe(3);
    expect(pickChanged([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3, 42)).toEqual(picked);
  });
});
