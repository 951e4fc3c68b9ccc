import picomatch from 'picomatch';

// Folders whose files are not the service's own code: dependencies, build
// output, caches. Code signals skip them.
const NOT_OWN_CODE = new Set([
  'node_modules',
  'vendor',
  'third_party',
  'third-party',
  '.git',
  'dist',
  'build',
  'out',
  'target',
  'obj',
  'bin',
  '.next',
  '.nuxt',
  'coverage',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  'site-packages',
  '.gradle',
  '.terraform',
  'bower_components',
]);

// Test fixtures and sample data hold files that only look like signals.
const FIXTURE_DIRS = new Set([
  'fixtures',
  '__fixtures__',
  'testdata',
  'test-data',
  'test_data',
  '__snapshots__',
  '__mocks__',
]);

/** True for paths inside dependency, build or cache folders. @public */
export function isNotOwnCode(path: string): boolean {
  return path.split('/').some(seg => NOT_OWN_CODE.has(seg));
}

/** True for paths inside test fixture folders. @public */
export function isFixture(path: string): boolean {
  return path.split('/').some(seg => FIXTURE_DIRS.has(seg));
}

/** True for files that carry code signals: not vendored, not built, not fixtures. @public */
export function isCodeSignalPath(path: string): boolean {
  return !isNotOwnCode(path) && !isFixture(path);
}

/** True for documentation paths, where examples of secrets and commands are prose. @public */
export function isDocPath(path: string): boolean {
  return /\.(md|mdx|rst|adoc|txt)$/i.test(path) || /(^|\/)docs?\//i.test(path);
}

/** The path relative to `folder` ('' = root), or undefined when outside it. @public */
export function relativeTo(path: string, folder: string): string | undefined {
  if (!folder) return path;
  return path.startsWith(`${folder}/`) ? path.slice(folder.length + 1) : undefined;
}

const matcherCache = new Map<string, (path: string) => boolean>();

/**
 * Compiles glob patterns: a pattern without a slash matches a file name at
 * any depth (`Dockerfile`), one with a slash matches the path
 * (`.github/workflows/*.yml`). Case-sensitive, dotfiles included.
 * @public
 */
export function globMatcher(patterns: string | readonly string[]): (path: string) => boolean {
  const list = typeof patterns === 'string' ? [patterns] : patterns;
  const key = list.join('\u0000');
  let matcher = matcherCache.get(key);
  if (!matcher) {
    const byName = list.filter(p => !p.includes('/'));
    const byPath = list.filter(p => p.includes('/'));
    const nameMatch = byName.length ? picomatch(byName, { dot: true }) : undefined;
    const pathMatch = byPath.length ? picomatch(byPath, { dot: true }) : undefined;
    matcher = (path: string) => {
      if (pathMatch?.(path)) return true;
      if (!nameMatch) return false;
      const slash = path.lastIndexOf('/');
      return nameMatch(slash >= 0 ? path.slice(slash + 1) : path);
    };
    matcherCache.set(key, matcher);
  }
  return matcher;
}
