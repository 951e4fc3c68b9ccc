import { Evidence } from '@prodready/plugin-readiness-common';
import { RepositorySnapshot } from '../snapshot/RepositorySnapshot';
import { globMatcher, isCodeSignalPath, relativeTo } from './paths';

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

/**
 * The repository as checks see it: file search by glob and scope, cached
 * reads, evidence links, and a per-audit memo for derived facts so that
 * checks sharing a fact (the parsed CI files, say) compute it once.
 * @public
 */
export class RepoView {
  readonly #memo = new Map<string, Promise<unknown>>();
  readonly #texts = new Map<string, Promise<string | undefined>>();
  // The snapshot's paths never change: the service's own files and each
  // search's result are computed once per audit (checks repeat searches).
  readonly #found = new Map<string, readonly string[]>();
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
      const match = globMatcher(list);
      const out: string[] = [];
      for (const path of options.includeNotOwnCode ? this.snapshot.paths : this.#own()) {
        const rel = scope === 'entity' ? relativeTo(path, this.entityPath) : path;
        if (rel !== undefined && match(rel)) out.push(path);
      }
      found = out;
      this.#found.set(key, found);
    }
    return [...found];
  }

  /** Files of the entity folder that are the service's own (no vendored or built files). */
  entityFiles(): string[] {
    return this.#own().filter(p => relativeTo(p, this.entityPath) !== undefined);
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
