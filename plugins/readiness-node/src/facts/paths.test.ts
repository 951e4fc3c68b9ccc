import picomatch from 'picomatch';
import { globMatcher, globPredicate, isCodeSignalPath, isFixture, isNotOwnCode } from './paths';

const PATTERNS = [
  'Dockerfile',
  '.env',
  '..',
  'a-b_c.d',
  '*.ts',
  '*.Dockerfile',
  'Dockerfile.*',
  'README*',
  '*.{js,ts}',
  '.env*',
  'a[b].txt',
  'a(b).txt',
  '!*.md',
  '.github/workflows/*.yml',
  '**/config/*',
  'docs/**',
];
const INPUTS = [
  '',
  'Dockerfile',
  'Dockerfile.prod',
  'x.Dockerfile',
  'dockerfile',
  '.env',
  '.env.local',
  '..',
  '.',
  'a-b_c.d',
  'a-b_c.dd',
  '.ts',
  '..ts',
  'a.d.ts',
  'ts',
  'README',
  'README.md',
  'a[b].txt',
  'ab.txt',
  'a(b).txt',
  'x.js',
  '.github/workflows/ci.yml',
  'src/config/app.yaml',
  'config/a',
  'docs/a/b.md',
  'a/Dockerfile',
];

describe('globPredicate', () => {
  it('matches as picomatch(pattern, { dot: true }) does', () => {
    for (const pattern of PATTERNS) {
      const expected = picomatch(pattern, { dot: true });
      const actual = globPredicate(pattern);
      for (const input of INPUTS) {
        expect([pattern, input, actual(input)]).toEqual([pattern, input, expected(input)]);
      }
    }
  });

  it('rejects an empty pattern, as picomatch does', () => {
    expect(() => globPredicate('')).toThrow();
  });
});

describe('globMatcher', () => {
  it('matches names at any depth and paths from the start', () => {
    const match = globMatcher(['Dockerfile', '.github/workflows/*.yml']);
    expect(match('Dockerfile')).toBe(true);
    expect(match('services/api/Dockerfile')).toBe(true);
    expect(match('.github/workflows/ci.yml')).toBe(true);
    expect(match('x/.github/workflows/ci.yml')).toBe(false);
    expect(match('Dockerfile/x')).toBe(false);
  });
});

describe('code signal paths', () => {
  it('leaves out dependency, build and fixture folders, by whole segment', () => {
    for (const [path, notOwn, fixture] of [
      ['src/index.ts', false, false],
      ['node_modules/x/index.js', true, false],
      ['a/dist/b.js', true, false],
      ['distance/b.js', false, false],
      ['test/fixtures/Dockerfile', false, true],
      ['build/__mocks__/x.ts', true, true],
    ] as const) {
      expect([path, isNotOwnCode(path), isFixture(path)]).toEqual([path, notOwn, fixture]);
      expect([path, isCodeSignalPath(path)]).toEqual([path, !notOwn && !fixture]);
    }
  });
});
