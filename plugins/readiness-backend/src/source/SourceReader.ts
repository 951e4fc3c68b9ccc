import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  InMemorySnapshot,
  LocalFolderSnapshot,
  RepositorySnapshot,
  SnapshotLimits,
} from '@prodready/plugin-readiness-node';
import { ScorecardSource } from '@prodready/plugin-readiness-common';
import { promises as fs, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { resolveSource, splitTreeUrl } from './resolveSource';
import { withRetries } from './retry';

/** The outcome of reading an entity's source. */
export type SourceRead =
  | { kind: 'snapshot'; snapshot: RepositorySnapshot; etag: string; source: ScorecardSource }
  | { kind: 'not-modified'; etag: string; source: ScorecardSource }
  | {
      kind: 'unavailable';
      reason: string;
      source: ScorecardSource;
      /**
       * True when the source is not there (not found, a broken annotation, a
       * local folder it may not read): its last results are obsolete. False
       * when reading it failed (a spent rate limit, an outage, credentials):
       * the repository may well be as it was.
       */
      missing: boolean;
    };

/**
 * What one audit run has learnt of repositories' revisions: per tree URL, the
 * ETag its first read in the run answered with (undefined if it failed), so
 * that the entities of one repository (a monorepo's services) cost one
 * conditional request per run, not one each; with GitHub, each is a request
 * of the API's hourly allowance. A promise: entities of one repository are
 * often audited at the same time.
 */
export type SourceRun = Map<string, Promise<string | undefined>>;

/** Options of {@link SourceReader}. */
export interface SourceReaderOptions {
  urlReader: UrlReaderService;
  limits: SnapshotLimits;
  /** Folders `file:` sources may come from (resolved against the working directory). */
  localRoots: string[];
  attempts: number;
  sleep?: (ms: number) => Promise<void>;
}

/** An entity's `file:` source, checked against the allowed roots. */
export interface LocalSource {
  /** The repository's folder. */
  root: string;
  /** The entity's folder inside it, '/'-separated ('' for the root). */
  entityPath: string;
  /** The source location as the catalog gives it. */
  location: string;
}

// Root-level folders whose files count for a service in a subfolder.
const ROOT_SIGNAL_DIRS = ['.github/', '.gitlab/', '.circleci/', '.buildkite/', '.tekton/'];

function isInside(root: string, path: string) {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}

// Resolving a local folder takes a few stats: synchronous calls cost
// microseconds, where each promise round trip through the thread pool costs
// more than the call and, with many entities in flight, queues behind others.
function realFolder(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

function exists(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false }) !== undefined;
}

/**
 * Reads an entity's repository: `url:` sources through the UrlReaderService
 * (with the last ETag, so an unchanged tree is not downloaded again) and
 * `file:` sources from disk, confined to the configured roots.
 */
export class SourceReader {
  readonly #roots: Promise<string[]>;

  /** The size limits of every snapshot. */
  get limits(): SnapshotLimits {
    return this.options.limits;
  }

