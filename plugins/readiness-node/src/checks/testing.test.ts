import { runCheck } from './testUtils';
import {
  testingChecks,
  testsCoverageGateCheck,
  testsPresentCheck,
} from './testing';

const src = (n: number, dir = 'src', ext = 'ts') =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `${dir}/m${i}.${ext}`,
      'export const x = 1;',
    ]),
  );

describe('testingChecks', () => {
  it('exports both checks', () => {
    expect(testingChecks.map(c => c.id)).toEqual([
      'tests-present',
      'tests-coverage-gate',
    ]);
  });
});

describe('tests-present', () => {
  it('passes at a ratio of 0.3 or more', async () => {
    const r = await runCheck(testsPresentCheck, {
      ...src(10),
      'src/a.test.ts': '',
      'src/b.spec.tsx': '',
      'src/__tests__/c.ts': '',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.summary).toContain('3 test file(s) for 10 source file(s)');
    expect(r.evidence[0].path).toMatch(/^src\//);
  });

  it('scores linearly below 0.3', async () => {
    // 1 test for 10 sources: 0.1 / 0.3 = 33
    const r = await runCheck(testsPresentCheck, {
      ...src(10, 'app', 'py'),
      'tests/test_app.py': '',
    });
    expect(r).toMatchObject({ status: 'partial', score: 33 });
  });

  it('does not count configs, declarations, generated code or vendored files as source', async () => {
    const r = await runCheck(testsPresentCheck, {
      'src/main.go': 'package main',
      'src/main_test.go': 'package main',
      'jest.config.js': '',
      'types.d.ts': '',
      'api.pb.go': '',
      'vendor/x/y.go': '',
      'node_modules/a/index.js': '',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.summary).toContain('1 test file(s) for 1 source file(s)');
  });

  it('counts Java src/test and Rust inline test modules', async () => {
    const java = await runCheck(testsPresentCheck, {
      'src/main/java/A.java': 'class A {}',
      'src/main/java/B.java': 'class B {}',
      'src/test/java/ATest.java': '',
    });
    expect(java).toMatchObject({ status: 'pass', score: 100 });
    const rust = await runCheck(testsPresentCheck, {
      'src/lib.rs': 'fn a() {}\n#[cfg(test)]\nmod tests {}',
    });
    expect(rust).toMatchObject({ status: 'pass', score: 100 });
  });

  it('fails without tests', async () => {
    const r = await runCheck(testsPresentCheck, {
      ...src(4),
      'fixtures/a.test.ts': '',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('looks only in the entity folder of a monorepo', async () => {
    const r = await runCheck(
      testsPresentCheck,
      { 'services/a/main.py': '', 'services/b/test_main.py': '' },
      { entityPath: 'services/a' },
    );
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('is N/A without source files', async () => {
    const r = await runCheck(testsPresentCheck, {
      'README.md': '# docs',
      'chart/values.yaml': 'a: 1',
    });
    expect(r.status).toBe('not-applicable');
  });
});

describe('tests-coverage-gate', () => {
  it('passes on a jest coverageThreshold of 80 in package.json', async () => {
    const r = await runCheck(testsCoverageGateCheck, {
      'package.json': JSON.stringify(
        {
          jest: { coverageThreshold: { global: { branches: 70, lines: 85 } } },
        },
        null,
        2,
      ),
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0]).toMatchObject({ path: 'package.json', line: 3 });
  });

  it('passes on pytest --cov-fail-under=90 in CI', async () => {
    const r = await runCheck(testsCoverageGateCheck, {
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  t:\n    steps:\n      - run: pytest --cov=app --cov-fail-under=90\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0]).toMatchObject({
      path: '.github/workflows/ci.yml',
      line: 5,
    });
  });

  it('follows make from CI for every pattern, and ignores commented-out steps', async () => {
    const r = await runCheck(testsCoverageGateCheck, {
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  t:\n    steps:\n      # - run: pytest --cov-fail-under=95\n      - run: make test\n',
      Makefile: 'test:\n\tpytest --cov=app --cov-fail-under=85\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.summary).toContain('85%');
    expect(r.evidence[0]).toMatchObject({
      path: '.github/workflows/ci.yml',
      line: 6,
    });
  });

  it('passes on a JaCoCo minimum of 0.80', async () => {
    const r = await runCheck(testsCoverageGateCheck, {
      'pom.xml':
        '<project><build><plugins><plugin><artifactId>jacoco-maven-plugin</artifactId>\n<configuration><rules><rule><limits><limit>\n<minimum>0.80</minimum>\n</limit></limits></rule></rules></configuration></plugin></plugins></build></project>',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0]).toMatchObject({ path: 'pom.xml', line: 3 });
  });

  it('gives 70 to a threshold below 80', async () => {
    const cfg = await runCheck(testsCoverageGateCheck, {
      'pyproject.toml': '[tool.coverage.report]\nfail_under = 60\n',
    });
    expect(cfg).toMatchObject({ status: 'partial', score: 70 });
    const codecov = await runCheck(testsCoverageGateCheck, {
      'codecov.yml':
        'coverage:\n  status:\n    project:\n      default:\n        target: 75%\n',
    });
    expect(codecov).toMatchObject({ status: 'partial', score: 70 });
    const vitest = await runCheck(testsCoverageGateCheck, {
      'vitest.config.ts':
        "export default { test: { coverage: { provider: 'v8', thresholds: { lines: 50 } } } };",
    });
    expect(vitest).toMatchObject({ status: 'partial', score: 70 });
  });

  it('gives 40 to a tool without a threshold', async () => {
    const r = await runCheck(testsCoverageGateCheck, {
      'package.json': '{"scripts":{"test":"jest --coverage"}}',
      'codecov.yml':
        'coverage:\n  status:\n    project:\n      default:\n        target: auto\n',
    });
    expect(r).toMatchObject({ status: 'partial', score: 40 });
  });

  it('fails without coverage, and ignores a threshold in node_modules', async () => {
    const r = await runCheck(testsCoverageGateCheck, {
      'package.json': '{"scripts":{"test":"jest"}}',
      'node_modules/x/jest.config.js':
        'module.exports = { coverageThreshold: { global: { lines: 90 } } }',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });
});
