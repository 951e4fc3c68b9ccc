import { createHash } from 'node:crypto';
import fs, { Dirent, Stats } from 'node:fs';
import { resolve, sep } from 'node:path';
import {
  DEFAULT_SNAPSHOT_LIMITS,
  NEVER_LISTED_DIRS,
  RepositorySnapshot,
  SkippedFile,
  SnapshotLimits,
  looksBinary,
  normalizePath,
} from './RepositorySnapshot';
import { isInside } from './localFolders';

/** Options of {@link LocalFolderSnapshot.create}. @public */
export interface LocalFolderSnapshotOptions {
  /** The entity's folder relative to the root, '' for the root itself. */
  entityPath?: string;
  limits?: Partial<SnapshotLimits>;
  urlFor?: (path: string, line?: number) => string | undefined;
}

/**
 * A snapshot's listing as data, to rebuild it elsewhere (a worker thread)
 * without listing again. Files are [path, size, mtimeMs, dev, ino].
 * @public
 */
export interface LocalFolderListing {
  root: string;
  entityPath: string;
  truncated: boolean;
  limits: SnapshotLimits;
  files: [string, number, number, number, number][];
  skipped: SkippedFile[];
  fingerprint: string;
}

/** What the listing saw of a file: its size and time, and its identity. */
interface FileStat {
  size: number;
  mtimeMs: number;
  dev: number;
  ino: number;
}

// Local files are listed and read with synchronous calls: on a local disk one
// costs a few microseconds, against ten times that for the promise round trip
// through the thread pool (which dominated audits of many small repositories).
// Listing yields to the event loop every YIELD_EVERY entries, so that a large
// folder never holds it for long; a read holds it for one file of at most
// limits.maxFileBytes.
const YIELD_EVERY = 256;

// O_NONBLOCK: should a file have been replaced by a FIFO since it was listed,
// opening it must not wait for a writer. O_NOFOLLOW (where the platform has
// it): the fast path never opens a link. Both are 0 where undefined (Windows).
const { O_RDONLY, O_NONBLOCK = 0, O_NOFOLLOW = 0 } = fs.constants;
const NO_THROW = { throwIfNoEntry: false } as const;

// One read buffer per thread, reused: reads are synchronous and each text is
// decoded out of it before the next read, so no file needs a buffer of its
// own (a new one per read, and its bytes outside the heap, kept the young
// generation's collector busy). Larger files than this get their own.
const SCRATCH_BYTES = 256 * 1024;
let scratch: Buffer | undefined;

/** A buffer of at least `size` bytes whose contents are garbage. */
function readBuffer(size: number): Buffer {
  if (size > SCRATCH_BYTES) return Buffer.allocUnsafe(size);
  scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES);
  return scratch;
}

function quietly<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

function rootPrefix(realRoot: string): string {
  return realRoot.endsWith(sep) ? realRoot : realRoot + sep;
}

// Plain code-unit order: deterministic like localeCompare, without its cost.
function byName(a: Dirent, b: Dirent): number {
  if (a.name === b.name) return 0;
  return a.name < b.name ? -1 : 1;
}

/** The entries of a folder in name order (listing order decides truncation), or undefined. */
function readFolder(abs: string): Dirent[] | undefined {
  try {
    return fs.readdirSync(abs, { withFileTypes: true }).sort(byName);
  } catch {
    return undefined; // unreadable folder: leave it out
  }
}

function toFileStat(st: Stats | undefined): FileStat | undefined {
  if (!st?.isFile()) return undefined;
  return { size: st.size, mtimeMs: st.mtimeMs, dev: st.dev, ino: st.ino };
}

/** The listed stat of a regular file (never following a link), or undefined. */
function statFile(abs: string): FileStat | undefined {
  try {
    return toFileStat(fs.lstatSync(abs, NO_THROW));
  } catch {
    return undefined;
  }
}