  constructor(private readonly options: SourceReaderOptions) {
    this.#roots = Promise.all(
      options.localRoots.map(r => fs.realpath(resolve(r)).catch(() => resolve(r))),
    );
  }

  /**
   * The entity's local folder, for a caller that lists and audits it
   * elsewhere (a worker thread); undefined for any other source or a folder
   * that cannot be read, which {@link SourceReader.read} then explains.
   */
  async localSource(entity: Entity): Promise<LocalSource | undefined> {
    const resolved = resolveSource(entity);
    if (resolved.type !== 'file') return undefined;
    try {
      return { ...(await this.#locate(resolved.path)), location: resolved.location };
    } catch {
      return undefined;
    }
  }

  /**
   * Reads the entity's source, unless it is as at `previousEtag`. With `run`,
   * a `url:` tree another entity found at `previousEtag` earlier in the same
   * run is not asked for again.
   */
  async read(entity: Entity, previousEtag?: string, run?: SourceRun): Promise<SourceRead> {
    const resolved = resolveSource(entity);
    if (resolved.type === 'none') {
      return { kind: 'unavailable', reason: resolved.reason, source: { location: resolved.location }, missing: true };
    }
    try {
      return resolved.type === 'url'
        ? await this.#readUrl(resolved.target, resolved.location, previousEtag, run)
        : await this.#readLocal(resolved.path, resolved.location, previousEtag);
    } catch (error) {
      const e = error as Error;
      if (e?.name === 'NotModifiedError') {
        return { kind: 'not-modified', etag: previousEtag ?? '', source: { location: resolved.location, etag: previousEtag } };
      }
      return {
        kind: 'unavailable',
        reason: `Could not read ${resolved.location}: ${e?.message ?? String(error)}`,
        source: { location: resolved.location },
        // Local folders cannot be rate-limited or down: a failure there is
        // a missing folder or one outside the allowed roots.
        missing: resolved.type === 'file' || e?.name === 'NotFoundError' || e?.name === 'InputError',
      };
    }
  }

  async #readUrl(target: string, location: string, previousEtag?: string, run?: SourceRun): Promise<SourceRead> {
    const { limits } = this.options;
    const tree = splitTreeUrl(target);
    const rootUrl = tree?.rootUrl ?? target;
    const entityPath = tree?.entityPath ?? '';
    const known = run?.get(rootUrl);
    if (previousEtag && known && (await known) === previousEtag) {
      return { kind: 'not-modified', etag: previousEtag, source: { location, etag: previousEtag } };
    }
    let learnt: (etag: string | undefined) => void = () => {};
    if (run && !known) run.set(rootUrl, new Promise(settle => (learnt = settle)));
    let listed = 0;
    let truncated = false;
    const response = await withRetries(
      () =>
        this.options.urlReader.readTree(rootUrl, {
          etag: previousEtag,
          filter: (path, info) => {
            const wanted =
              !entityPath ||
              path.startsWith(`${entityPath}/`) ||
              !path.includes('/') ||
              ROOT_SIGNAL_DIRS.some(d => path.startsWith(d));
            if (!wanted || /(^|\/)(node_modules|\.git)\//.test(path)) return false;
            if (info && info.size > limits.maxFileBytes) return false;
            if (listed >= limits.maxFiles) {
              truncated = true;
              return false;
            }
            listed++;
            return true;
          },
        }),
      { attempts: this.options.attempts, sleep: this.options.sleep },
    ).catch(error => {
      learnt((error as Error)?.name === 'NotModifiedError' ? previousEtag : undefined);
      throw error;
    });
    learnt(response.etag);
    const files: Record<string, Buffer> = {};
    let total = 0;
    for (const file of await response.files()) {
      const content = await file.content();
      total += content.length;
      if (total > limits.maxTotalBytes) {
        truncated = true;
        break;
      }
      files[file.path] = content;
    }
    const blobBase = rootUrl.replace(/\/(-\/)?tree\/[^/]+$/, (_m, dash) => `/${dash ?? ''}blob/${/^[0-9a-f]{40}$/.test(response.etag) ? response.etag : tree?.ref ?? 'HEAD'}`);
    const snapshot = new InMemorySnapshot(files, {
      entityPath,
      limits,
      urlBase: tree ? blobBase : undefined,
      truncated,
    });
    return {
      kind: 'snapshot',
      snapshot,
      etag: response.etag,
      source: { location, url: target, etag: response.etag, ...(truncated ? { truncated } : {}) },
    };
  }

  async #readLocal(path: string, location: string, previousEtag?: string): Promise<SourceRead> {
    const { root, entityPath } = await this.#locate(path);
    const snapshot = await LocalFolderSnapshot.create(root, { entityPath, limits: this.options.limits });
    if (previousEtag && previousEtag === snapshot.fingerprint) {
      return { kind: 'not-modified', etag: previousEtag, source: { location, etag: previousEtag } };
    }
    const source: ScorecardSource = { location, etag: snapshot.fingerprint };
    return { kind: 'snapshot', snapshot, etag: snapshot.fingerprint, source };
  }

  // The repository folder and the entity's path in it; throws saying why not.
  async #locate(path: string): Promise<{ root: string; entityPath: string }> {
    const roots = await this.#roots;
    if (roots.length === 0) {
      throw new Error('file: sources are disabled; list the folders they may come from in readiness.localRoots');
    }
    const real = realFolder(path);
    if (!real) throw new Error(`no such folder: ${path}`);
    const root = roots.find(r => isInside(r, real));
    if (!root) throw new Error(`${path} is outside the folders allowed by readiness.localRoots`);
    if (!statSync(real, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${path} is not a folder`);
    const repoRoot = this.#repositoryRoot(real, root);
    return { root: repoRoot, entityPath: relative(repoRoot, real).split(sep).join('/') };
  }

  // The nearest folder holding `.git`, not above the allowed root; without one,
  // the allowed root's child that contains the entity (each child is a repository).
  #repositoryRoot(folder: string, allowedRoot: string): string {
    for (let dir = folder; isInside(allowedRoot, dir); dir = dirname(dir)) {
      if (exists(join(dir, '.git'))) return dir;
      if (dir === allowedRoot) break;
    }
    const rel = relative(allowedRoot, folder);
    return rel ? join(allowedRoot, rel.split(sep)[0]) : allowedRoot;
  }
}
