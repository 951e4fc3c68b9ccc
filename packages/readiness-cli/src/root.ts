import { promises as fs } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from './errors';

/** The folder audited and the repository it belongs to. */
export interface AuditLocation {
  /** The repository root: absolute, symlinks resolved. */
  root: string;
  /** The audited folder: absolute, symlinks resolved. */
  folder: string;
  /** The folder relative to the root, posix separators; '' for the root itself. */
  entityPath: string;
  /** How the root was found. */
  rootFrom: 'option' | 'git' | 'folder';
}

async function isDirectory(path: string): Promise<boolean> {
  const st = await fs.stat(path).catch(() => undefined);
  return st?.isDirectory() ?? false;
}

async function exists(path: string): Promise<boolean> {
  return (await fs.lstat(path).catch(() => undefined)) !== undefined;
}

async function realDirectory(path: string, what: string): Promise<string> {
  const abs = resolve(path);
  if (!(await exists(abs))) {
    throw new UsageError(`${what} not found: ${path}`);
  }
  if (!(await isDirectory(abs))) {
    throw new UsageError(`${what} is not a folder: ${path}`);
  }
  try {
    return await fs.realpath(abs);
  } catch (error) {
    throw new UsageError(
      `${what} cannot be read: ${path} (${(error as Error).message})`,
    );
  }
}

/**
 * The nearest folder at or above `folder` that holds `.git` (a folder, or a
 * file as in worktrees and submodules), or undefined.
 */
export async function findGitRoot(folder: string): Promise<string | undefined> {
  let current = folder;
  for (;;) {
    if (await exists(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** True when `path` is `root` or inside it. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return (
    rel === '' ||
    (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
  );
}

/**
 * Resolves the audited folder and its repository root: `--root` when given,
 * else the nearest folder holding `.git`, else the folder itself.
 */
export async function resolveLocation(
  path: string,
  rootOption?: string,
): Promise<AuditLocation> {
  const folder = await realDirectory(path, 'Folder');
  let root: string;
  let rootFrom: AuditLocation['rootFrom'];
  if (rootOption !== undefined) {
    root = await realDirectory(rootOption, 'Root folder');
    rootFrom = 'option';
    if (!isInside(root, folder)) {
      throw new UsageError(
        `Folder ${path} is not inside the root ${rootOption}`,
      );
    }
  } else {
    const gitRoot = await findGitRoot(folder);
    root = gitRoot ?? folder;
    rootFrom = gitRoot ? 'git' : 'folder';
  }
  const entityPath = relative(root, folder).split(sep).join('/');
  return { root, folder, entityPath, rootFrom };
}
