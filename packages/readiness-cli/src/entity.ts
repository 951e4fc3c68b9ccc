import { promises as fs } from 'node:fs';
import { basename, relative, resolve, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type {
  AuditInput,
  RepositorySnapshot,
  SnapshotLimits,
} from '@prodready/plugin-readiness-node';
import { UsageError } from './errors';
import { isInside } from './root';

/** A catalog entity, as the audit engine takes it. */
export type Entity = AuditInput['entity'];

/** The file names looked for in the audited folder, in order. */
export const CATALOG_FILE_NAMES = ['catalog-info.yaml', 'catalog-info.yml'];

/** The entity an audit runs on and where it came from. */
export interface LoadedEntity {
  entity: Entity;
  /** The file it was read from: root-relative when inside the root. */
  file?: string;
  /** False when no catalog file was found and a Component was assumed. */
  fromFile: boolean;
  /** Something the user should know, e.g. a catalog file that was ignored. */
  notes: string[];
}

export interface LoadEntityOptions {
  snapshot: RepositorySnapshot;
  root: string;
  folder: string;
  entityPath: string;
  limits: SnapshotLimits;
  /** `--entity FILE`, relative to the working folder. */
  entityFile?: string;
  /** `--name`: picks a document of a multi-document file, or names the assumed Component. */
  name?: string;
  /** `--type` of the assumed Component. */
  type: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A valid entity name from a folder name: [a-zA-Z0-9-_.], at most 63 characters. */
export function entityNameFromFolder(folder: string): string {
  const cleaned = basename(folder)
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/[^A-Za-z0-9]+$/, '')
    .slice(0, 63)
    .replace(/[^A-Za-z0-9]+$/, '');
  return cleaned || 'unnamed';
}

/**
 * Picks the entity from the text of a catalog file: the document named
 * `name`, else the first Component. Throws a UsageError naming the file.
 */
export function pickEntity(text: string, file: string, name?: string): Entity {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const values: unknown[] = [];
  for (const doc of list) {
    if (doc.errors.length > 0) {
      const first = doc.errors[0];
      const line = first.linePos?.[0]?.line;
      const message = first.message.split('\n')[0];
      throw new UsageError(
        `Invalid YAML in ${file}${line ? ` at line ${line}` : ''}: ${message}`,
      );
    }
    const value = doc.toJS();
    if (value !== null && value !== undefined) values.push(value);
  }
  const entities = values.filter(isRecord);
  if (entities.length === 0) {
    throw new UsageError(`${file} holds no catalog entity`);
  }
  const nameOf = (e: Record<string, unknown>) =>
    isRecord(e.metadata) && typeof e.metadata.name === 'string'
      ? e.metadata.name
      : undefined;
  let picked: Record<string, unknown> | undefined;
  if (name !== undefined) {
    const wanted = name.toLocaleLowerCase('en-US');
    picked = entities.find(
      e => nameOf(e)?.toLocaleLowerCase('en-US') === wanted,
    );
    if (!picked) {
      const names = entities.map(nameOf).filter(Boolean).join(', ');
      throw new UsageError(
        `${file} has no entity named '${name}'${
          names ? ` (found: ${names})` : ''
        }`,
      );
    }
  } else {
    picked = entities.find(
      e =>
        typeof e.kind === 'string' &&
        e.kind.toLocaleLowerCase('en-US') === 'component',
    );
    if (!picked) {
      const kinds = [
        ...new Set(
          entities.map(e => (typeof e.kind === 'string' ? e.kind : '?')),
        ),
      ].join(', ');
      throw new UsageError(
        `${file} has no Component (found: ${kinds}); pick an entity with --name`,
      );
    }
  }
  const problem =
    (typeof picked.apiVersion !== 'string' && 'apiVersion is missing') ||
    (typeof picked.kind !== 'string' && 'kind is missing') ||
    (!isRecord(picked.metadata) && 'metadata is missing') ||
    (!nameOf(picked) && 'metadata.name is missing') ||
    (picked.spec !== undefined &&
      !isRecord(picked.spec) &&
      'spec is not an object');
  if (problem) {
    throw new UsageError(`Invalid entity in ${file}: ${problem}`);
  }
  return picked as unknown as Entity;
}

/**
 * Sets the location annotations the catalog adds on ingestion, with the
 * root-relative path of the file, so that catalog checks point their
 * evidence at it.
 */
export function withLocation(entity: Entity, path: string): Entity {
  const location = `file:${path}`;
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
      },
    },
  };
}

async function readOwnFile(path: string, shown: string, maxBytes: number) {
  const st = await fs.stat(path).catch(() => undefined);
  if (!st) throw new UsageError(`Entity file not found: ${shown}`);
  if (!st.isFile()) throw new UsageError(`Entity file is not a file: ${shown}`);
  if (st.size > maxBytes) {
    throw new UsageError(
      `Entity file ${shown} is over the size cap of ${maxBytes} bytes`,
    );
  }
  try {
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `Entity file ${shown} cannot be read: ${(error as Error).message}`,
    );
  }
}

/**
 * Reads the entity: `--entity FILE`, else `catalog-info.yaml` in the audited
 * folder (read through the snapshot, so under the same limits and never
 * through a link out of the root), else an assumed Component.
 */
export async function loadEntity(
  options: LoadEntityOptions,
): Promise<LoadedEntity> {
  const notes: string[] = [];
  if (options.entityFile !== undefined) {
    const abs = resolve(options.entityFile);
    const text = await readOwnFile(
      abs,
      options.entityFile,
      options.limits.maxFileBytes,
    );
    const real = await fs.realpath(abs).catch(() => abs);
    const file = isInside(options.root, real)
      ? relative(options.root, real).split(sep).join('/')
      : options.entityFile;
    const entity = pickEntity(text, options.entityFile, options.name);
    return {
      entity: file === options.entityFile ? entity : withLocation(entity, file),
      file,
      fromFile: true,
      notes,
    };
  }
  const prefix = options.entityPath ? `${options.entityPath}/` : '';
  const listed = new Set(options.snapshot.paths);
  for (const fileName of CATALOG_FILE_NAMES) {
    const path = `${prefix}${fileName}`;
    if (!listed.has(path)) {
      const skipped = options.snapshot
        .skipped()
        .find(s => s.path === path && s.reason === 'symlink-outside-root');
      if (skipped) {
        notes.push(
          `${path} is a symbolic link that leaves the repository root: ignored`,
        );
      }
      continue;
    }
    const text = await options.snapshot.readText(path);
    if (text === undefined) {
      const reason = options.snapshot
        .skipped()
        .find(s => s.path === path)?.reason;
      throw new UsageError(
        `${path} cannot be read${reason ? ` (${reason})` : ''}`,
      );
    }
    return {
      entity: withLocation(pickEntity(text, path, options.name), path),
      file: path,
      fromFile: true,
      notes,
    };
  }
  return {
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: options.name
          ? entityNameFromFolder(options.name)
          : entityNameFromFolder(options.folder),
      },
      spec: { type: options.type },
    },
    fromFile: false,
    notes,
  };
}
