import { realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** True when `path` is `root` or inside it (both resolved). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}

/** An entity's local folder within its repository. @public */
export interface LocatedFolder {
  /** The repository's folder. */
  root: string;
  /** The entity's folder inside it, '/'-separated ('' for the root). */
  entityPath: string;
}

function exists(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false }) !== undefined;
}

/**
 * Confines an entity's folder to the allowed roots (resolved, links
 * followed) and finds its repository: the nearest folder holding `.git`, not
 * above the allowed root; without one, the allowed root's child that contains
 * the folder (each child is a repository). Throws saying why not.
 * Synchronous: a few stats, each cheaper than a round trip through the
 * thread pool; callers with many folders run it in a worker thread.
 * @public
 */
export function locateLocalFolder(path: string, allowedRoots: readonly string[]): LocatedFolder {
  if (allowedRoots.length === 0) {
    throw new Error('file: sources are disabled; list the folders they may come from in readiness.localRoots');
  }
  let real: string;
  try {
    real = realpathSync.native(path);
  } catch {
    throw new Error(`no such folder: ${path}`);
  }
  const allowed = allowedRoots.find(r => isInside(r, real));
  if (!allowed) throw new Error(`${path} is outside the folders allowed by readiness.localRoots`);
  if (!statSync(real, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${path} is not a folder`);
  let root: string | undefined;
  for (let dir = real; isInside(allowed, dir); dir = dirname(dir)) {
    if (exists(join(dir, '.git'))) {
      root = dir;
      break;
    }
    if (dir === allowed) break;
  }
  if (!root) {
    const rel = relative(allowed, real);
    root = rel ? join(allowed, rel.split(sep)[0]) : allowed;
  }
  return { root, entityPath: relative(root, real).split(sep).join('/') };
}
