import { Evidence } from '@prodready/plugin-readiness-common';
import { RepositorySnapshot } from '../snapshot/RepositorySnapshot';
import { mayMatch } from './hints';
import {
  baseName,
  globPredicate,
  isCodeSignalPath,
  isNamePattern,
  relativeTo,
  requiredExtension,
  requiredStart,
} from './paths';

/**
 * Where to look:
 * - `entity`: the entity's folder (code signals; the root for a single-service repo);
 * - `root`: paths from the repository root (CI, security and dependency-bot files);
 * - `repo`: anywhere in the repository.
 * @public
 */
export type SearchScope = 'entity' | 'root' | 'repo';

/** Options of {@link RepoView.find}. @public */
export interface FindOptions {
  scope?: SearchScope;
  /** Keep dependency, build and fixture folders (default false). */
  includeNotOwnCode?: boolean;
}

/** A file with its text. @public */
export interface TextFile {
  path: string;
  text: string;
}

// Name patterns that need no glob engine: a literal name (`Dockerfile`) is
// looked up by name, `*.ext` by the name's last extension. For these
// characters picomatch matches exactly the literal text.
const LITERAL_NAME = /^[\w.-]+$/;
const BY_EXTENSION = /^\*\.(?:([\w-]+)|\{([\w-]+(?:,[\w-]+)+)\})$/;

/** The extensions of `*.ext` or `*.{ext1,ext2}`, which match exactly the names with one of them. */
function nameExtensions(pattern: string): string[] | undefined {
  const m = BY_EXTENSION.exec(pattern);
  if (!m) return undefined;
  return m[1] !== undefined ? [m[1]] : m[2].split(',');
}

/** The union of two ascending index lists, ascending; one of them when the other is empty (most are). */
function union(a: readonly number[], b: readonly number[]): readonly number[] {
  if (!b.length) return a;
  if (!a.length) return b;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (out[out.length - 1] !== next) out.push(next);
  }
  return out;
}

