import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { CATEGORIES, CategoryId, Effort, Severity, isCategoryId } from '@prodready/plugin-readiness-common';
import { CheckOutcome, ReadinessCheck, outcome } from '../api/check';
import { catalogEvidence } from '../checks/catalog';
import { RepoView, SearchScope, lineOf } from '../facts/RepoView';

/** A check defined in `readiness.customChecks`. @public */
export type CustomCheck = ReadinessCheck & { origin: 'custom' };

/** Caps on a `file-contains` scan. @public */
export interface FileContainsLimits {
  /** Files tested at most. */
  maxFiles: number;
  /** Wall time of the scan in milliseconds. */
  maxMillis: number;
  /** Files larger than this are skipped. */
  maxFileBytes: number;
}

/** @public */
export const DEFAULT_FILE_CONTAINS_LIMITS: Readonly<FileContainsLimits> = {
  maxFiles: 500,
  maxMillis: 2000,
  maxFileBytes: 1024 * 1024,
};

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
const EFFORTS: readonly Effort[] = ['S', 'M', 'L'];
const SCOPES: readonly SearchScope[] = ['entity', 'root', 'repo'];
const TYPES = ['file-exists', 'file-contains', 'catalog-field'] as const;
const COMMON_KEYS = ['id', 'title', 'category', 'severity', 'effort', 'description', 'remediation', 'rationale', 'type', 'weight'];
const TYPE_KEYS: Record<(typeof TYPES)[number], string[]> = {
  'file-exists': ['globs', 'scope'],
  'file-contains': ['glob', 'pattern', 'flags', 'scope'],
  'catalog-field': ['path', 'exists', 'equals', 'matches', 'oneOf'],
};
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Reads one entry with errors that name the offending key. */
class Entry {
  constructor(readonly config: Config, readonly prefix: string) {}

  error(key: string, message: string): InputError {
    return new InputError(`Invalid config at '${this.prefix}${key ? `.${key}` : ''}': ${message}`);
  }

  value(key: string): JsonValue | undefined {
    return this.config.getOptional<JsonValue>(key);
  }

  string(key: string, required: true): string;
  string(key: string, required?: false): string | undefined;
  string(key: string, required = false): string | undefined {
    const v = this.value(key);
    if (v === undefined || v === null) {
      if (required) throw this.error(key, 'required');
      return undefined;
    }
    if (typeof v !== 'string') throw this.error(key, `expected a string, got ${JSON.stringify(v)}`);
    if (required && !v.trim()) throw this.error(key, 'must not be empty');
    return v;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback?: T): T {
    const v = (fallback === undefined ? this.string(key, true) : this.string(key)) ?? fallback;
    if (!allowed.includes(v as T)) throw this.error(key, `expected one of ${allowed.join(', ')}, got '${v}'`);
    return v as T;
  }

  regex(key: string, flags?: string): RegExp {
    const source = this.string(key, true);
    try {
      return new RegExp(source, flags);
    } catch (e) {
      throw this.error(key, `invalid regular expression: ${(e as Error).message}`);
    }
  }
}

/** A parsed JSON path: `metadata.annotations["pagerduty.com/service-id"]`, `spec.lifecycle`, `metadata.tags[0]`. */
function parsePath(path: string): (string | number)[] | undefined {
  const segments: (string | number)[] = [];
  const re = /\s*(?:(^|\.)([A-Za-z_$][\w$-]*)|\[\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(\d+))\s*\])/y;
  let at = 0;
  while (at < path.length) {
    re.lastIndex = at;
    const m = re.exec(path);
    if (!m || (m[1] === '' && at > 0)) return undefined;
    const segment = m[2] ?? m[3] ?? m[4];
    segments.push(segment !== undefined ? segment.replace(/\\(.)/g, '$1') : Number(m[5]));
    at = re.lastIndex;
  }
  return segments.length ? segments : undefined;
}

function valueAt(entity: Entity, segments: (string | number)[]): unknown {
  let cur: unknown = entity;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[s];
  }
  return cur;
}

const show = (v: unknown) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));

