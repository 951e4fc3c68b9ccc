import { Evidence } from '@prodready/plugin-readiness-common';
import { RepositorySnapshot } from '../snapshot/RepositorySnapshot';
import { baseName, globPredicate, isCodeSignalPath, isNamePattern, relativeTo } from './paths';

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
const BY_EXTENSION = /^\*\.([\w-]+)$/;

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

  constructor(paths: readonly string[], keyOf: (path: string) => string | undefined) {
    for (const path of paths) {
      const key = keyOf(path);
      if (key === undefined) continue;
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
    if (patterns.length === 1) return this.#hitsOf(patterns[0]).map(i => this.paths[i]);
    const hits = new Set<number>();
    for (const pattern of patterns) for (const i of this.#hitsOf(pattern)) hits.add(i);
    return [...hits].sort((a, b) => a - b).map(i => this.paths[i]);
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
    const extension = byName ? BY_EXTENSION.exec(pattern)?.[1] : undefined;
    if (extension) return this.#byExtension.get(extension) ?? [];
    const match = globPredicate(pattern);
    const inputs = byName ? this.#names : this.#keys;
    const hits: number[] = [];
    for (let i = 0; i < inputs.length; i++) if (match(inputs[i])) hits.push(i);
    return hits;
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
  // files of each kind of search and each search's result are computed once
  // per audit (checks repeat searches, and patterns across searches).
  readonly #found = new Map<string, readonly string[]>();
  readonly #spaces = new Map<string, SearchSpace>();
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
    const key = `${scope}\u0001${options.includeNotOwnCode ? 1 : 0}\u0001${list.join('\u0000')}`;
    let found = this.#found.get(key);
    if (!found) {
      found = this.#space(scope === 'entity', !!options.includeNotOwnCode).find(list);
      this.#found.set(key, found);
    }
    return [...found];
  }

  /** Files of the entity folder that are the service's own (no vendored or built files). */
  entityFiles(): string[] {
    return [...this.#space(true, false).paths];
  }

  /** The files a search looks at: `root` and `repo` both match paths from the root. */
  #space(inEntity: boolean, includeNotOwnCode: boolean): SearchSpace {
    const key = `${inEntity}/${includeNotOwnCode}`;
    let space = this.#spaces.get(key);
    if (!space) {
      const paths = includeNotOwnCode ? this.snapshot.paths : this.#own();
      const entityPath = this.entityPath;
      space = new SearchSpace(paths, inEntity ? p => relativeTo(p, entityPath) : p => p);
      this.#spaces.set(key, space);
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
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) line++;
  }
  return line;
}

/** The first match of a pattern in any of the files, with its line. @public */
export function findFirst(
  files: readonly TextFile[],
  pattern: RegExp,
): { path: string; line: number; match: RegExpExecArray } | undefined {
  for (const file of files) {
    const re = new RegExp(pattern.source, pattern.flags.replace('g', ''));
    const match = re.exec(file.text);
    if (match) return { path: file.path, line: lineOf(file.text, match.index), match };
  }
  return undefined;
}