/** The stat of a link's target when it is a file inside the root; 'outside' when it leaves the root. */
function statLink(realRoot: string, abs: string): FileStat | 'outside' | undefined {
  const target = quietly(() => fs.realpathSync.native(abs));
  if (!target || !isInside(realRoot, target)) return 'outside';
  // Links to folders are not followed (no cycles).
  return toFileStat(quietly(() => fs.statSync(target)));
}

function openQuietly(abs: string, flags: number): number | undefined {
  try {
    return fs.openSync(abs, flags);
  } catch {
    return undefined;
  }
}

function fstatQuietly(fd: number): Stats | undefined {
  try {
    return fs.fstatSync(fd);
  } catch {
    return undefined;
  }
}

function isListedFile(st: Stats | undefined, listed: FileStat): boolean {
  return (
    !!st?.isFile() &&
    st.dev === listed.dev &&
    st.ino === listed.ino &&
    st.size === listed.size &&
    st.mtimeMs === listed.mtimeMs
  );
}

function fingerprintOf(paths: readonly string[], stats: Map<string, FileStat>): string {
  // One update with the whole listing (the same digest as one per file, without a call per file).
  let listing = '';
  for (const p of paths) {
    const s = stats.get(p)!;
    listing += `${p}\0${s.size}\0${Math.floor(s.mtimeMs)}\n`;
  }
  return createHash('sha256').update(listing).digest('hex').slice(0, 32);
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
  /** The root with a trailing separator: a listed path appended to it is the file. */
  readonly #rootPrefix: string;
  readonly #stats: Map<string, FileStat>;
  readonly #limits: SnapshotLimits;
  readonly #skipped: Map<string, SkippedFile>;
  /** Per folder of listed files: is it a real folder inside the root? */
  readonly #folders = new Map<string, boolean>();
  #bytesRead = 0;

  private constructor(
    root: string,
    stats: Map<string, FileStat>,
    skipped: Map<string, SkippedFile>,
    truncated: boolean,
    limits: SnapshotLimits,
    options: LocalFolderSnapshotOptions,
    fingerprint?: string,
  ) {
    this.#root = root;
    this.#rootPrefix = rootPrefix(root);
    this.#stats = stats;
    this.#skipped = skipped;
    this.#limits = limits;
    this.truncated = truncated;
    this.paths = [...stats.keys()].sort();
    this.entityPath = normalizePath(options.entityPath ?? '');
    this.urlFor = options.urlFor;
    this.fingerprint = fingerprint ?? fingerprintOf(this.paths, stats);
  }

  /** Lists the folder `root` (which must exist and be a directory). */
  static async create(
    root: string,
    options: LocalFolderSnapshotOptions = {},
  ): Promise<LocalFolderSnapshot> {
    const limits = { ...DEFAULT_SNAPSHOT_LIMITS, ...options.limits };
    // Synchronous, like the listing: one call, cheaper than a thread-pool round trip.
    const realRoot = fs.realpathSync.native(resolve(root));
    const prefix = rootPrefix(realRoot);
    const stats = new Map<string, FileStat>();
    const skipped = new Map<string, SkippedFile>();
    let truncated = false;
    let sinceYield = 0;
    // Breadth first: when the listing is truncated, the shallow files (the
    // ones most checks look at) are kept.
    const queue = [''];
    for (let next = 0; next < queue.length && !truncated; next++) {
      const dir = queue[next];
      for (const entry of readFolder(prefix + dir) ?? []) {
        if (++sinceYield >= YIELD_EVERY) {
          sinceYield = 0;
          await new Promise(r => setImmediate(r));
        }
        const rel = dir ? `${dir}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (!NEVER_LISTED_DIRS.has(entry.name)) queue.push(rel);
          continue;
        }
        let stat: FileStat | 'outside' | undefined;
        if (entry.isSymbolicLink()) stat = statLink(realRoot, prefix + rel);
        else if (entry.isFile()) stat = statFile(prefix + rel);
        if (stat === 'outside') skipped.set(rel, { path: rel, reason: 'symlink-outside-root' });
        if (!stat || stat === 'outside') continue;
        stats.set(rel, stat);
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

  /** The listing as data; see {@link LocalFolderSnapshot.fromListing}. */
  listing(): LocalFolderListing {
    return {
      root: this.#root,
      entityPath: this.entityPath,
      truncated: this.truncated,
      limits: this.#limits,
      files: [...this.#stats].map(([p, s]) => [p, s.size, s.mtimeMs, s.dev, s.ino]),
      skipped: [...this.#skipped.values()],
      fingerprint: this.fingerprint,
    };
  }

  /** The snapshot of a listing made earlier, with no I/O; reads are confined as ever. */
  static fromListing(listing: LocalFolderListing): LocalFolderSnapshot {
    const stats = new Map<string, FileStat>(
      listing.files.map(([p, size, mtimeMs, dev, ino]) => [p, { size, mtimeMs, dev, ino }]),
    );
    return new LocalFolderSnapshot(
      listing.root,
      stats,
      new Map(listing.skipped.map(s => [s.path, s])),
      listing.truncated,
      listing.limits,
      { entityPath: listing.entityPath },
      listing.fingerprint,
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
    const fd = this.#openAsListed(key, stat) ?? this.#openConfined(key);
    if (fd === undefined) return undefined;
    try {
      // Read at most the cap, in case the file grew since it was listed.
      // Only the bytes read are ever looked at.
      const length = Math.min(stat.size, this.#limits.maxFileBytes) + 1;
      const buffer = readBuffer(length);
      let bytesRead: number;
      try {
        bytesRead = fs.readSync(fd, buffer, 0, length, 0);
      } catch {
        return undefined;
      }
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

  /**
   * Opens the file if it is still the very file listed, without resolving its
   * path (the common case):
   * - its folders must be real folders, no links (checked at their first read);
   * - O_NOFOLLOW: a file replaced by a link fails to open;
   * - the open file must have the device, inode, size and time the listing
   *   saw, so a folder replaced by a link since (which leads to another
   *   file), or any change to the file, fails too.
   * This is at least as safe as resolving the whole path before each open:
   * the last check is made on the open file itself, which leaves no window
   * between check and open. Anything else (files listed as links, changed
   * files) goes to #openConfined, the full check.
   */
  #openAsListed(key: string, stat: FileStat): number | undefined {
    if (!this.#folderInside(key)) return undefined;
    const fd = openQuietly(this.#rootPrefix + key, O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
    if (fd === undefined) return undefined;
    if (isListedFile(fstatQuietly(fd), stat)) return fd;
    fs.closeSync(fd);
    return undefined;
  }

  /**
   * True when the folder of a listed file is still inside the root: each of
   * its folders below the (resolved) root is a real folder, not a link. One
   * lstat per folder, cached, where a realpath would stat every component of
   * the absolute path. `path` is a file's or a folder's: its parent is checked.
   */
  #folderInside(path: string): boolean {
    const folder = path.slice(0, Math.max(0, path.lastIndexOf('/')));
    if (folder === '') return true;
    let inside = this.#folders.get(folder);
    if (inside === undefined) {
      inside =
        this.#folderInside(folder) && // the folders above it first
        !!quietly(() => fs.lstatSync(this.#rootPrefix + folder, NO_THROW))?.isDirectory();
      this.#folders.set(folder, inside);
    }
    return inside;
  }

  /** Opens the file after resolving every link in its path, if it is a file inside the root. */
  #openConfined(key: string): number | undefined {
    const abs = quietly(() => fs.realpathSync.native(resolve(this.#root, key)));
    if (!abs || !isInside(this.#root, abs)) return undefined;
    const fd = openQuietly(abs, O_RDONLY | O_NONBLOCK);
    if (fd === undefined) return undefined;
    if (fstatQuietly(fd)?.isFile()) return fd;
    fs.closeSync(fd);
    return undefined;
  }

  /** Bytes of file content read so far. */
  get bytesRead(): number {
    return this.#bytesRead;
  }

  skipped(): readonly SkippedFile[] {
    return [...this.#skipped.values()];
  }
}
