import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { dirname, isAbsolute, resolve } from 'node:path';

/** Where an entity's source lives. */
export type ResolvedSource =
  | { type: 'url'; target: string; location: string }
  | { type: 'file'; path: string; location: string }
  | { type: 'none'; reason: string; location?: string };

function parseLocationRef(ref: string): { type: string; target: string } | undefined {
  const i = ref.indexOf(':');
  if (i <= 0) return undefined;
  return { type: ref.slice(0, i), target: ref.slice(i + 1) };
}

/**
 * The entity's source: `backstage.io/source-location`, else the folder of
 * `backstage.io/managed-by-location`. A relative `file:` source is resolved
 * against the folder of the catalog file that defines the entity.
 */
export function resolveSource(entity: Entity): ResolvedSource {
  const annotations = entity.metadata.annotations ?? {};
  const sourceRef = annotations[ANNOTATION_SOURCE_LOCATION];
  const managedRef = annotations[ANNOTATION_LOCATION];
  const managed = managedRef ? parseLocationRef(managedRef) : undefined;
  const ref = sourceRef ?? managedRef;
  if (!ref) {
    return { type: 'none', reason: 'The entity has no backstage.io/source-location or managed-by-location annotation' };
  }
  const parsed = parseLocationRef(ref);
  if (!parsed || !parsed.target) {
    return {
      type: 'none',
      location: ref,
      reason: `The annotation ${sourceRef ? ANNOTATION_SOURCE_LOCATION : ANNOTATION_LOCATION} is not a location reference (type:target): '${ref}'`,
    };
  }
  const fromManaged = !sourceRef;
  if (parsed.type === 'url') {
    let url: URL;
    try {
      url = new URL(parsed.target);
    } catch {
      return { type: 'none', location: ref, reason: `The source location is not a valid URL: '${parsed.target}'` };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return { type: 'none', location: ref, reason: `Unsupported URL scheme '${url.protocol}' in the source location` };
    }
    // A catalog file's folder is its source.
    const target = fromManaged ? new URL('./', url).toString() : url.toString();
    return { type: 'url', target, location: ref };
  }
  if (parsed.type === 'file') {
    let path = parsed.target;
    if (!isAbsolute(path)) {
      if (managed?.type !== 'file' || !isAbsolute(managed.target)) {
        return { type: 'none', location: ref, reason: `Relative file source '${path}' needs a file managed-by-location to resolve against` };
      }
      path = resolve(dirname(managed.target), path);
    }
    return { type: 'file', path: fromManaged ? dirname(path) : path, location: ref };
  }
  return { type: 'none', location: ref, reason: `Source location type '${parsed.type}' is not supported (use url: or file:)` };
}

/**
 * Splits a GitHub or GitLab tree URL into the repository root tree and the
 * entity's folder inside it, so root files (CI, security) can be read too.
 */
export function splitTreeUrl(target: string): { rootUrl: string; ref: string; entityPath: string } | undefined {
  const m = /^(https?:\/\/[^?#]+?\/(?:-\/)?tree\/([^/?#]+))(?:\/([^?#]*))?\/?(?:[?#].*)?$/.exec(target);
  if (!m) return undefined;
  return { rootUrl: m[1], ref: m[2], entityPath: (m[3] ?? '').replace(/\/+$/, '') };
}
