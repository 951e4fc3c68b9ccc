import {
  DEFAULT_SNAPSHOT_LIMITS,
  RepositorySnapshot,
  SkippedFile,
  SnapshotLimits,
  looksBinary,
  normalizePath,
} from './RepositorySnapshot';
import { utf8Of } from './utf8';

/** Options of {@link InMemorySnapshot}. @public */
export interface InMemorySnapshotOptions {
  entityPath?: string;
  limits?: Partial<SnapshotLimits>;
  urlFor?: (path: string, line?: number) => string | undefined;
  /** Links to files as `<urlBase>/<path>#L<line>`; unlike urlFor, can cross to a worker thread. */
  urlBase?: string;
  /** Marks the files as a truncated listing (set when they were cut before). */
  truncated?: boolean;
}

/**
 * A snapshot of files held in memory: for tests, and for trees that a
 * `UrlReaderService.readTree` returned.
 * @public
 */
export class InMemorySnapshot implements RepositorySnapshot {
  readonly paths: readonly string[];
  readonly entityPath: string;
  readonly truncated: boolean;
  readonly urlFor?: (path: string, line?: number) => string | undefined;
  readonly #files: Map<string, string | Uint8Array>;
  readonly #limits: SnapshotLimits;
  readonly #skipped = new Map<string, SkippedFile>();
  #bytesRead = 0;
  readonly #urlBase?: string;
  readonly #portable: boolean;

  constructor(
    files: Record<string, string | Uint8Array>,
    options: InMemorySnapshotOptions = {},
  ) {
    this.#limits = { ...DEFAULT_SNAPSHOT_LIMITS, ...options.limits };
    const entries = Object.entries(files)
      .map(([p, c]) => [normalizePath(p), c] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    this.truncated = options.truncated || entries.length > this.#limits.maxFiles;
    this.#files = new Map(entries.slice(0, this.#limits.maxFiles));
    this.paths = [...this.#files.keys()];
    this.entityPath = normalizePath(options.entityPath ?? '');
    const urlBase = options.urlBase;
    this.#urlBase = urlBase;
    this.urlFor =
      options.urlFor ?? (urlBase ? (path, line) => `${urlBase}/${path}${line ? `#L${line}` : ''}` : undefined);
    this.#portable = !options.urlFor;
  }

  /** The snapshot as data for a worker thread; undefined when it links through a function. */
  portable() {
    if (!this.#portable) return undefined;
    return {
      files: Object.fromEntries(this.#files),
      entityPath: this.entityPath,
      limits: this.#limits,
      truncated: this.truncated,
      urlBase: this.#urlBase,
    };
  }

  async readText(path: string): Promise<string | undefined> {
    const key = normalizePath(path);
    const content = this.#files.get(key);
    if (content === undefined) return undefined;
    const bytes =
      typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    if (bytes > this.#limits.maxFileBytes) {
      this.#skipped.set(key, { path: key, reason: 'too-large' });
      return undefined;
    }
    if (typeof content !== 'string' && looksBinary(content)) {
      this.#skipped.set(key, { path: key, reason: 'binary' });
      return undefined;
    }
    if (this.#bytesRead + bytes > this.#limits.maxTotalBytes) {
      this.#skipped.set(key, { path: key, reason: 'budget' });
      return undefined;
    }
    this.#bytesRead += bytes;
    return typeof content === 'string' ? content : utf8Of(content);
  }

  skipped(): readonly SkippedFile[] {
    return [...this.#skipped.values()];
  }
}