function fileExists(globs: string[], scope: SearchScope) {
  return async (repo: RepoView): Promise<CheckOutcome> => {
    const found = repo.find(globs, { scope });
    return found.length
      ? outcome.pass(`Found ${found[0]}${found.length > 1 ? ` and ${found.length - 1} more` : ''}`, found.slice(0, 5).map(p => repo.evidence(p)))
      : outcome.fail(`No file matches ${globs.join(', ')}`);
  };
}

function fileContains(glob: string, pattern: RegExp, scope: SearchScope, limits: FileContainsLimits) {
  const re = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  return async (repo: RepoView, signal: AbortSignal): Promise<CheckOutcome> => {
    const paths = repo.find(glob, { scope });
    if (!paths.length) return outcome.fail(`No file matches ${glob}`);
    const started = Date.now();
    let tested = 0;
    for (const path of paths) {
      if (tested >= limits.maxFiles) {
        return outcome.fail(`No match for /${pattern.source}/ in ${tested} file(s); stopped after ${tested} files (file cap) of ${paths.length}`);
      }
      if (Date.now() - started > limits.maxMillis || signal.aborted) {
        return outcome.fail(`No match for /${pattern.source}/; stopped after ${tested} files (time cap) of ${paths.length}`);
      }
      const text = await repo.read(path);
      if (text === undefined || text.length > limits.maxFileBytes) continue;
      tested++;
      const m = re.exec(text);
      if (m) return outcome.pass(`${path} matches /${pattern.source}/`, [repo.evidence(path, lineOf(text, m.index))]);
    }
    return outcome.fail(`None of ${paths.length} file(s) matching ${glob} contains /${pattern.source}/`);
  };
}

type FieldTest = { exists: boolean } | { equals: JsonValue } | { matches: RegExp } | { oneOf: JsonValue[] };

function catalogField(path: string, segments: (string | number)[], test: FieldTest) {
  return (entity: Entity): CheckOutcome => {
    const value = valueAt(entity, segments);
    const present = value !== undefined && value !== null && value !== '';
    // Arrays (tags, links) pass when any element satisfies the test.
    const values = Array.isArray(value) ? value : [value];
    const evidence = [catalogEvidence(entity, path)];
    if ('exists' in test) {
      return present === test.exists
        ? outcome.pass(`${path} ${test.exists ? 'is set' : 'is not set'}`, evidence)
        : outcome.fail(`${path} ${test.exists ? 'is not set' : 'is set'}`, evidence);
    }
    if (!present) return outcome.fail(`${path} is not set`, evidence);
    let ok: boolean;
    let wanted: string;
    if ('equals' in test) {
      ok = values.some(v => v === test.equals);
      wanted = `equal ${show(test.equals)}`;
    } else if ('matches' in test) {
      ok = values.some(v => (typeof v === 'string' || typeof v === 'number') && test.matches.test(String(v)));
      wanted = `match /${test.matches.source}/`;
    } else {
      ok = values.some(v => test.oneOf.includes(v as JsonValue));
      wanted = `be one of ${test.oneOf.map(show).join(', ')}`;
    }
    const shown = typeof value === 'object' ? 'its value' : show(value);
    return ok
      ? outcome.pass(`${path} is ${shown}`, evidence)
      : outcome.fail(`${path} is ${shown}; expected it to ${wanted}`, evidence);
  };
}

