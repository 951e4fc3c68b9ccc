import { outcome, ReadinessCheck } from '../api/check';
import { ciFiles } from '../facts/ci';
import { matchInCi } from '../facts/cicdFacts';
import { findDependency } from '../facts/dependencies';
import { FindOptions, lineOf, RepoView, TextFile } from '../facts/RepoView';
import { relativeTo } from '../facts/paths';

// ---------------------------------------------------------------- tests-present

const CODE_EXT = /\.(js|jsx|ts|tsx|mjs|cjs|py|go|java|kt|rs|cs|rb|php|scala)$/;

const TEST_NAME = [
  /\.(test|spec)\.(js|jsx|ts|tsx|mjs|cjs)$/,
  /(^|\/)test_[^/]*\.py$/,
  /_test\.(py|go|rb)$/,
  /_spec\.rb$/,
  /Tests?\.(cs|java|kt|php|scala)$/,
  /Spec\.(scala|kt)$/,
];

// Folders that hold tests (`src/test/**`, `tests/*.rs`, `__tests__/`, mocha's `test/`, rspec's `spec/`).
const TEST_DIR = /(^|\/)(__tests__|tests?|spec|e2e)\//;

/** Files that are neither tests nor source: configs, declarations, generated code, boilerplate. */
const NOT_SOURCE = [
  /\.d\.ts$/,
  /(^|\/)[^/]*\.config\.(js|ts|mjs|cjs)$/,
  /(^|\/)\.[^/]+\.(js|cjs|mjs|ts)$/, // .eslintrc.js, .prettierrc.cjs
  /\.(generated|gen)\.[a-z]+$/,
  /_gen\.go$|\.pb\.go$|_pb2(_grpc)?\.py$|\.pb\.(js|ts)$/,
  /\.min\.js$/,
  /\.stories\.(js|jsx|ts|tsx|mdx)$/,
  /(^|\/)(generated|__generated__|migrations)\//,
  /(^|\/)(__init__|conftest)\.py$/,
];

// One alternation per list: the same answers as `list.some(re => re.test(path))`, one scan per path.
const anyOf = (list: RegExp[]) =>
  new RegExp(list.map(re => `(?:${re.source})`).join('|'));
const IS_TEST_NAME = anyOf(TEST_NAME);
const IS_NOT_SOURCE = anyOf(NOT_SOURCE);

/** Test and source files of the entity, relative classification done on entity-relative paths. */
export async function testInventory(
  repo: RepoView,
): Promise<{ tests: string[]; sources: string[] }> {
  return repo.memo('testing:inventory', async () => {
    const tests: string[] = [];
    const sources: string[] = [];
    for (const path of repo.entityFiles()) {
      const rel = relativeTo(path, repo.entityPath) ?? path;
      if (!CODE_EXT.test(rel) || IS_NOT_SOURCE.test(rel)) continue;
      if (IS_TEST_NAME.test(rel) || TEST_DIR.test(rel)) tests.push(path);
      else sources.push(path);
    }
    // Rust keeps unit tests inline: a source file with a `#[cfg(test)]` module is also a test file.
    const rust = sources.filter(p => p.endsWith('.rs'));
    for (const f of await repo.readAll(rust)) {
      if (/#\[cfg\(test\)\]/.test(f.text)) tests.push(f.path);
    }
    return { tests, sources };
  });
}

/** @public */
export const testsPresentCheck: ReadinessCheck = {
  id: 'tests-present',
  title: 'Tests exist',
  category: 'testing',
  severity: 'high',
  description:
    'Counts test files (`*.test|spec.{js,jsx,ts,tsx}`, `__tests__/`, `test_*.py`, `*_test.py`, `*_test.go`, `src/test/**`, `tests/*.rs` and Rust `#[cfg(test)]` modules, `*Tests.cs`, rspec `*_spec.rb`) against source files (.js .jsx .ts .tsx .py .go .java .kt .rs .cs .rb .php .scala, without tests, config files, type declarations, generated or vendored code). Full score at 0.3 test files per source file or more, linear below. Not applicable without source files.',
  rationale:
    'Without automated tests every change is verified by hand or in production, and refactoring becomes risky.',
  remediation:
    'Add unit tests for the core code paths (request handlers, business logic, data access) and run them in CI; aim for about one test file per three source files or more.',
  effort: 'L',
  scope: 'repository',
  async applies({ repo }) {
    const { sources } = await testInventory(repo);
    return sources.length
      ? true
      : { reason: 'The entity has no source code files' };
  },
  async run({ repo }) {
    const { tests, sources } = await testInventory(repo);
    const ratio = tests.length / sources.length;
    const summary = `${tests.length} test file(s) for ${
      sources.length
    } source file(s) (ratio ${ratio.toFixed(2)}, full score at 0.30)`;
    if (!tests.length)
      return outcome.fail(`No test files for ${sources.length} source file(s)`);
    return outcome.scored(
      (Math.min(ratio, 0.3) / 0.3) * 100,
      summary,
      tests.slice(0, 3).map(p => repo.evidence(p)),
    );
  },
};

// ---------------------------------------------------------- tests-coverage-gate

/** A coverage signal: a tool that measures, or a threshold that enforces (percent, when known). */
interface CoverageSignal {
  path: string;
  line?: number;
  what: string;
  threshold?: number | 'unknown';
}

/** The text of a `{ ... }` block that follows the first match of `key`. */
function blockAfter(
  text: string,
  key: RegExp,
): { body: string; index: number } | undefined {
  const m = key.exec(text);
  if (!m) return undefined;
  const open = text.indexOf('{', m.index);
  if (open < 0) return undefined;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0)
      return { body: text.slice(open, i + 1), index: m.index };
  }
  return undefined;
}

