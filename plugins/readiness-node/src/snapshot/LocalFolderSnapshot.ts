import { createHash } from 'node:crypto';
import fs, { Dirent, Stats } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import {
  DEFAULT_SNAPSHOT_LIMITS,
  NEVER_LISTED_DIRS,
  RepositorySnapshot,
  SkippedFile,
  SnapshotLimits,
  looksBinary,
  normalizePath,
} from './RepositorySnapshot';

/** Options of {@link LocalFolderSnapshot.create}. @public */
export interface LocalFolderSnapshotOptions {
  /** The entity's folder relative to the root, '' for the root itself. */
  entityPath?: string;
  limits?: Partial<SnapshotLimits>;
  urlFor?: (path: string, line?: number) => string | undefined;
}

interface FileStat {
  size: number;
  mtimeMs: number;
}

// Local files are listed and read with synchronous calls: on a local disk one
// costs a few microseconds, against ten times that for the promise round trip
// through the thread pool (which dominated audits of many small repositories).
// Listing yields to the event loop every YIELD_EVERY entries, so that a large
// folder never holds it for long; a read holds it for one file of at most
// limits.maxFileBytes.
const YIELD_EVERY = 256;

function quietly<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

function isInside(root: string, path: string) {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

/**
 * A snapshot of a folder on disk. Lists files without reading them, reads
 * lazily under the limits, never follows a link that leaves the root and
 * never follows links to folders (no cycles).
 * @public
 */
export class LocalFolderSnapshot implements RepositorySnapshot {
  readonly paths: readonly string[];
  readonly entityPath: string;
  readonly truncated: boolean;
  readonly urlFor?: (path: string, line?: number) => string | undefined;
  /** A hash of the listing (paths, sizes, modification times): changes when a file does. */
  readonly fingerprint: string;
  readonly #root: string;
  readonly #stats: Map<string, FileStat>;
  readonly #limits: SnapshotLimits;
  readonly #skipped: Map<string, SkippedFile>;
  #bytesRead = 0;

  private constructor(
    root: string,
    stats: Map<string, FileStat>,
    skipped: Map<string, SkippedFile>,
    truncated: boolean,
    limits: SnapshotLimits,
    options: LocalFolderSnapshotOptions,
  ) {
    this.#root = root;
    this.#stats = stats;
    this.#skipped = skipped;
    this.#limits = limits;
    this.truncated = truncated;
    this.paths = [...stats.keys()].sort();
    this.entityPath = normalizePath(options.entityPath ?? '');
    this.urlFor = options.urlFor;
    const hash = createHash('sha256');
    for (const p of this.paths) {
      const s = stats.get(p)!;
      hash.update(`${p}\0${s.size}\0${Math.floor(s.mtimeMs)}\n`);
    }
    this.fingerprint = hash.digest('hex').slice(0, 32);
  }

  /** Lists the folder `root` (which must exist and be a directory). */
  static async create(
    root: string,
    options: LocalFolderSnapshotOptions = {},
  ): Promise<LocalFolderSnapshot> {
    const limits = { ...DEFAULT_SNAPSHOT_LIMITS, ...options.limits };
    const realRoot = await fs.promises.realpath(resolve(root));
    const stats = new Map<string, FileStat>();
    const skipped = new Map<string, SkippedFile>();
    let truncated = false;
    let sinceYield = 0;
    const queue = [''];
    while (queue.length > 0 && !truncated) {
      const dir = queue.shift()!;
      const entries: Dirent[] | undefined = quietly(() =>
        fs.readdirSync(resolve(realRoot, dir), { withFileTypes: true }),
      );
      if (!entries) continue; // unreadable folder: leave it out
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        if (++sinceYield >= YIELD_EVERY) {
          sinceYield = 0;
          await new Promise(r => setImmediate(r));
        }
        const rel = dir ? `${dir}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (!NEVER_LISTED_DIRS.has(entry.name)) queue.push(rel);
          continue;
        }
        const abs = resolve(realRoot, rel);
        if (entry.isSymbolicLink()) {
          const target = quietly(() => fs.realpathSync.native(abs));
          if (!target || !isInside(realRoot, target)) {
            skipped.set(rel, { path: rel, reason: 'symlink-outside-root' });
            continue;
          }
          const st: Stats | undefined = quietly(() => fs.statSync(target));
          if (!st?.isFile()) continue; // links to folders are not followed
          stats.set(rel, { size: st.size, mtimeMs: st.mtimeMs });
        } else if (entry.isFile()) {
          const st: Stats | undefined = quietly(() => fs.lstatSync(abs));
          if (!st) continue;
          stats.set(rel, { size: st.size, mtimeMs: st.mtimeMs });
        }
        if (stats.size >= limits.maxFiles) {
          truncated = true;
          break;
        }
      }
    }
    return new LocalFolderSnapshot(
      realRoot,
      stats,
      skipped,
      truncated,
      limits,
      options,
    );
  }

  async readText(path: string): Promise<string | undefined> {
    const key = normalizePath(path);
    const stat = this.#stats.get(key);
    if (!stat) return undefined;
    if (stat.size > this.#limits.maxFileBytes) {
      this.#skipped.set(key, { path: key, reason: 'too-large' });
      return undefined;
    }
    if (this.#bytesRead + stat.size > this.#limits.maxTotalBytes) {
      this.#skipped.set(key, { path: key, reason: 'budget' });
      return undefined;
    }
    const abs = quietly(() => fs.realpathSync.native(resolve(this.#root, key)));
    if (!abs || !isInside(this.#root, abs)) return undefined;
    // O_NONBLOCK: should the file have been replaced by a FIFO since it was
    // listed, opening it must not wait for a writer.
    const fd = quietly(() => fs.openSync(abs, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK));
    if (fd === undefined) return undefined;
    try {
      if (!quietly(() => fs.fstatSync(fd).isFile())) return undefined;
      // Read at most the cap, in case the file grew since it was listed.
      const buffer = Buffer.alloc(Math.min(stat.size, this.#limits.maxFileBytes) + 1);
      const bytesRead = quietly(() => fs.readSync(fd, buffer, 0, buffer.length, 0));
      if (bytesRead === undefined) return undefined;
      if (bytesRead > this.#limits.maxFileBytes) {
        this.#skipped.set(key, { path: key, reason: 'too-large' });
        return undefined;
      }
      const data = buffer.subarray(0, bytesRead);
      if (looksBinary(data)) {
        this.#skipped.set(key, { path: key, reason: 'binary' });
        return undefined;
      }
      this.#bytesRead += bytesRead;
      return data.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Bytes of file content read so far. */
  get bytesRead(): number {
    return this.#bytesRead;
  }

  skipped(): readonly SkippedFile[] {
    return [...this.#skipped.values()];
  }
}
