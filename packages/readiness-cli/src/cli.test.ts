/*
 * End-to-end tests: the CLI runs as a child process (`node bin/readiness`)
 * over fixture folders written to a temporary folder and over the example
 * repositories, as a terminal or CI job would run it.
 */
import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Scorecard } from '@prodready/plugin-readiness-common';
import { EXAMPLES, makeTempDir, runCli, writeTree } from './testUtils';

jest.setTimeout(60_000);

let tmp: string;
let mono: string;
let cart: string;
let checkout: string;
let plain: string;
let empty: string;

const CI_WORKFLOW = `name: ci
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11
      - run: npm ci
      - run: npm test
      - run: npx eslint .
`;

const CART_CATALOG = `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: cart-api
spec:
  type: openapi
  lifecycle: production
  owner: team-shop
  definition: "openapi: 3.0.0"
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: cart
  title: Shopping cart
  description: Holds the shopping cart of every signed-in customer.
spec:
  type: service
  lifecycle: production
  owner: group:team-shop
  system: shop
`;

// A fake key in a file outside the root, reached only through a symlink.
const OUTSIDE_SECRET = 'aws_access_key_id = AKIAQWERTYUIOPASDFGHJ\n';

function parseJson(text: string): Scorecard {
  return JSON.parse(text) as Scorecard;
}

/** Joins the table's wrapped lines back. */
function unwrap(text: string): string {
  return text.replace(/\n {4,}/g, ' ');
}

function allEvidencePaths(card: Scorecard): string[] {
  return card.checks.flatMap(c => c.evidence.map(e => e.path));
}

