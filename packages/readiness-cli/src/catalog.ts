import { Config } from '@backstage/config';
import {
  AuditEngine,
  ReadinessCheck,
  builtinChecks,
  readCustomChecks,
} from '@prodready/plugin-readiness-node';
import { UsageError, closest } from './errors';
import { asConfigError } from './config';

/** The summary catalog checks get when there is no entity record. */
export const NO_CATALOG_REASON =
  'No catalog-info.yaml: catalog checks need the entity record';

/** Built-in checks plus the custom checks of `readiness.customChecks`. */
export function loadChecks(
  readiness: Config,
  files: readonly string[],
): ReadinessCheck[] {
  const custom = asConfigError(() => readCustomChecks(readiness), files);
  const builtin = new Set(builtinChecks.map(c => c.id));
  custom.forEach((check, i) => {
    if (builtin.has(check.id)) {
      throw new UsageError(
        `Invalid config at 'readiness.customChecks[${i}].id': '${check.id}' is the id of a built-in check`,
      );
    }
  });
  return [...builtinChecks, ...custom];
}

/** Splits repeatable, comma-separated option values into ids. */
export function parseIdList(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap(v => v.split(','))
    .map(v => v.trim())
    .filter(Boolean);
}

/** Throws a usage error for an id that is not in the catalog. */
export function unknownCheck(
  id: string,
  known: readonly string[],
  where: string,
): never {
  const suggestion = closest(id, known);
  throw new UsageError(
    `Unknown check id '${id}'${where}${
      suggestion ? `; did you mean '${suggestion}'?` : ''
    } Run 'readiness checks' to list them`,
  );
}

/** Narrows the checks to `only` (when given) minus `skip`; unknown ids are usage errors. */
export function selectChecks(
  checks: readonly ReadinessCheck[],
  only: readonly string[],
  skip: readonly string[],
): ReadinessCheck[] {
  const known = checks.map(c => c.id);
  for (const id of only)
    if (!known.includes(id)) unknownCheck(id, known, ' in --checks');
  for (const id of skip)
    if (!known.includes(id)) unknownCheck(id, known, ' in --skip');
  const wanted = only.length > 0 ? new Set(only) : undefined;
  const skipped = new Set(skip);
  return checks.filter(
    c => (!wanted || wanted.has(c.id)) && !skipped.has(c.id),
  );
}

/**
 * Marks catalog checks not applicable, with `reason`: used when there is no
 * entity record. The engine then leaves them out of the score.
 */
export function withoutCatalog(
  checks: readonly ReadinessCheck[],
  reason: string = NO_CATALOG_REASON,
): ReadinessCheck[] {
  return checks.map(check => {
    if (check.scope !== 'catalog') return check;
    // Inherit every property (id, texts, origin, weight) from the check itself.
    // defineProperty, not assignment: the check may be frozen.
    return Object.create(check, {
      applies: { value: () => ({ reason }), enumerable: true },
    }) as ReadinessCheck;
  });
}

/** Builds the engine, reporting bad config (named key) and duplicate ids as usage errors. */
export function createEngine(
  checks: ReadinessCheck[],
  readiness: Config,
  files: readonly string[],
): AuditEngine {
  return asConfigError(
    () => new AuditEngine({ checks, config: readiness }),
    files,
  );
}