function readEntry(entry: Entry, limits: FileContainsLimits): CustomCheck {
  const id = entry.string('id', true);
  if (!KEBAB.test(id)) throw entry.error('id', `expected kebab-case (e.g. 'has-codeowners'), got '${id}'`);
  const type = entry.oneOf('type', TYPES);
  for (const key of entry.config.keys()) {
    if (!COMMON_KEYS.includes(key) && !TYPE_KEYS[type].includes(key)) {
      throw entry.error(key, `unknown key for a '${type}' check; expected ${[...COMMON_KEYS, ...TYPE_KEYS[type]].join(', ')}`);
    }
  }
  const category = entry.string('category', true);
  if (!isCategoryId(category)) {
    throw entry.error('category', `unknown category '${category}'; expected one of ${CATEGORIES.map(c => c.id).join(', ')}`);
  }
  const weight = entry.value('weight');
  if (weight !== undefined && (typeof weight !== 'number' || !(weight >= 0))) {
    throw entry.error('weight', `expected a number >= 0, got ${JSON.stringify(weight)}`);
  }
  const base = {
    id,
    title: entry.string('title', true),
    category: category as CategoryId,
    severity: entry.oneOf('severity', SEVERITIES),
    effort: entry.oneOf('effort', EFFORTS, 'M'),
    description: entry.string('description', true),
    remediation: entry.string('remediation', true),
    rationale: entry.string('rationale') ?? 'Required by the readiness policy of this organisation.',
    ...(typeof weight === 'number' ? { weight } : {}),
    origin: 'custom' as const,
  };

  if (type === 'catalog-field') {
    const path = entry.string('path', true);
    const segments = parsePath(path);
    if (!segments) {
      throw entry.error('path', `invalid path '${path}'; expected e.g. spec.lifecycle or metadata.annotations["pagerduty.com/service-id"]`);
    }
    const given = ['exists', 'equals', 'matches', 'oneOf'].filter(k => entry.value(k) !== undefined);
    if (given.length !== 1) {
      throw entry.error('', `a 'catalog-field' check needs exactly one of exists, equals, matches, oneOf; got ${given.length ? given.join(', ') : 'none'}`);
    }
    let test: FieldTest;
    if (given[0] === 'exists') {
      const exists = entry.value('exists');
      if (typeof exists !== 'boolean') throw entry.error('exists', `expected true or false, got ${JSON.stringify(exists)}`);
      test = { exists };
    } else if (given[0] === 'equals') {
      const equals = entry.value('equals')!;
      if (typeof equals === 'object' && equals !== null) throw entry.error('equals', 'expected a string, number or boolean');
      test = { equals };
    } else if (given[0] === 'matches') {
      test = { matches: entry.regex('matches') };
    } else {
      const oneOf = entry.value('oneOf');
      if (!Array.isArray(oneOf) || !oneOf.length) throw entry.error('oneOf', 'expected a non-empty list of values');
      test = { oneOf };
    }
    const evaluate = catalogField(path, segments, test);
    return { ...base, scope: 'catalog', run: ({ entity }) => evaluate(entity) };
  }

  const scopeValue = entry.oneOf('scope', SCOPES, 'entity');
  if (type === 'file-exists') {
    const globs = entry.value('globs');
    if (!Array.isArray(globs) || !globs.length || globs.some(g => typeof g !== 'string' || !g.trim())) {
      throw entry.error('globs', 'expected a non-empty list of glob strings');
    }
    const evaluate = fileExists(globs as string[], scopeValue);
    return { ...base, scope: 'repository', run: ({ repo }) => evaluate(repo) };
  }
  const glob = entry.string('glob', true);
  const flags = entry.string('flags');
  if (flags !== undefined && !/^[imsu]*$/.test(flags)) {
    throw entry.error('flags', `expected regular expression flags among i, m, s, u, got '${flags}'`);
  }
  const pattern = entry.regex('pattern', flags);
  const evaluate = fileContains(glob, pattern, scopeValue, limits);
  return { ...base, scope: 'repository', run: ({ repo, signal }) => evaluate(repo, signal) };
}

/**
 * Reads `readiness.customChecks`: checks defined in config, without code.
 * `config` is the `readiness` block. Throws an InputError naming the key on
 * bad input; clashes with built-in check ids are the caller's to check.
 * @public
 */
export function readCustomChecks(
  config: Config,
  limits: Partial<FileContainsLimits> = {},
): CustomCheck[] {
  const caps = { ...DEFAULT_FILE_CONTAINS_LIMITS, ...limits };
  const raw = config.getOptional<JsonValue>('customChecks');
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    throw new InputError(`Invalid config at 'readiness.customChecks': expected a list of checks`);
  }
  raw.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new InputError(`Invalid config at 'readiness.customChecks[${i}]': expected an object`);
    }
  });
  const entries = config.getConfigArray('customChecks');
  const seen = new Set<string>();
  return entries.map((c, i) => {
    const check = readEntry(new Entry(c, `readiness.customChecks[${i}]`), caps);
    if (seen.has(check.id)) {
      throw new InputError(`Invalid config at 'readiness.customChecks[${i}].id': duplicate check id '${check.id}'`);
    }
    seen.add(check.id);
    return check;
  });
}
