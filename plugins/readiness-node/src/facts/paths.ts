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

/** A whole segment of a path that is one of the folders. */
const NOT_SIGNAL_SEGMENT = new RegExp(
  `(?:^|/)(?:${[...NOT_OWN_CODE, ...FIXTURE_DIRS].map(dir => dir.replace(/[.]/g, '\\.')).join('|')})(?:/|$)`,
);

/** True for files that carry code signals: not vendored, not built, not fixtures. @public */
export function isCodeSignalPath(path: string): boolean {
  // One regular expression, no split: this runs on every path of every audit.
  return !NOT_SIGNAL_SEGMENT.test(path);
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

// Characters picomatch matches literally (it escapes them). Literal ends are
// taken only from patterns of these and plain glob syntax (*, ?, [...],
// {a,b}), without '..' (brace ranges), './' (stripped) or '//': negation,
// extglobs, quotes and escapes read otherwise.
const LITERAL_HEAD = /^[\w./-]*/;
const LITERAL_TAIL = /[\w.-]+$/;
const PLAIN_GLOB = /^(?!.*(?:\.\.|\.\/|\/\/))[\w./*?{},[\]-]+$/;

/**
 * The text every input a pattern matches starts and ends with: its literal
 * head, up to its last '/' (`a/**` matches `a`), and its literal last
 * characters. An input ending in '/' may match without the tail (`*.yml`
 * matches `x.yml/`).
 */
function literalEnds(pattern: string): { head: string; tail: string } {
  if (!PLAIN_GLOB.test(pattern)) return { head: '', tail: '' };
  const run = LITERAL_HEAD.exec(pattern)![0];
  const slash = run.lastIndexOf('/');
  return { head: slash < 0 ? run : run.slice(0, slash), tail: LITERAL_TAIL.exec(pattern)?.[0] ?? '' };
}

interface CompiledGlob {
  match: (input: string) => boolean;
  /** See requiredStart. */
  head: string;
  /** See requiredExtension. */
  extension?: string;
}

// Compiling a pattern costs far more than matching it: compile each once.
// Patterns come from the checks' code, a bounded set.
const globCache = new Map<string, CompiledGlob>();

function compiled(pattern: string): CompiledGlob {
  let glob = globCache.get(pattern);
  if (!glob) {
    const re = picomatch.makeRe(pattern, GLOB_OPTIONS);
    // A search tests every pattern against every path: the literal ends rule
    // out nearly all of them before the regular expression runs.
    const { head, tail } = literalEnds(pattern);
    const dot = tail.lastIndexOf('.');
    glob = {
      match: input =>
        input !== '' &&
        (input === pattern ||
          (input.startsWith(head) && (input.endsWith(tail) || input.endsWith('/')) && re.test(input))),
      head,
      extension: dot < 0 ? undefined : tail.slice(dot + 1),
    };
    globCache.set(pattern, glob);
  }
  return glob;
}

/**
 * One glob pattern as a predicate, with picomatch's semantics (an empty input
 * never matches; an input equal to the pattern always does) but without the
 * result object picomatch's matcher allocates on every call.
 * @internal
 */
export function globPredicate(pattern: string): (input: string) => boolean {
  return compiled(pattern).match;
}

/**
 * The extension of every file a pattern matches, from its literal last
 * characters (`yml` for `docker-compose*.yml`), or undefined. Holds for paths
 * that do not end in '/' (see literalEnds).
 * @internal
 */
export function requiredExtension(pattern: string): string | undefined {
  return compiled(pattern).extension;
}

/** The text every input a pattern matches starts with (its literal head, see literalEnds), or ''. @internal */
export function requiredStart(pattern: string): string {
  return compiled(pattern).head;
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
