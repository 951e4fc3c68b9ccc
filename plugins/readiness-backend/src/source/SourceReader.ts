import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  InMemorySnapshot,
  LocalFolderSnapshot,
  RepositorySnapshot,
  SnapshotLimits,
  locateLocalFolder,
} from '@prodready/plugin-readiness-node';
import { ScorecardSource } from '@prodready/plugin-readiness-common';
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { resolveSource, splitTreeUrl } from './resolveSource';
import { withRetries } from './retry';
import { SourceRun } from './SourceRun';

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

/** Options of {@link SourceReader}. */
export interface SourceReaderOptions {
  urlReader: UrlReaderService;
  limits: SnapshotLimits;
  /** Folders `file:` sources may come from (resolved against the working directory). */
  localRoots: string[];
  attempts: number;
  sleep?: (ms: number) => Promise<void>;
}

/** An entity's `file:` source, to be located and confined where it is listed. */
export interface LocalSource {
  /** The entity's folder, as its annotation gives it. */
  folder: string;
  /** The folders it may come from (resolved). */
  allowedRoots: string[];
  /** The source location as the catalog gives it. */
  location: string;
}

// Root-level folders whose files count for a service in a subfolder.
const ROOT_SIGNAL_DIRS = ['.github/', '.gitlab/', '.circleci/', '.buildkite/', '.tekton/'];

/**
 * Whether a file of a repository is in an entity's view of it: the entity's
 * folder ('' for all of it), the root's files and CI folders; never
 * dependencies or VCS data.
 */
function inView(path: string, entityPath: string): boolean {
  const wanted =
    !entityPath ||
    path.startsWith(`${entityPath}/`) ||
    !path.includes('/') ||
    ROOT_SIGNAL_DIRS.some(d => path.startsWith(d));
  return wanted && !/(^|\/)(node_modules|\.git)\//.test(path);
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
   * The entity's local folder, for a caller that locates, lists and audits
   * it elsewhere (a worker thread: none of it on this thread, which serves
   * the backend's requests); undefined for any other source.
   */
  async localSource(entity: Entity): Promise<LocalSource | undefined> {
    const resolved = resolveSource(entity);
    if (resolved.type !== 'file') return undefined;
    return { folder: resolved.path, allowedRoots: await this.#roots, location: resolved.location };
  }

  /** The read of a local folder that could not be located (see {@link locateLocalFolder}). */
  unavailableLocal(location: string, reason: string): SourceRead {
    return this.#unavailable(location, reason, true);
  }

  #unavailable(location: string, reason: string, missing: boolean): SourceRead {
    return { kind: 'unavailable', reason: `Could not read ${location}: ${reason}`, source: { location }, missing };
  }

  /**
   * Reads the entity's source, unless it is as at `previousEtag`. With `run`,
   * a `url:` tree another entity found at `previousEtag` earlier in the same
   * run is not asked for again, and a changed one is downloaded whole once
   * for the rest of its entities (see {@link SourceRun}).
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
      // Local folders cannot be rate-limited or down: a failure there is
      // a missing folder or one outside the allowed roots.
      const missing = resolved.type === 'file' || e?.name === 'NotFoundError' || e?.name === 'InputError';
      return this.#unavailable(resolved.location, e?.message ?? String(error), missing);
    }
  }

  async #readUrl(target: string, location: string, previousEtag?: string, run?: SourceRun): Promise<SourceRead> {
    const tree = splitTreeUrl(target);
    const rootUrl = tree?.rootUrl ?? target;
    const entityPath = tree?.entityPath ?? '';
    const snapshotOf = (files: Record<string, Buffer>, etag: string, truncated: boolean): SourceRead => {
      const blobBase = rootUrl.replace(/\/(-\/)?tree\/[^/]+$/, (_m, dash) => `/${dash ?? ''}blob/${/^[0-9a-f]{40}$/.test(etag) ? etag : tree?.ref ?? 'HEAD'}`);
      const snapshot = new InMemorySnapshot(files, {
        entityPath,
        limits: this.options.limits,
        urlBase: tree ? blobBase : undefined,
        truncated,
      });
      return { kind: 'snapshot', snapshot, etag, source: { location, url: target, etag, ...(truncated ? { truncated } : {}) } };
    };
    const notModified: SourceRead = { kind: 'not-modified', etag: previousEtag ?? '', source: { location, etag: previousEtag } };

    const known = run?.revisions.get(rootUrl);
    if (previousEtag && known && (await known) === previousEtag) return notModified;
    if (run && known) {
      // Another entity of this repository was read in this run, and this one
      // needs its files: the whole tree, once for all of them.
      const whole = await run.tree(rootUrl, async () => {
        const download = await this.#download(rootUrl, '', undefined);
        return download.truncated ? undefined : download;
      });
      if (whole) {
        if (whole.etag === previousEtag) return notModified;
        const files = Object.fromEntries(Object.entries(whole.files).filter(([path]) => inView(path, entityPath)));
        return snapshotOf(files, whole.etag, false);
      }
    }
    let learnt: (etag: string | undefined) => void = () => {};
    if (run && !known) run.revisions.set(rootUrl, new Promise(settle => (learnt = settle)));
    const read = await this.#download(rootUrl, entityPath, previousEtag).catch(error => {
      learnt((error as Error)?.name === 'NotModifiedError' ? previousEtag : undefined);
      throw error;
    });
    learnt(read.etag);
    return snapshotOf(read.files, read.etag, read.truncated);
  }

  /**
   * Downloads the files of a tree in an entity's view (all of it for ''),
   * within the snapshot limits; throws NotModifiedError at `etag`.
   */
  async #download(rootUrl: string, entityPath: string, etag: string | undefined) {
    const { limits } = this.options;
    let listed = 0;
    let truncated = false;
    const response = await withRetries(
      () =>
        this.options.urlReader.readTree(rootUrl, {
          etag,
          filter: (path, info) => {
            if (!inView(path, entityPath)) return false;
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
    );
    const files: Record<string, Buffer> = {};
    let bytes = 0;
    for (const file of await response.files()) {
      // Backstage's tar reader gives an empty file's content as [] (concat-stream's
      // empty result), not as a Buffer.
      const read: unknown = await file.content();
      const content = Buffer.isBuffer(read) ? read : Buffer.from(read as ArrayLike<number>);
      if (bytes + content.length > limits.maxTotalBytes) {
        truncated = true;
        break;
      }
      bytes += content.length;
      files[file.path] = content;
    }
    return { etag: response.etag, files, bytes, truncated };
  }

  async #readLocal(path: string, location: string, previousEtag?: string): Promise<SourceRead> {
    const { root, entityPath } = locateLocalFolder(path, await this.#roots);
    const snapshot = await LocalFolderSnapshot.create(root, { entityPath, limits: this.options.limits });
    if (previousEtag && previousEtag === snapshot.fingerprint) {
      return { kind: 'not-modified', etag: previousEtag, source: { location, etag: previousEtag } };
    }
    const source: ScorecardSource = { location, etag: snapshot.fingerprint };
    return { kind: 'snapshot', snapshot, etag: snapshot.fingerprint, source };
  }
}