beforeAll(async () => {
  tmp = await makeTempDir();
  mono = join(tmp, 'mono');
  cart = join(mono, 'services', 'cart');
  checkout = join(mono, 'services', 'checkout');
  plain = join(tmp, 'plain');
  empty = join(tmp, 'empty');
  await writeTree(tmp, {
    'outside/secret.env': OUTSIDE_SECRET,
    'outside/catalog-info.yaml':
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: hijacked\nspec:\n  type: service\n',
    'mono/.git/HEAD': 'ref: refs/heads/main\n',
    'mono/.github/workflows/ci.yml': CI_WORKFLOW,
    'mono/.github/dependabot.yml':
      'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: "/"\n    schedule:\n      interval: weekly\n',
    'mono/services/cart/catalog-info.yaml': CART_CATALOG,
    'mono/services/cart/package.json': JSON.stringify(
      {
        name: 'cart',
        scripts: { test: 'jest' },
        dependencies: { express: '^4.19.0', pino: '^9.0.0' },
      },
      null,
      2,
    ),
    'mono/services/cart/src/index.js':
      "const express = require('express');\nconst app = express();\napp.get('/healthz', (req, res) => res.send('ok'));\napp.listen(8080);\n",
    'mono/services/cart/src/index.test.js':
      "test('ok', () => expect(1).toBe(1));\n",
    'mono/services/cart/.env.local': { symlink: '../../../outside/secret.env' },
    'mono/services/cart/leak.txt': {
      symlink: join(tmp, 'outside', 'secret.env'),
    },
    'mono/services/cart/big.log': 'x'.repeat(2 * 1024 * 1024),
    // binary content under a text name: only the content tells
    'mono/services/cart/notes.txt': Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3,
    ]),
    'mono/services/checkout/package.json': '{ "name": "checkout" }\n',
    'mono/services/checkout/catalog-info.yaml': {
      symlink: '../../../outside/catalog-info.yaml',
    },
    'plain/README.md': '# plain\n\nA folder without a repository around it.\n',
    'plain/config.yaml': 'readiness:\n  thresholds:\n    productionReady: 90\n',
    'bad/invalid-yaml.yaml': 'readiness:\n  weights: [unclosed\n',
    'bad/bad-threshold.yaml':
      'readiness:\n  thresholds:\n    productionReady: 150\n',
    'bad/bad-category.yaml':
      'readiness:\n  weights:\n    categories:\n      speed: 3\n',
    'bad/bad-type.yaml':
      'readiness:\n  weights:\n    categories:\n      security: lots\n',
    'bad/not-a-mapping.yaml': '- just\n- a list\n',
    'bad/readiness-list.yaml': 'readiness:\n  - a\n',
    'bad/catalog-invalid.yaml':
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: [\n',
    'bad/catalog-no-component.yaml':
      'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: shop\nspec:\n  owner: team-shop\n',
    'bad/catalog-no-name.yaml':
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {}\n',
    'bad/custom-bad.yaml':
      'readiness:\n  customChecks:\n    - id: x-check\n      type: file-exists\n      title: X\n      category: security\n      severity: urgent\n      description: d\n      remediation: r\n      globs: [x]\n',
    'bad/custom-clash.yaml':
      'readiness:\n  customChecks:\n    - id: ci-pipeline\n      type: file-exists\n      title: X\n      category: ci-cd\n      severity: high\n      description: d\n      remediation: r\n      globs: [x]\n',
    'a-file.txt': 'not a folder\n',
    'empty/.keep': '',
  });
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('readiness audit: entity and root', () => {
  it('finds the monorepo root above a service folder and reads the entity from catalog-info.yaml', async () => {
    const { code, stdout, stderr } = await runCli([
      'audit',
      cart,
      '--format',
      'json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const card = parseJson(stdout);
    expect(card.schemaVersion).toBe(1);
    // the first Component of the multi-document file, not the API before it
    expect(card.entityRef).toBe('component:default/cart');
    expect(card.entity).toMatchObject({
      owner: 'group:default/team-shop',
      system: 'system:default/shop',
    });
    expect(card.source).toMatchObject({
      location: 'services/cart',
      entityPath: 'services/cart',
    });
    expect(card.source).not.toHaveProperty('url');
    // evidence paths are relative to the repository root and point at files that exist there
    for (const path of allEvidencePaths(card)) {
      expect(path).not.toMatch(/^(\/|\.\.)/);
      expect(existsSync(join(mono, path))).toBe(true);
    }
    // the root's CI file counts for a service in a subfolder
    const ci = card.checks.find(c => c.checkId === 'ci-pipeline');
    expect(ci?.status).toBe('pass');
    expect(ci?.evidence.map(e => e.path)).toContain('.github/workflows/ci.yml');
  });

  it('audits the folder alone when --root names it', async () => {
    const { code, stdout } = await runCli([
      'audit',
      cart,
      '--root',
      cart,
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const card = parseJson(stdout);
    expect(card.source).toMatchObject({ location: '.', entityPath: '' });
    expect(card.checks.find(c => c.checkId === 'ci-pipeline')?.status).toBe(
      'fail',
    );
  });

  it('defaults PATH to the working folder', async () => {
    const { code, stdout } = await runCli(['audit', '--format', 'json'], {
      cwd: cart,
    });
    expect(code).toBe(0);
    expect(parseJson(stdout).source.entityPath).toBe('services/cart');
  });

  it('picks an entity by --name and reads --entity FILE', async () => {
    const byName = await runCli([
      'audit',
      cart,
      '--name',
      'cart-api',
      '--format',
      'json',
    ]);
    expect(byName.code).toBe(0);
    expect(parseJson(byName.stdout).entityRef).toBe('api:default/cart-api');
    const byFile = await runCli([
      'audit',
      plain,
      '--entity',
      join(cart, 'catalog-info.yaml'),
      '--format',
      'json',
    ]);
    expect(byFile.code).toBe(0);
    expect(parseJson(byFile.stdout).entityRef).toBe('component:default/cart');
  });

  it('assumes a Component named after the folder without catalog-info.yaml and marks catalog checks not applicable', async () => {
    const { code, stdout } = await runCli([
      'audit',
      plain,
      '--type',
      'website',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const card = parseJson(stdout);
    expect(card.entityRef).toBe('component:default/plain');
    expect(card.entity.type).toBe('website');
    expect(card.source.entityPath).toBe('');
    const catalogChecks = card.checks.filter(c => c.category === 'catalog');
    expect(catalogChecks.length).toBeGreaterThan(0);
    for (const c of catalogChecks) {
      expect(c.status).toBe('not-applicable');
      expect(c.summary).toBe(
        'No catalog-info.yaml: catalog checks need the entity record',
      );
    }
    // left out of the score: the catalog category has no score and no gap
    expect(card.categories.find(c => c.id === 'catalog')?.score).toBeNull();
    expect(card.gaps.filter(g => g.category === 'catalog')).toEqual([]);
  });
});

describe('readiness audit: safe on any checkout', () => {
  it('never follows a symlink out of the root and says so', async () => {
    const { code, stdout } = await runCli(['audit', cart, '--format', 'json']);
    expect(code).toBe(0);
    const card = parseJson(stdout);
    const paths = allEvidencePaths(card);
    expect(paths).not.toContain('services/cart/leak.txt');
    expect(paths).not.toContain('services/cart/.env.local');
    const secrets = card.checks.find(
      c => c.checkId === 'security-no-hardcoded-secrets',
    );
    expect(secrets?.status).toBe('pass');
    expect(stdout).not.toContain('AKIAQWERTYUIOPASDFGHJ');

    const table = await runCli(['audit', cart]);
    expect(table.code).toBe(0);
    const note =
      /(\d+) files symbolic link out of the repository root, not followed: ([^\n]*)/.exec(
        unwrap(table.stdout),
      );
    expect(note?.[2].split(', ').sort()).toEqual([
      'services/cart/.env.local',
      'services/cart/leak.txt',
      'services/checkout/catalog-info.yaml',
    ]);
  });

  it('ignores a catalog-info.yaml that links out of the root', async () => {
    const { code, stdout } = await runCli(['audit', checkout]);
    expect(code).toBe(0);
    expect(stdout).toContain('component:default/checkout');
    expect(stdout).not.toContain('hijacked');
    expect(stdout).toContain(
      'services/checkout/catalog-info.yaml is a symbolic link that leaves the repository root: ignored',
    );
  });

  it('skips binaries and files over the size cap when a check reads them', async () => {
    const { code, stdout } = await runCli(['audit', cart]);
    expect(code).toBe(0);
    // the secret scan reads every own text file of the service, so it meets both
    expect(unwrap(stdout)).toMatch(
      /over the 1 MiB size cap, not read: [^\n]*services\/cart\/big\.log/,
    );
    expect(unwrap(stdout)).toMatch(
      /binary, not read: [^\n]*services\/cart\/notes\.txt/,
    );
  });
});

describe('readiness audit: speed', () => {
  it('audits a 500-file repository well under a second of engine time', async () => {
    const big = join(tmp, 'big');
    const files: Record<string, string> = {
      '.git/HEAD': 'ref: refs/heads/main\n',
      'package.json':
        '{ "name": "big", "dependencies": { "express": "^4.19.0" } }\n',
    };
    for (let i = 0; i < 500; i++) {
      files[`src/mod${i % 25}/file${i}.ts`] = Array.from(
        { length: 30 },
        (_, j) =>
          `export const f${i}_${j} = (a: number): number => a * ${j}; // helper ${j}`,
      ).join('\n');
    }
    await writeTree(big, files);
    const { code, stdout, ms } = await runCli([
      'audit',
      big,
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const card = parseJson(stdout);
    expect(card.source.fileCount).toBe(501); // .git is never listed
    expect(card.durationMs).toBeLessThan(1000);
    expect(ms).toBeLessThan(5000); // process start included, from sources; generous for busy CI
  });
});

describe('readiness audit: formats', () => {
  it('prints the table by default, without colour off a terminal', async () => {
    const { code, stdout } = await runCli(['audit', cart]);
    expect(code).toBe(0);
    expect(stdout).toContain('Readiness of Shopping cart');
    expect(stdout).toMatch(
      /Score\s+\d+\/100\s+(PRODUCTION READY|ALMOST READY|NEEDS WORK)/,
    );
    expect(stdout).toContain('Categories');
    expect(stdout).toMatch(/CI\/CD\s+█+/);
    expect(stdout).not.toContain('\u001b[');
  });

  it('colours with FORCE_COLOR and honours NO_COLOR', async () => {
    const forced = await runCli(['audit', cart], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[');
    const none = await runCli(['audit', cart], {
      env: { FORCE_COLOR: '1', NO_COLOR: '1' },
    });
    expect(none.stdout).not.toContain('\u001b[');
  });

  it('lists the gaps worst first with recommendation and evidence', async () => {
    const json = parseJson(
      (await runCli(['audit', cart, '--format', 'json'])).stdout,
    );
    const { stdout } = await runCli(['audit', cart]);
    expect(json.gaps.length).toBeGreaterThan(0);
    expect(stdout).toContain(`Gaps, worst first (${json.gaps.length})`);
    let last = -1;
    for (const gap of json.gaps) {
      const at = stdout.indexOf(`[${gap.checkId}]`);
      expect(at).toBeGreaterThan(last);
      last = at;
    }
    expect(stdout).toContain(
      `Fix: ${json.gaps[0].recommendation.split(/\s+/).slice(0, 3).join(' ')}`,
    );
  });

  it('writes Markdown for a pull-request comment', async () => {
    const { code, stdout } = await runCli([
      'audit',
      cart,
      '--format',
      'markdown',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^## (🟢|🟡|🔴) Readiness of Shopping cart: \d+\/100, /,
    );
    expect(stdout).toContain('| Category | Score | | Passed |');
    expect(stdout).toContain(
      '| Severity | Check | Finding | Recommendation | Evidence |',
    );
    expect(stdout).toContain('<details><summary>Passed');
    expect(stdout).not.toContain('\u001b[');
  });

  it('writes SARIF 2.1.0 with one result per gap', async () => {
    const json = parseJson(
      (await runCli(['audit', cart, '--format', 'json'])).stdout,
    );
    const { code, stdout } = await runCli(['audit', cart, '--format', 'sarif']);
    expect(code).toBe(0);
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('readiness');
    const ruleIds: string[] = run.tool.driver.rules.map(
      (r: { id: string }) => r.id,
    );
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(run.results).toHaveLength(json.gaps.length);
    run.results.forEach((result: any, i: number) => {
      const gap = json.gaps[i];
      expect(result.ruleId).toBe(gap.checkId);
      expect(ruleIds[result.ruleIndex]).toBe(gap.checkId);
      expect(result.level).toBe(
        { critical: 'error', high: 'error', medium: 'warning', low: 'note' }[
          gap.severity
        ],
      );
      expect(result.message.text.length).toBeGreaterThan(0);
      const loc = result.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).not.toMatch(/^(\/|\.\.|[a-z]+:)/);
      expect(
        existsSync(join(mono, decodeURIComponent(loc.artifactLocation.uri))),
      ).toBe(true);
      // the first evidence, else the entity's catalog file: a missing practice has no file
      expect(decodeURIComponent(loc.artifactLocation.uri)).toBe(
        gap.evidence[0]?.path ?? 'services/cart/catalog-info.yaml',
      );
      expect(loc.region.startLine).toBe(gap.evidence[0]?.line ?? 1);
    });
  });

  it('writes to --output, guessing the format from the extension', async () => {
    const out = join(tmp, 'out', 'nested');
    const sarif = await runCli([
      'audit',
      cart,
      '--output',
      join(out, 'readiness.sarif'),
    ]);
    expect(sarif.code).toBe(0);
    expect(sarif.stdout).toBe('');
    expect(sarif.stderr).toMatch(
      /^readiness: wrote the sarif report to .*readiness\.sarif \(score \d+, [a-z-]+\)\n$/,
    );
    expect(
      JSON.parse(await fs.readFile(join(out, 'readiness.sarif'), 'utf8'))
        .version,
    ).toBe('2.1.0');
    const md = await runCli(['audit', cart, '-o', join(out, 'summary.md')]);
    expect(md.code).toBe(0);
    expect(await fs.readFile(join(out, 'summary.md'), 'utf8')).toMatch(/^## /);
    const json = await runCli(['audit', cart, '-o', join(out, 'card.json')]);
    expect(json.code).toBe(0);
    expect(
      parseJson(await fs.readFile(join(out, 'card.json'), 'utf8'))
        .schemaVersion,
    ).toBe(1);
  });
});

describe('readiness audit: config and check selection', () => {
  it('reads readiness.* from --config files', async () => {
    const base = parseJson(
      (await runCli(['audit', cart, '--format', 'json'])).stdout,
    );
    const config = join(tmp, 'weights.yaml');
    await fs.writeFile(
      config,
      `readiness:\n  thresholds:\n    productionReady: 100\n    almostReady: 100\n    criticalGate: 0\n  checks:\n    disabled: [ci-pipeline]\n`,
    );
    const { code, stdout } = await runCli([
      'audit',
      cart,
      '--config',
      config,
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const card = parseJson(stdout);
    expect(card.checks.map(c => c.checkId)).not.toContain('ci-pipeline');
    expect(card.checks.length).toBe(base.checks.length - 1);
    expect(card.level).toBe(
      card.score >= 100 ? 'production-ready' : 'needs-work',
    );
  });

  it('runs custom checks from readiness.customChecks', async () => {
    const config = join(tmp, 'custom.yaml');
    await fs.writeFile(
      config,
      `readiness:
  customChecks:
    - id: has-dependabot
      type: file-exists
      title: Dependabot configured
      category: security
      severity: high
      description: The repository root holds a Dependabot config.
      remediation: Add .github/dependabot.yml.
      globs: [.github/dependabot.yml]
      scope: root
      weight: 100
    - id: has-codeowners
      type: file-exists
      title: Code owners
      category: security
      severity: critical
      description: A CODEOWNERS file names the reviewers.
      remediation: Add a CODEOWNERS file.
      globs: [CODEOWNERS, .github/CODEOWNERS]
      scope: root
`,
    );
    const { code, stdout } = await runCli([
      'audit',
      cart,
      '--config',
      config,
      '--checks',
      'has-dependabot,has-codeowners',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const card = parseJson(stdout);
    const byId = Object.fromEntries(card.checks.map(c => [c.checkId, c]));
    expect(byId['has-dependabot']).toMatchObject({
      status: 'pass',
      evidence: [{ path: '.github/dependabot.yml' }],
    });
    expect(byId['has-codeowners'].status).toBe('fail');
    // one critical check below the gate caps the level the score would give
    expect(card.score).toBe(91);
    expect(card.level).toBe('almost-ready');
    expect(card.gate).toEqual({
      cappedAt: 'almost-ready',
      failedCriticalChecks: ['has-codeowners'],
    });
    const list = JSON.parse(
      (await runCli(['checks', '--config', config, '--format', 'json'])).stdout,
    );
    expect(list.find((d: any) => d.id === 'has-codeowners')).toMatchObject({
      origin: 'custom',
      weight: 10,
    });
    const explain = await runCli([
      'explain',
      'has-codeowners',
      '--config',
      config,
    ]);
    expect(explain.stdout).toContain('A CODEOWNERS file names the reviewers.');
  });

  it('narrows the run with --checks and --skip', async () => {
    const only = await runCli([
      'audit',
      cart,
      '--checks',
      'ci-pipeline,ci-lint',
      '--format',
      'json',
    ]);
    expect(only.code).toBe(0);
    expect(
      parseJson(only.stdout)
        .checks.map(c => c.checkId)
        .sort(),
    ).toEqual(['ci-lint', 'ci-pipeline']);
    const repeated = await runCli([
      'audit',
      cart,
      '--checks',
      'ci-pipeline',
      '--checks',
      'ci-lint',
      '--skip',
      'ci-lint',
      '--format',
      'json',
    ]);
    expect(parseJson(repeated.stdout).checks.map(c => c.checkId)).toEqual([
      'ci-pipeline',
    ]);
    const skipped = await runCli([
      'audit',
      cart,
      '--skip',
      'ci-pipeline',
      '--format',
      'json',
    ]);
    expect(parseJson(skipped.stdout).checks.map(c => c.checkId)).not.toContain(
      'ci-pipeline',
    );
  });
});

describe('readiness audit: the gate', () => {
  it('exits 0 when no gate is set, whatever the score', async () => {
    const { code } = await runCli(['audit', empty, '--format', 'json']);
    expect(code).toBe(0);
  });

  it('exits 1 below --fail-under and 0 at or above it', async () => {
    const card = parseJson(
      (await runCli(['audit', cart, '--format', 'json'])).stdout,
    );
    const below = await runCli([
      'audit',
      cart,
      '--fail-under',
      String(card.score + 1),
    ]);
    expect(below.code).toBe(1);
    expect(below.stderr).toBe(
      `readiness: gate failed: score ${card.score} is below --fail-under ${
        card.score + 1
      }\n`,
    );
    expect(below.stdout).toContain('Score'); // the report is still printed
    const at = await runCli([
      'audit',
      cart,
      '--fail-under',
      String(card.score),
    ]);
    expect(at.code).toBe(0);
    expect(at.stderr).toBe('');
  });

  it('exits 1 when the level is at or below --fail-on-level', async () => {
    const needsWork = await runCli([
      'audit',
      empty,
      '--fail-on-level',
      'needs-work',
      '--format',
      'json',
    ]);
    expect(parseJson(needsWork.stdout).level).toBe('needs-work');
    expect(needsWork.code).toBe(1);
    expect(needsWork.stderr).toMatch(
      /gate failed: level needs-work is at or below --fail-on-level needs-work/,
    );
    const almost = await runCli([
      'audit',
      empty,
      '--fail-on-level',
      'almost-ready',
    ]);
    expect(almost.code).toBe(1);
    const config = join(tmp, 'lenient.yaml');
    await fs.writeFile(
      config,
      'readiness:\n  thresholds:\n    productionReady: 0\n    almostReady: 0\n    criticalGate: 0\n',
    );
    const lenient = await runCli([
      'audit',
      empty,
      '--config',
      config,
      '--fail-on-level',
      'almost-ready',
      '--format',
      'json',
    ]);
    expect(parseJson(lenient.stdout).level).toBe('production-ready');
    expect(lenient.code).toBe(0);
  });
});

describe('exit 2 with one clear line for bad input', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    [
      'a missing folder',
      () => ['audit', join(tmp, 'nope')],
      /^readiness: Folder not found: .*nope$/,
    ],
    [
      'a file as PATH',
      () => ['audit', join(tmp, 'a-file.txt')],
      /^readiness: Folder is not a folder: .*a-file\.txt$/,
    ],
    [
      'a missing --root',
      () => ['audit', cart, '--root', join(tmp, 'nope')],
      /^readiness: Root folder not found: /,
    ],
    [
      'a --root that does not hold PATH',
      () => ['audit', cart, '--root', plain],
      /^readiness: Folder .* is not inside the root /,
    ],
    [
      'a missing config file',
      () => ['audit', cart, '--config', join(tmp, 'nope.yaml')],
      /^readiness: Config file not found: .*nope\.yaml$/,
    ],
    [
      'config that is not YAML',
      () => ['audit', cart, '--config', join(tmp, 'bad/invalid-yaml.yaml')],
      /^readiness: Invalid YAML in config file .*invalid-yaml\.yaml at line \d+: /,
    ],
    [
      'config that is not a mapping',
      () => ['audit', cart, '--config', join(tmp, 'bad/not-a-mapping.yaml')],
      /^readiness: Invalid config file .*: expected a mapping of keys$/,
    ],
    [
      'a readiness block that is not an object',
      () => ['audit', cart, '--config', join(tmp, 'bad/readiness-list.yaml')],
      /^readiness: Invalid config at 'readiness' in .*: expected an object$/,
    ],
    [
      'an out-of-range threshold',
      () => ['audit', cart, '--config', join(tmp, 'bad/bad-threshold.yaml')],
      /^readiness: Invalid config at 'readiness\.thresholds\.productionReady': expected 0-100, got 150/,
    ],
    [
      'an unknown category',
      () => ['audit', cart, '--config', join(tmp, 'bad/bad-category.yaml')],
      /^readiness: Invalid config at 'readiness\.weights\.categories\.speed': unknown category/,
    ],
    [
      'a weight of the wrong type',
      () => ['audit', cart, '--config', join(tmp, 'bad/bad-type.yaml')],
      /^readiness: .*readiness\.weights\.categories\.security/,
    ],
    [
      'a custom check with a bad value',
      () => ['audit', cart, '--config', join(tmp, 'bad/custom-bad.yaml')],
      /^readiness: Invalid config at 'readiness\.customChecks\[0\]\.severity': expected one of critical, high, medium, low, got 'urgent'/,
    ],
    [
      'a custom check that reuses a built-in id',
      () => ['audit', cart, '--config', join(tmp, 'bad/custom-clash.yaml')],
      /^readiness: Invalid config at 'readiness\.customChecks\[0\]\.id': 'ci-pipeline' is the id of a built-in check$/,
    ],
    [
      'an unknown check id in --checks',
      () => ['audit', cart, '--checks', 'ci-pipline'],
      /^readiness: Unknown check id 'ci-pipline' in --checks; did you mean 'ci-pipeline'\? Run 'readiness checks' to list them$/,
    ],
    [
      'an unknown check id in --skip',
      () => ['audit', cart, '--skip', 'nonsense-check-id'],
      /^readiness: Unknown check id 'nonsense-check-id' in --skip/,
    ],
    [
      'an unknown check id to explain',
      () => ['explain', 'no-such-check'],
      /^readiness: Unknown check id 'no-such-check'/,
    ],
    [
      'a missing --entity file',
      () => ['audit', cart, '--entity', join(tmp, 'nope.yaml')],
      /^readiness: Entity file not found: /,
    ],
    [
      'an invalid catalog file',
      () => ['audit', cart, '--entity', join(tmp, 'bad/catalog-invalid.yaml')],
      /^readiness: Invalid YAML in .*catalog-invalid\.yaml/,
    ],
    [
      'a catalog file without a Component',
      () => [
        'audit',
        cart,
        '--entity',
        join(tmp, 'bad/catalog-no-component.yaml'),
      ],
      /^readiness: .*catalog-no-component\.yaml has no Component \(found: System\); pick an entity with --name$/,
    ],
    [
      'a catalog entity without a name',
      () => ['audit', cart, '--entity', join(tmp, 'bad/catalog-no-name.yaml')],
      /^readiness: Invalid entity in .*: metadata\.name is missing$/,
    ],
    [
      'an unknown --name',
      () => ['audit', cart, '--name', 'basket'],
      /^readiness: services\/cart\/catalog-info\.yaml has no entity named 'basket' \(found: cart-api, cart\)$/,
    ],
    [
      'an unknown format',
      () => ['audit', cart, '--format', 'xml'],
      /^readiness: option '--format <format>' argument 'xml' is invalid\. Allowed choices are table, json, markdown, sarif\.$/,
    ],
    [
      'a bad --fail-under',
      () => ['audit', cart, '--fail-under', 'lots'],
      /^readiness: option '--fail-under <score>' argument 'lots' is invalid\. expected a number from 0 to 100\.$/,
    ],
    [
      'a bad --fail-on-level',
      () => ['audit', cart, '--fail-on-level', 'production-ready'],
      /^readiness: option '--fail-on-level <level>' argument 'production-ready' is invalid/,
    ],
    [
      'an unknown option',
      () => ['audit', cart, '--frmat', 'json'],
      /^readiness: unknown option '--frmat' \(Did you mean --format\?\)$/,
    ],
    [
      'an unknown command',
      () => ['audti'],
      /^readiness: unknown command 'audti' \(Did you mean audit\?\)$/,
    ],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const { code, stdout, stderr } = await runCli(args());
    expect({ code, stderr: stderr.trimEnd() }).toEqual({
      code: 2,
      stderr: expect.stringMatching(message),
    });
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });
});

describe('readiness checks and explain', () => {
  it('lists the check catalog in force as a table and as JSON', async () => {
    const table = await runCli(['checks']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /^ID\s+CATEGORY\s+SEVERITY\s+WEIGHT\s+SCOPE\s+ORIGIN\s+TITLE/,
    );
    const json = await runCli(['checks', '--format', 'json']);
    const defs = JSON.parse(json.stdout);
    expect(defs.length).toBeGreaterThan(0);
    expect(table.stdout).toContain(`${defs.length} checks in force`);
    for (const d of defs) {
      expect(d).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          category: expect.any(String),
          weight: expect.any(Number),
        }),
      );
      expect(table.stdout).toContain(d.id);
    }
    const config = join(tmp, 'disable.yaml');
    await fs.writeFile(
      config,
      `readiness:\n  checks:\n    disabled: [${defs[0].id}]\n  weights:\n    checks:\n      ${defs[1].id}: 42\n`,
    );
    const narrowed = JSON.parse(
      (await runCli(['checks', '--format', 'json', '--config', config])).stdout,
    );
    expect(narrowed).toHaveLength(defs.length - 1);
    expect(narrowed.find((d: any) => d.id === defs[1].id).weight).toBe(42);
  });

  it('explains a check: what, why, how to fix', async () => {
    const defs = JSON.parse(
      (await runCli(['checks', '--format', 'json'])).stdout,
    );
    const def = defs.find((d: any) => d.id === 'ci-pipeline') ?? defs[0];
    const { code, stdout } = await runCli(['explain', def.id]);
    expect(code).toBe(0);
    expect(stdout).toContain(`[${def.id}]`);
    expect(stdout).toContain('What it looks for');
    expect(stdout).toContain('Why it matters');
    expect(stdout).toContain('How to fix it');
    const json = JSON.parse(
      (await runCli(['explain', def.id, '--format', 'json'])).stdout,
    );
    expect(json).toMatchObject({
      id: def.id,
      remediation: def.remediation,
      disabled: false,
    });
  });

  it('prints help and the version with exit 0', async () => {
    const help = await runCli(['audit', '--help']);
    expect(help.code).toBe(0);
    for (const flag of [
      '--root',
      '--entity',
      '--name',
      '--type',
      '--config',
      '--checks',
      '--skip',
      '--format',
      '--output',
      '--fail-under',
      '--fail-on-level',
    ]) {
      expect(help.stdout).toContain(flag);
    }
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('the example repositories', () => {
  const examples = [
    'payments-api',
    'inventory-service',
    'legacy-billing',
    'ui-kit',
  ];

  it.each(examples)('%s: every format', async name => {
    const dir = join(EXAMPLES, name);
    if (!existsSync(dir)) return; // written by another change; checked once present
    const json = await runCli([
      'audit',
      dir,
      '--root',
      dir,
      '--format',
      'json',
    ]);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const card = parseJson(json.stdout);
    expect(card.score).toEqual(expect.any(Number));
    expect(card.source.entityPath).toBe('');
    for (const path of allEvidencePaths(card))
      expect(existsSync(join(dir, path))).toBe(true);
    const [table, md, sarif] = await Promise.all(
      ['table', 'markdown', 'sarif'].map(f =>
        runCli(['audit', dir, '--root', dir, '--format', f]),
      ),
    );
    expect(table.stdout).toContain(`${card.score}/100`);
    expect(md.stdout).toContain(`${card.score}/100`);
    expect(JSON.parse(sarif.stdout).runs[0].results).toHaveLength(
      card.gaps.length,
    );
  });

  it('ranks the well-kept payments-api above the legacy billing system', async () => {
    const good = join(EXAMPLES, 'payments-api');
    const legacy = join(EXAMPLES, 'legacy-billing');
    if (!existsSync(good) || !existsSync(legacy)) return;
    const [a, b] = await Promise.all(
      [good, legacy].map(d =>
        runCli(['audit', d, '--root', d, '--format', 'json']),
      ),
    );
    expect(parseJson(a.stdout).score).toBeGreaterThan(
      parseJson(b.stdout).score,
    );
    const gate = await runCli([
      'audit',
      legacy,
      '--root',
      legacy,
      '--fail-on-level',
      'almost-ready',
    ]);
    expect(gate.code).toBe(1);
  });

  it('shop-monorepo: finds the root from a service folder, as the backend does for a source location in a subfolder', async () => {
    const shop = join(EXAMPLES, 'shop-monorepo');
    if (!existsSync(join(shop, 'services', 'cart'))) return;
    // the example lives inside this repository: copy it and make it a repository of its own
    const copy = join(tmp, 'shop-monorepo');
    await fs.cp(shop, copy, { recursive: true });
    await fs.mkdir(join(copy, '.git'), { recursive: true });
    const discovered = await runCli([
      'audit',
      join(copy, 'services', 'cart'),
      '--format',
      'json',
    ]);
    const named = await runCli([
      'audit',
      join(shop, 'services', 'cart'),
      '--root',
      shop,
      '--format',
      'json',
    ]);
    expect(discovered.code).toBe(0);
    const a = parseJson(discovered.stdout);
    const b = parseJson(named.stdout);
    expect(a.source.entityPath).toBe('services/cart');
    expect(a.score).toBe(b.score);
    expect(a.checks.map(c => [c.checkId, c.status, c.score])).toEqual(
      b.checks.map(c => [c.checkId, c.status, c.score]),
    );
    const rootPaths = allEvidencePaths(a).filter(
      p => !p.startsWith('services/'),
    );
    for (const path of rootPaths)
      expect(existsSync(join(copy, path))).toBe(true);
  });
});