/** The threshold of a jest/vitest/nyc block: lines, else statements, else the lowest metric. */
function metricThreshold(body: string): number | 'unknown' {
  if (/\b100\s*:\s*true\b/.test(body)) return 100;
  const metrics = new Map<string, number>();
  for (const m of body.matchAll(
    /["']?\b(lines|statements|branches|functions)["']?\s*[:=]\s*(-?\d+(?:\.\d+)?)/g,
  )) {
    const value = Number(m[2]);
    if (value > 0 && !metrics.has(m[1])) metrics.set(m[1], value); // negative = max uncovered count
  }
  const value =
    metrics.get('lines') ??
    metrics.get('statements') ??
    Math.min(...metrics.values());
  return Number.isFinite(value) ? value : 'unknown';
}

function at(
  file: TextFile,
  index: number,
  what: string,
  threshold?: number | 'unknown',
): CoverageSignal {
  return {
    path: file.path,
    line: lineOf(file.text, index),
    what,
    ...(threshold !== undefined ? { threshold } : {}),
  };
}

function first(
  file: TextFile,
  pattern: RegExp,
  what: string,
): CoverageSignal | undefined {
  const m = pattern.exec(file.text);
  return m ? at(file, m.index, what) : undefined;
}

/** Thresholds written as command-line flags (CI steps, npm scripts, pytest addopts). */
const FLAG_THRESHOLDS: [RegExp, string][] = [
  [/--cov-fail-under[= ]\s*(\d+(?:\.\d+)?)/, '--cov-fail-under'],
  [/--fail-under(?:-lines)?[= ]\s*(\d+(?:\.\d+)?)/, '--fail-under'],
  [/--check-coverage\b[^\n]*--lines[= ]\s*(\d+)/, '--check-coverage --lines'],
  [/\/p:Threshold=(\d+)/, 'coverlet Threshold'],
  [/\bc8\b[^\n]*--100\b/, 'c8 --100'],
];

/** Coverage tools on a command line or in a pipeline. */
const TOOL =
  /--coverage\b|--cov\b|--cov=|pytest-cov|-coverprofile|\bgo\s+test\b[^\n]*\s-cover\b|\bnyc\b|\bc8\b|jacoco|\bkover|tarpaulin|llvm-cov|codecov|coverallsapp|\bcoverlet\b|XPlat Code Coverage|CollectCoverage=true/i;

function flagSignals(file: TextFile): CoverageSignal[] {
  const out: CoverageSignal[] = [];
  for (const [re, what] of FLAG_THRESHOLDS) {
    const m = re.exec(file.text);
    if (m) out.push(at(file, m.index, what, m[1] ? Number(m[1]) : 100));
  }
  const tool = TOOL.exec(file.text);
  if (tool) out.push(at(file, tool.index, tool[0].trim()));
  return out;
}

function packageJsonSignals(file: TextFile): CoverageSignal[] {
  let json: Record<string, any>;
  try {
    json = JSON.parse(file.text);
  } catch {
    return [];
  }
  const out: CoverageSignal[] = [];
  const threshold = blockAfter(file.text, /"coverageThreshold"\s*:/);
  if (json.jest?.coverageThreshold && threshold)
    out.push(
      at(
        file,
        threshold.index,
        'jest coverageThreshold',
        metricThreshold(threshold.body),
      ),
    );
  if (json.jest?.collectCoverage === true)
    out.push(
      at(file, file.text.indexOf('"collectCoverage"'), 'jest collectCoverage'),
    );
  for (const key of ['nyc', 'c8'] as const) {
    const cfg = json[key];
    if (cfg && typeof cfg === 'object') {
      const block = blockAfter(file.text, new RegExp(`"${key}"\\s*:`));
      const enforced =
        cfg['check-coverage'] === true || cfg.checkCoverage === true;
      out.push(
        at(
          file,
          block?.index ?? 0,
          `${key} config`,
          enforced && block ? metricThreshold(block.body) : undefined,
        ),
      );
    }
  }
  const scripts = Object.values(json.scripts ?? {}).filter(
    (s): s is string => typeof s === 'string',
  );
  if (scripts.length) {
    const scriptsText = {
      path: file.path,
      text: file.text.slice(Math.max(0, file.text.indexOf('"scripts"'))),
    };
    out.push(
      ...flagSignals(scriptsText).map(s => ({
        ...s,
        line: lineOf(file.text, file.text.indexOf('"scripts"')),
      })),
    );
  }
  return out;
}

function configSignals(file: TextFile): CoverageSignal[] {
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  const out: CoverageSignal[] = [];
  const push = (s: CoverageSignal | undefined) => s && out.push(s);
  if (name === 'package.json') return packageJsonSignals(file);
  if (/^jest\.config\./.test(name)) {
    const block = blockAfter(file.text, /coverageThreshold["']?\s*:/);
    if (block)
      out.push(
        at(
          file,
          block.index,
          'jest coverageThreshold',
          metricThreshold(block.body),
        ),
      );
    push(
      first(file, /collectCoverage["']?\s*:\s*true/, 'jest collectCoverage'),
    );
  }
  if (/^(vitest|vite)\.config\./.test(name)) {
    const coverage = blockAfter(file.text, /\bcoverage\s*:/);
    if (coverage) {
      const thresholds = blockAfter(coverage.body, /\bthresholds\s*:/);
      const legacy = /\b(lines|statements)\s*:\s*\d+/.test(coverage.body);
      const gate = thresholds?.body ?? (legacy ? coverage.body : undefined);
      const what = gate ? 'vitest coverage thresholds' : 'vitest coverage';
      out.push(
        at(
          file,
          coverage.index,
          what,
          gate ? metricThreshold(gate) : undefined,
        ),
      );
    }
  }
  if (/^\.(nycrc|c8rc)/.test(name)) {
    const enforced =
      /check-coverage["']?\s*[:=]\s*true|checkCoverage["']?\s*:\s*true/.test(
        file.text,
      );
    out.push(
      at(file, 0, name, enforced ? metricThreshold(file.text) : undefined),
    );
  }
  if (
    /^(setup\.cfg|pyproject\.toml|\.coveragerc|tox\.ini|pytest\.ini)$/.test(
      name,
    )
  ) {
    const failUnder = /^\s*fail_under\s*=\s*(\d+(?:\.\d+)?)/m.exec(file.text);
    if (failUnder)
      out.push(
        at(file, failUnder.index, 'coverage fail_under', Number(failUnder[1])),
      );
    out.push(
      ...flagSignals(file).filter(
        s => s.threshold !== undefined || /cov/.test(s.what),
      ),
    );
    if (name === '.coveragerc') out.push(at(file, 0, '.coveragerc'));
    push(first(file, /^\[(tool\.coverage|coverage:)/m, 'coverage.py config'));
  }
  if (name === 'pom.xml' || name.startsWith('build.gradle')) {
    push(
      first(
        file,
        /jacoco|kover/i,
        /kover/i.test(file.text) ? 'Kover' : 'JaCoCo',
      ),
    );
    const min =
      /<minimum>\s*(\d*\.?\d+)\s*(%?)\s*<\/minimum>|\bminimum\s*=\s*"?(\d*\.?\d+)|minBound\(\s*(\d+)/.exec(
        file.text,
      );
    if (min) {
      const raw = Number(min[1] ?? min[3] ?? min[4]);
      const percent = min[2] || min[4] || raw > 1 ? raw : raw * 100;
      out.push(at(file, min.index, 'coverage minimum', percent));
    }
  }
  if (/^\.?codecov\.ya?ml$/.test(name)) {
    const target = /\btarget\s*:\s*["']?(\d+(?:\.\d+)?)%?/.exec(file.text);
    out.push(
      target
        ? at(file, target.index, 'codecov target', Number(target[1]))
        : at(file, 0, 'codecov'),
    );
  }
  if (/^\.testcoverage\.ya?ml$/.test(name)) {
    const total = /\btotal\s*:\s*(\d+)/.exec(file.text);
    out.push(
      at(
        file,
        total?.index ?? 0,
        'go-test-coverage',
        total ? Number(total[1]) : undefined,
      ),
    );
  }
  if (name === 'tarpaulin.toml') {
    const fail = /fail-under\s*=\s*(\d+(?:\.\d+)?)/.exec(file.text);
    out.push(
      at(
        file,
        fail?.index ?? 0,
        'tarpaulin',
        fail ? Number(fail[1]) : undefined,
      ),
    );
  }
  return out;
}

const CONFIG_FILES = [
  'package.json',
  'jest.config.*',
  'vitest.config.*',
  'vite.config.*',
  '.nycrc',
  '.nycrc.*',
  '.c8rc',
  '.c8rc.*',
  'setup.cfg',
  'pyproject.toml',
  '.coveragerc',
  'tox.ini',
  'pytest.ini',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'codecov.yml',
  'codecov.yaml',
  '.codecov.yml',
  '.codecov.yaml',
  '.github/codecov.yml',
  '.testcoverage.yml',
  '.testcoverage.yaml',
  'tarpaulin.toml',
];

async function coverageSignals(repo: RepoView): Promise<CoverageSignal[]> {
  const root: FindOptions = { scope: 'root' };
  const paths = new Set(repo.find(CONFIG_FILES));
  // Root-level configs (codecov.yml, a workspace jest config) govern a monorepo's packages too.
  for (const p of repo.find(CONFIG_FILES, root))
    if (!p.includes('/') || p.startsWith('.github/')) paths.add(p);
  const out = (await repo.readAll([...paths])).flatMap(configSignals);
  for (const file of await ciFiles(repo)) {
    for (const [re, what] of FLAG_THRESHOLDS) {
      const m = await matchInCi(repo, file, re);
      if (m)
        out.push({
          path: m.path,
          line: m.line,
          what,
          threshold: Number(re.exec(m.text)?.[1] ?? 100),
        });
    }
    const tool = await matchInCi(repo, file, TOOL);
    if (tool) out.push({ path: tool.path, line: tool.line, what: tool.text });
  }
  const dep = await findDependency(repo, ['pytest-cov', 'coverage'], {
    includeDev: true,
  });
  if (dep) out.push({ path: dep.path, line: dep.line, what: dep.name });
  return out;
}

/** @public */
export const testsCoverageGateCheck: ReadinessCheck = {
  id: 'tests-coverage-gate',
  title: 'Coverage measured and enforced',
  category: 'testing',
  severity: 'medium',
  description:
    'Looks for a coverage tool (40): `--coverage`, jest `collectCoverage`, vitest coverage, nyc, c8, pytest-cov, `-coverprofile`, JaCoCo, Kover, tarpaulin, the codecov action; a threshold (70): jest `coverageThreshold`, vitest `thresholds`, `fail_under`, `--cov-fail-under`, JaCoCo `<minimum>`, a numeric codecov target; a threshold of 80% or more scores 100. Reads package.json, jest/vitest configs, .nycrc, setup.cfg, pyproject.toml, .coveragerc, pytest.ini, tox.ini, pom.xml, build.gradle, codecov.yml and the CI files.',
  rationale:
    'Coverage that is measured but not enforced drifts down; a gate in CI keeps untested code from being merged unnoticed.',
  remediation:
    'Measure coverage in CI and fail the build below 80% (for example jest `coverageThreshold: { global: { lines: 80 } }`, pytest `--cov-fail-under=80` or a JaCoCo `check` rule with `<minimum>0.80</minimum>`).',
  effort: 'S',
  scope: 'repository',
  async run({ repo }) {
    const signals = await coverageSignals(repo);
    const gates = signals.filter(s => s.threshold !== undefined);
    const known = gates.filter(
      (s): s is CoverageSignal & { threshold: number } =>
        typeof s.threshold === 'number',
    );
    const best = known.sort((a, b) => b.threshold - a.threshold)[0] ?? gates[0];
    const evidence = (s: CoverageSignal) => [
      repo.evidence(s.path, s.line, s.what),
    ];
    if (best && typeof best.threshold === 'number' && best.threshold >= 80) {
      return outcome.pass(
        `Coverage gate at ${best.threshold}% (${best.what} in ${best.path})`,
        evidence(best),
      );
    }
    if (best) {
      const level =
        typeof best.threshold === 'number'
          ? `${best.threshold}%`
          : 'an unparsed level';
      return outcome.scored(
        70,
        `Coverage gate at ${level}, below 80% (${best.what} in ${best.path})`,
        evidence(best),
      );
    }
    if (signals.length) {
      return outcome.scored(
        40,
        `Coverage measured (${signals[0].what} in ${signals[0].path}) but no threshold enforced`,
        evidence(signals[0]),
      );
    }
    return outcome.fail('No coverage tool or threshold found');
  },
};

/** The testing checks of CHECKS.md. @public */
export const testingChecks: ReadinessCheck[] = [
  testsPresentCheck,
  testsCoverageGateCheck,
];
