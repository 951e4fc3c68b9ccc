/** Caps on what a snapshot reads. @public */
export interface SnapshotLimits {
  /** Files listed at most; the rest are dropped and the snapshot is `truncated`. */
  maxFiles: number;
  /** Files larger than this are listed but never read. */
  maxFileBytes: number;
  /** Bytes read in all; reads past this return undefined. */
  maxTotalBytes: number;
}

/** @public */
export const DEFAULT_SNAPSHOT_LIMITS: Readonly<SnapshotLimits> = {
  maxFiles: 20_000,
  maxFileBytes: 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
};

/** A file the snapshot lists but will not read, and why. @public */
export interface SkippedFile {
  path: string;
  reason: 'too-large' | 'binary' | 'budget' | 'symlink-outside-root';
}

/**
 * A read-only view of an entity's source repository. Paths are relative to the
 * repository root with forward slashes.
 * @public
 */
export interface RepositorySnapshot {
  /** Every listed file of the repository. */
  readonly paths: readonly string[];
  /** The entity's folder inside the repository, '' for the root. */
  readonly entityPath: string;
  /** True when the listing stopped at `maxFiles`. */
  readonly truncated: boolean;
  /** Text of a file, or undefined when it is missing, binary or over a cap. */
  readText(path: string): Promise<string | undefined>;
  /** Link to a file (and line) at the audited revision, when there is one. */
  urlFor?(path: string, line?: number): string | undefined;
  /** Files that were listed but not read, and why. */
  skipped(): readonly SkippedFile[];
}

/** Directories never listed: they are large and never hold the service's own signals. @public */
export const NEVER_LISTED_DIRS = new Set(['.git', 'node_modules']);

/** True when the first bytes look binary (a NUL byte), as git decides. @public */
export function looksBinary(buffer: Uint8Array): boolean {
  // A native search: a loop over the bytes in JavaScript cost microseconds per file read.
  return buffer.subarray(0, 8000).indexOf(0) !== -1;
}

/** Normalises a path to posix, no leading './' or '/'. @public */
export function normalizePath(path: string): string {
  // Paths from a listing are normal already: every read passes one.
  if (!path.includes('\\') && !path.startsWith('./') && !path.startsWith('/') && !path.endsWith('/')) return path;
  return path
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '')
    .replace(/\/+$/, '');
}
