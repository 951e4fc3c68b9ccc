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
  // One pass over the segments: this runs on every path of every audit.
  for (const seg of path.split('/')) {
    if (NOT_OWN_CODE.has(seg) || FIXTURE_DIRS.has(seg)) return false;
  }
  return true;
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

// Patterns are matched as picomatch(pattern, { dot: true }) does on POSIX.
// Paths here always use '/', so Windows' backslash handling changes nothing.
const GLOB_OPTIONS = { dot: true, windows: false };

// Compiling a pattern costs far more than matching it: compile each once.
// Patterns come from the checks' code, a bounded set.
const predicateCache = new Map<string, (input: string) => boolean>();

/**
 * One glob pattern as a predicate, with picomatch's semantics (an empty input
 * never matches; an input equal to the pattern always does) but without the
 * result object picomatch's matcher allocates on every call.
 * @internal
 */
export function globPredicate(pattern: string): (input: string) => boolean {
  let predicate = predicateCache.get(pattern);
  if (!predicate) {
    const re = picomatch.makeRe(pattern, GLOB_OPTIONS);
    predicate = input => input !== '' && (input === pattern || re.test(input));
    predicateCache.set(pattern, predicate);
  }
  return predicate;
}

/** The file name of a path: what a pattern without a slash matches. @internal */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** True when a glob pattern matches by name (at any depth), not by path. @internal */
export function isNamePattern(pattern: string): boolean {
  return !pattern.includes('/');
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
    const byName = list.filter(isNamePattern).map(p => globPredicate(p));
    const byPath = list.filter(p => !isNamePattern(p)).map(p => globPredicate(p));
    matcher = (path: string) => {
      if (byPath.some(match => match(path))) return true;
      if (byName.length === 0) return false;
      const name = baseName(path);
      return byName.some(match => match(name));
    };
    matcherCache.set(key, matcher);
  }
  return matcher;
}
