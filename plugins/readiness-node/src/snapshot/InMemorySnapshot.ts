import {
  DEFAULT_SNAPSHOT_LIMITS,
  RepositorySnapshot,
  SkippedFile,
  SnapshotLimits,
  looksBinary,
  normalizePath,
} from './RepositorySnapshot';

/** Options of {@link InMemorySnapshot}. @public */
export interface InMemorySnapshotOptions {
  entityPath?: string;
  limits?: Partial<SnapshotLimits>;
  urlFor?: (path: string, line?: number) => string | undefined;
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

  constructor(
    files: Record<string, string | Uint8Array>,
    options: InMemorySnapshotOptions = {},
  ) {
    this.#limits = { ...DEFAULT_SNAPSHOT_LIMITS, ...options.limits };
    const entries = Object.entries(files)
      .map(([p, c]) => [normalizePath(p), c] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    this.truncated = entries.length > this.#limits.maxFiles;
    this.#files = new Map(entries.slice(0, this.#limits.maxFiles));
    this.paths = [...this.#files.keys()];
    this.entityPath = normalizePath(options.entityPath ?? '');
    this.urlFor = options.urlFor;
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
    return typeof content === 'string'
      ? content
      : Buffer.from(content).toString('utf8');
  }

  skipped(): readonly SkippedFile[] {
    return [...this.#skipped.values()];
  }
}