function addTo(index: Map<string, number[]>, key: string, value: number) {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/**
 * The files one kind of search looks at (the entity's folder or the whole
 * repository; own code or all), each with the text patterns match: its path
 * relative to the search's folder, and its name. Each pattern is matched
 * once; a search is the union of its patterns' files, in snapshot order.
 */
class SearchSpace {
  /** The files, in snapshot order. */
  readonly paths: string[] = [];
  readonly #keys: string[] = [];
  readonly #names: string[] = [];
  readonly #byName = new Map<string, number[]>();
  readonly #byExtension = new Map<string, number[]>();
  readonly #hits = new Map<string, readonly number[]>();
  /** A key ending in '/' (never in a listing) may match a glob without its literal tail. */
  #slashEnded = false;
  /** Names' and keys' indexes by their first character, made on first use. */
  #namesByFirst?: Map<string, number[]>;
  #keysByFirst?: Map<string, number[]>;

  constructor(paths: readonly string[], keyOf: (path: string) => string | undefined) {
    for (const path of paths) {
      const key = keyOf(path);
      if (key === undefined) continue;
      if (key.endsWith('/')) this.#slashEnded = true;
      const index = this.paths.length;
      const name = baseName(key);
      this.paths.push(path);
      this.#keys.push(key);
      this.#names.push(name);
      addTo(this.#byName, name, index);
      const dot = name.lastIndexOf('.');
      if (dot >= 0) addTo(this.#byExtension, name.slice(dot + 1), index);
    }
  }

  find(patterns: readonly string[]): string[] {
    let hits: readonly number[] = [];
    for (const pattern of patterns) hits = union(hits, this.#hitsOf(pattern));
    return hits.map(i => this.paths[i]);
  }

  /** Indexes of the files a pattern matches, ascending. */
  #hitsOf(pattern: string): readonly number[] {
    let hits = this.#hits.get(pattern);
    if (!hits) {
      hits = this.#match(pattern);
      this.#hits.set(pattern, hits);
    }
    return hits;
  }

  #match(pattern: string): readonly number[] {
    const byName = isNamePattern(pattern);
    if (byName && LITERAL_NAME.test(pattern)) return this.#byName.get(pattern) ?? [];
    const extensions = byName ? nameExtensions(pattern) : undefined;
    if (extensions) return extensions.reduce((hits, e) => union(hits, this.#byExtension.get(e) ?? []), [] as readonly number[]);
    const match = globPredicate(pattern);
    const inputs = byName ? this.#names : this.#keys;
    const hits: number[] = [];
    const candidates = this.#candidates(pattern, byName);
    if (candidates) {
      for (const i of candidates) if (match(inputs[i])) hits.push(i);
      return hits;
    }
    for (let i = 0; i < inputs.length; i++) if (match(inputs[i])) hits.push(i);
    return hits;
  }

  /**
   * The only files a glob can match, ascending, or undefined for all: those
   * with the extension its literal end names (`.yml`), or those whose name
   * (key) starts as its literal head does (`jest.config.`), whichever are fewer.
   */
  #candidates(pattern: string, byName: boolean): readonly number[] | undefined {
    const extension = this.#slashEnded ? undefined : requiredExtension(pattern);
    const byExtension = extension === undefined ? undefined : this.#byExtension.get(extension) ?? [];
    const head = requiredStart(pattern);
    const byHead = head ? this.#byFirst(byName).get(head[0]) ?? [] : undefined;
    if (!byExtension || !byHead) return byExtension ?? byHead;
    return byExtension.length <= byHead.length ? byExtension : byHead;
  }

  #byFirst(byName: boolean): Map<string, number[]> {
    let index = byName ? this.#namesByFirst : this.#keysByFirst;
    if (!index) {
      index = new Map();
      const inputs = byName ? this.#names : this.#keys;
      for (let i = 0; i < inputs.length; i++) addTo(index, inputs[i].charAt(0), i);
      if (byName) this.#namesByFirst = index;
      else this.#keysByFirst = index;
    }
    return index;
  }
}

/**
 * The repository as checks see it: file search by glob and scope, cached
 * reads, evidence links, and a per-audit memo for derived facts so that
 * checks sharing a fact (the parsed CI files, say) compute it once.
 * @public
 */
export class RepoView {
  readonly #memo = new Map<string, Promise<unknown>>();
  readonly #texts = new Map<string, Promise<string | undefined>>();
  // The snapshot's paths never change: the service's own files, the indexed
  // files of each kind of search and each pattern's files in it are computed
  // once per audit (checks repeat patterns, within and across searches). A
  // search is the union of its patterns' files: cheaper than a cache of
  // searches keyed by their joined pattern lists.
  readonly #spaces: (SearchSpace | undefined)[] = [];
  #ownPaths?: readonly string[];

  constructor(readonly snapshot: RepositorySnapshot) {}

  get entityPath(): string {
    return this.snapshot.entityPath;
  }

  /** True when the entity is a subfolder of its repository (a monorepo). */
  get isSubfolder(): boolean {
    return this.snapshot.entityPath !== '';
  }

  /**
   * Files matching the patterns. For `entity`, patterns match paths relative
   * to the entity folder; for `root` and `repo`, paths from the root. A
   * pattern without a slash matches a file name at any depth.
   */
  find(patterns: string | readonly string[], options: FindOptions = {}): string[] {
    const scope = options.scope ?? 'entity';
    const list = typeof patterns === 'string' ? [patterns] : patterns;
    return this.#space(scope === 'entity', !!options.includeNotOwnCode).find(list);
  }

  /** Files of the entity folder that are the service's own (no vendored or built files). */
  entityFiles(): string[] {
    return [...this.#space(true, false).paths];
  }

  /** The files a search looks at: `root` and `repo` both match paths from the root. */
  #space(inEntity: boolean, includeNotOwnCode: boolean): SearchSpace {
    // With the entity at the root, its paths are the root's: one space serves both.
    const key = (inEntity && this.entityPath !== '' ? 2 : 0) + (includeNotOwnCode ? 1 : 0);
    let space = this.#spaces[key];
    if (!space) {
      const paths = includeNotOwnCode ? this.snapshot.paths : this.#own();
      const entityPath = this.entityPath;
      space = new SearchSpace(paths, inEntity ? p => relativeTo(p, entityPath) : p => p);
      this.#spaces[key] = space;
    }
    return space;
  }

  #own(): readonly string[] {
    if (!this.#ownPaths) this.#ownPaths = this.snapshot.paths.filter(isCodeSignalPath);
    return this.#ownPaths;
  }

  /** Text of a file (cached), or undefined when it cannot be read. */
  read(path: string): Promise<string | undefined> {
    let text = this.#texts.get(path);
    if (!text) {
      text = this.snapshot.readText(path);
      this.#texts.set(path, text);
    }
    return text;
  }

  /** Texts of the readable files among `paths`. */
  async readAll(paths: readonly string[]): Promise<TextFile[]> {
    const texts = await Promise.all(paths.map(p => this.read(p)));
    const out: TextFile[] = [];
    texts.forEach((text, i) => {
      if (text !== undefined) out.push({ path: paths[i], text });
    });
    return out;
  }

  /** Texts of the files matching the patterns. */
  async findTexts(
    patterns: string | readonly string[],
    options: FindOptions = {},
  ): Promise<TextFile[]> {
    return this.readAll(this.find(patterns, options));
  }

  /** Evidence pointing at a file (and a line), with a link when the source has one. */
  evidence(path: string, line?: number, note?: string): Evidence {
    const url = this.snapshot.urlFor?.(path, line);
    return {
      path,
      ...(line !== undefined ? { line } : {}),
      ...(url ? { url } : {}),
      ...(note ? { note } : {}),
    };
  }

  /** Computes a derived fact once per audit. */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let value = this.#memo.get(key) as Promise<T> | undefined;
    if (!value) {
      value = compute();
      this.#memo.set(key, value);
    }
    return value;
  }
}

/** The 1-based line of a character offset. @public */
export function lineOf(text: string, index: number): number {
  // indexOf jumps from line break to line break: several times faster than a loop over the characters.
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The first match of a pattern in any of the files, with its line. @public */
export function findFirst(
  files: readonly TextFile[],
  pattern: RegExp,
): { path: string; line: number; match: RegExpExecArray } | undefined {
  // A copy without g: no lastIndex carried from one file (or call) to the next. Once per call, not per file.
  const re = new RegExp(pattern.source, pattern.flags.replace('g', ''));
  for (const file of files) {
    if (!mayMatch(pattern, file.text)) continue;
    const match = re.exec(file.text);
    if (match) return { path: file.path, line: lineOf(file.text, match.index), match };
  }
  return undefined;
}
