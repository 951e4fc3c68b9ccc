/*
 * The engine's YAML parsing, in one place.
 *
 * The checks' verdicts were built on what the `yaml` package (v2, YAML 1.2
 * core schema) returns. js-yaml parses the same files several times faster,
 * so it does the work here, set up to return the same values:
 *
 * - the core schema with `yaml`'s exact scalar rules: `2024-01-01` and
 *   `yes`/`on` stay strings, `0o14` and `014` are ints but `0b101` and `1_000`
 *   are strings, and `<<` is an ordinary key (no merging);
 * - a tag it does not know (`!Ref`, `!reference`) leaves the value untagged;
 * - `yaml`'s `maxAliasCount` rule against alias bombs;
 * - multi-document texts split per document, at `yaml`'s document offsets.
 *
 * Whenever js-yaml cannot give `yaml`'s answer, the text goes to `yaml`
 * itself, with the options the engine always used: when js-yaml fails or
 * warns (a syntax error, a repeated key `yaml` allows, too many aliases), when
 * a key is a collection or null (stringified otherwise), and for the few
 * texts, found by pattern, that the two read differently (see yamlMustParse).
 * That matters most for documents with syntax errors, Helm templates above
 * all: `yaml` still makes a partial value of them, which the Kubernetes facts
 * use, where js-yaml gives nothing.
 *
 * One deliberate difference: a value that contains itself (`a: &a [*a]`),
 * which `yaml` returned and any recursive walk would never finish, is refused.
 */
import { load, FAILSAFE_SCHEMA, Type } from 'js-yaml';
import { parse as parseWithYaml, parseAllDocuments as parseAllWithYaml } from 'yaml';

/** Options of {@link parseYaml}; the names and defaults are those of the `yaml` package. */
export interface YamlParseOptions {
  /** False accepts a key repeated in one mapping, the last value winning. By default a repeated key is an error. */
  uniqueKeys?: boolean;
  /** False tolerates a few errors that YAML 1.2 requires but that are unambiguous (`yaml`'s `strict`). */
  strict?: boolean;
  /** See {@link YamlDocumentsOptions.maxAliasCount}. */
  maxAliasCount?: number;
}

/** Options of {@link parseYamlDocuments}. */
export interface YamlDocumentsOptions {
  /**
   * Refuse a document whose aliases expand too far, by the rule of `yaml`'s
   * `maxAliasCount` (default 100): each use of an anchor, times the expansion
   * of the aliases inside the anchored node, may not exceed this. Guards code
   * that walks a value recursively against "billion laughs" documents.
   */
  maxAliasCount?: number;
}

/** One document of a multi-document YAML text. */
export interface YamlDocument {
  /** The document's value (null for an empty document); undefined when there is none (see error). */
  value: unknown;
  /** Why the document has no value: an alias that expands too far, names no anchor, or sits in the node it names. */
  error?: Error;
  /** Offset in the text where the document starts: its `---` marker, or else its first content. */
  offset: number;
}

/** Thrown for a value that would contain itself: an alias inside the node it names. */
export class YamlCycleError extends Error {
  constructor() {
    super('An alias refers to a node that contains it');
    this.name = 'YamlCycleError';
  }
}

/** js-yaml cannot give `yaml`'s answer for this text: ask `yaml`. */
class UseYamlPackage extends Error {}

// ---------------------------------------------------------------------------
// Schema: the YAML 1.2 core schema with the scalar rules of `yaml` v2.

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

const toNull = (s: string) => (NULL.test(s) ? null : undefined);
const toBool = (s: string) => (BOOL.test(s) ? s[0] === 't' || s[0] === 'T' : undefined);
function toInt(s: string) {
  if (INT_OCT.test(s)) return parseInt(s.slice(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.slice(2), 16);
  return undefined;
}
function toFloat(s: string) {
  if (FLOAT_NAN.test(s)) {
    if (s.slice(-3).toLowerCase() === 'nan') return NaN;
    return s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  return FLOAT_EXP.test(s) || FLOAT.test(s) ? parseFloat(s) : undefined;
}

/**
 * A core scalar type. A plain scalar resolves to it only when it matches; an
 * explicit tag that does not match (`!!int abc`) leaves the string, as `yaml`
 * does where js-yaml would fail. js-yaml passes the tag only for explicit tags.
 */
function coreScalar(name: string, convert: (s: string) => unknown, empty: unknown) {
  return new Type(`tag:yaml.org,2002:${name}`, {
    kind: 'scalar',
    resolve: (data: string | null, tag?: string) => tag !== undefined || convert(data ?? '') !== undefined,
    construct: (data: string | null) => {
      if (data === null) return empty;
      const value = convert(data);
      return value === undefined ? data : value;
    },
  });
}

/** Any other tag (`!Ref`, `!!python/name:x`): the value as if untagged, as `yaml` does. */
const anyTag = (kind: 'scalar' | 'sequence' | 'mapping') =>
  new Type('', {
    kind,
    multi: true,
    construct: (data: unknown) => (data === null && kind === 'scalar' ? '' : data),
  });

/** YAML 1.1 types that `yaml` still honours when explicitly tagged. */
const TIMESTAMP =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\.[0-9]+)?(?:[ \t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$/;
const explicit11 = [
  new Type('tag:yaml.org,2002:timestamp', {
    kind: 'scalar',
    resolve: (data: string | null) => TIMESTAMP.test(data ?? ''),
    construct: (data: string) => {
      const [, y, mo, d, h = '0', mi = '0', s = '0', frac, tz] = TIMESTAMP.exec(data)!;
      let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) + (frac ? Math.round(Number(frac) * 1000) : 0);
      if (tz && tz !== 'Z') {
        const [th, tm = '0'] = tz.slice(1).split(':');
        ms += (tz[0] === '-' ? 1 : -1) * (Number(th) * 60 + Number(tm)) * 60000;
      }
      return new Date(ms);
    },
  }),
  new Type('tag:yaml.org,2002:binary', {
    kind: 'scalar',
    construct: (data: string | null) => Buffer.from((data ?? '').replace(/\s/g, ''), 'base64'),
  }),
  new Type('tag:yaml.org,2002:set', {
    kind: 'mapping',
    construct: (data: Record<string, unknown> | null) => new Set(Object.keys(data ?? {})),
  }),
  new Type('tag:yaml.org,2002:omap', {
    kind: 'sequence',
    construct: (data: unknown[] | null) =>
      new Map((data ?? []).flatMap(p => (p && typeof p === 'object' ? Object.entries(p) : []))),
  }),
];

const SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [
    coreScalar('null', toNull, null),
    coreScalar('bool', toBool, ''),
    coreScalar('int', toInt, ''),
    coreScalar('float', toFloat, ''),
  ],
  explicit: [...explicit11, anyTag('scalar'), anyTag('sequence'), anyTag('mapping')],
});

// ---------------------------------------------------------------------------
// A js-yaml listener (called as each node opens and closes) that applies
// `yaml`'s alias count and spots keys that `yaml` would stringify differently.

interface LoaderState {
  input: string;
  position: number;
  kind: string | null;
  anchor: string | null;
  result: unknown;
}

interface Anchor {
  /** Uses, counting the definition (as `yaml` counts). */
  count: number;
  /** `yaml`'s getAliasCount of the anchored node, computed at its first use. */
  aliasCount: number;
  /** The alias uses inside the anchored node: uses[from, to). */
  from: number;
  to: number;
  empty: boolean;
}

interface Frame {
  pos: number;
  children: number;
  uses: number;
  flowMapping?: boolean;
}

const isBlank = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isFlowIndicator = (c: number) => c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
const endsName = (c: number) => Number.isNaN(c) || c === 0 || isBlank(c) || isFlowIndicator(c);

/** The offset of the first token at or after `pos`, past blanks and comments. */
function tokenAt(input: string, pos: number): number {
  let i = pos;
  for (;;) {
    while (isBlank(input.charCodeAt(i))) i++;
    if (input.charCodeAt(i) !== 0x23) return i;
    while (i < input.length && input.charCodeAt(i) !== 0x0a) i++;
  }
}

/** The character before `pos`, past blanks (0 at the start). */
function charBefore(input: string, pos: number): number {
  let i = pos - 1;
  while (i >= 0 && isBlank(input.charCodeAt(i))) i--;
  return i >= 0 ? input.charCodeAt(i) : 0;
}

/** The alias name when a node that read no other node starts with `*name` and read past it. */
function aliasName(input: string, pos: number, end: number): string | undefined {
  const i = tokenAt(input, pos);
  if (input.charCodeAt(i) !== 0x2a || i >= end) return undefined;
  let stop = i + 1;
  while (!endsName(input.charCodeAt(stop))) stop++;
  return stop > i + 1 ? input.slice(i + 1, stop) : undefined;
}

/** The offset of the content of the node that opened at `pos`: its first token after any `!tag` or `&anchor`. */
function contentAt(input: string, pos: number): number {
  let i = tokenAt(input, pos);
  while (input.charCodeAt(i) === 0x21 || input.charCodeAt(i) === 0x26) {
    while (!endsName(input.charCodeAt(i))) i++;
    i = tokenAt(input, i);
  }
  return i;
}

/** True when the node that opened at `frame.pos` is a flow mapping (`{`). */
function isFlowMapping(input: string, frame: Frame): boolean {
  frame.flowMapping ??= input.charCodeAt(contentAt(input, frame.pos)) === 0x7b;
  return frame.flowMapping;
}

/**
 * True when the node just closed is a mapping key: a `:` follows on its line,
 * or it follows an explicit `?`, or it is an entry of a flow mapping that
 * does not follow a `:`.
 */
function isKey(input: string, frame: Frame, end: number, parent: Frame | undefined): boolean {
  let i = end;
  while (input.charCodeAt(i) === 0x20 || input.charCodeAt(i) === 0x09) i++;
  if (input.charCodeAt(i) === 0x3a) return true;
  const before = charBefore(input, frame.pos);
  if (before === 0x3f) return true;
  return (before === 0x7b || before === 0x2c) && !!parent && isFlowMapping(input, parent);
}

function listener(maxAliasCount: number) {
  const anchors = new Map<string, Anchor>();
  const uses: Anchor[] = [];
  const frames: Frame[] = [];
  let aliases = 0;
  const weight = (a: Anchor) => {
    let n = a.empty ? 0 : 1;
    for (let i = a.from; i < a.to; i++) n = Math.max(n, uses[i].count * uses[i].aliasCount);
    return n;
  };
  const onEvent = (event: 'open' | 'close', state: LoaderState) => {
    if (event === 'open') {
      if (frames.length) frames[frames.length - 1].children++;
      frames.push({ pos: state.position, children: 0, uses: uses.length });
      return;
    }
    const frame = frames.pop()!;
    const { input, result } = state;
    // `yaml` stringifies a null key as "" and a collection key as YAML text; js-yaml does not.
    if ((result === null || typeof result === 'object') && isKey(input, frame, state.position, frames[frames.length - 1])) {
      throw new UseYamlPackage('a null or collection key');
    }
    // An alias is read by a node that reads no node of its own.
    const name = frame.children === 0 && state.kind === null ? aliasName(input, frame.pos, state.position) : undefined;
    if (name !== undefined) {
      aliases++;
      // Not found: an anchor that is still open, i.e. the alias is inside it (a cycle, see assertAcyclic).
      const anchor = anchors.get(name);
      if (anchor) {
        uses.push(anchor);
        anchor.count++;
        if (anchor.aliasCount === 0) anchor.aliasCount = weight(anchor);
        if (anchor.count * anchor.aliasCount > maxAliasCount) throw new UseYamlPackage('too many aliases');
      }
    }
    if (state.anchor !== null) {
      anchors.set(state.anchor, {
        count: 1,
        aliasCount: 0,
        from: frame.uses,
        to: uses.length,
        empty: Array.isArray(result) ? result.length === 0 : !!result && typeof result === 'object' && Object.keys(result).length === 0,
      });
    }
  };
  /**
   * js-yaml warns of "deficient indentation" when a flow collection in a
   * block one closes at the block's own indentation, which `yaml` accepts:
   * the `]` of `key: [` on its own line below `key`. True for that case only.
   */
  const closesAtBlockIndent = (input: string, position: number, column: number) => {
    if (!frames.length) return false;
    const flow = contentAt(input, frames[frames.length - 1].pos);
    const open = input.charCodeAt(flow);
    const close = input.charCodeAt(position);
    if (!((open === 0x5b && close === 0x5d) || (open === 0x7b && close === 0x7d))) return false;
    // The node around it, past nodes opened at the same place (js-yaml first tries `- [` as a key).
    let k = frames.length - 2;
    while (k >= 0 && contentAt(input, frames[k].pos) === flow) k--;
    if (k < 0) return false;
    const start = contentAt(input, frames[k].pos);
    const c = input.charCodeAt(start);
    if (c === 0x5b || c === 0x7b) return false; // a flow collection in a flow collection
    return start - (input.lastIndexOf('\n', start - 1) + 1) === column;
  };
  return { onEvent, closesAtBlockIndent, sawAlias: () => aliases > 0 };
}

/** Throws when a value contains itself (a node aliased from inside it): a recursive walk would never end. */
function assertAcyclic(value: unknown) {
  const done = new Set<object>();
  const path = new Set<object>();
  const visit = (v: unknown) => {
    if (!v || typeof v !== 'object' || done.has(v)) return;
    if (path.has(v)) throw new YamlCycleError();
    path.add(v);
    for (const child of Object.values(v)) visit(child);
    path.delete(v);
    done.add(v);
  };
  visit(value);
}

// ---------------------------------------------------------------------------

/**
 * `yaml` without its process warnings ("Keys with collection values will be
 * stringified", "Unresolved tag"), which Helm templates raise by the dozen;
 * errors still throw, and values are the same.
 */
const QUIET = 'error';

// Texts js-yaml reads otherwise than `yaml`, found by text (a false alarm only costs a `yaml` parse):
/** A `%YAML` directive other than 1.2: `yaml` switches schema (`yes` is true, `<<` merges). */
const OTHER_VERSION = /^%YAML(?![ \t]+1\.2(?:[ \t#\r]|$))/m;
/** A carriage return without a line feed: a line break for js-yaml, not for `yaml`. */
const LONE_CR = /\r(?!\n)/;
/** `---` glued to text (`---a: 1`) or after a tab: a marker for js-yaml at a document's start, text for `yaml`. */
const ODD_MARKER = /^(?:---\S|\t[ \t]*---)/m;
/**
 * A line that starts with a tab, or a blank line holding one: js-yaml takes
 * the tab for a blank, `yaml` for indentation, an error in many places.
 */
const TAB_LEAD = /^(?:\t|[ \t]*\t[ \t]*\r?$)/m;
// Errors of `yaml` that js-yaml does not raise (they matter to parseYaml only: toJS() ignores errors):
/** Content after `---` on its line (`--- a: 1`). */
const MARKER_CONTENT = /^---[ \t]+[^\s#]/m;
/** With `strict`, a comment glued to a closing quote or bracket (`"a"#c`). */
const GLUED_COMMENT = /["'\]}]#/;
/** With `strict`, an implicit key over 1024 characters (on a line that long). */
function hasLongLine(text: string): boolean {
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (end - start > 1024) return true;
    start = end + 1;
  }
  return false;
}

function yamlMustParse(text: string, single: boolean, strict: boolean): boolean {
  if (OTHER_VERSION.test(text) || ODD_MARKER.test(text) || (text.includes('\r') && LONE_CR.test(text))) return true;
  if (text.includes('\t') && TAB_LEAD.test(text)) return true;
  if (!single) return false;
  return MARKER_CONTENT.test(text) || (strict && (GLUED_COMMENT.test(text) || hasLongLine(text)));
}

/** The document by js-yaml, or UseYamlPackage (or a YAMLException) when `yaml` must decide. */
function loadFast(text: string, uniqueKeys: boolean, maxAliasCount: number): unknown {
  const events = listener(maxAliasCount);
  const value = load(text, {
    schema: SCHEMA,
    json: !uniqueKeys,
    // Its warnings are cases `yaml` rejects (a quoted or flow value's next line indented too little, an
    // unknown directive), but for one.
    onWarning: warning => {
      // Positions are in js-yaml's input (without a byte order mark), as in the listener.
      const { buffer, position, column } = warning.mark;
      if (!events.closesAtBlockIndent(buffer, position, column)) throw new UseYamlPackage(warning.message);
    },
    listener: events.onEvent as (this: unknown, event: 'open' | 'close', state: unknown) => void,
  });
  if (events.sawAlias()) assertAcyclic(value);
  return value === undefined ? null : value;
}

/**
 * Parses a single-document YAML text, as `parse` of the `yaml` package did
 * for the engine: null for an empty text; throws on a syntax error, on
 * several documents, on a repeated key (unless `uniqueKeys: false`), on
 * aliases that expand too far and on a value that would contain itself.
 */
export function parseYaml(text: string, options?: YamlParseOptions): unknown {
  const { uniqueKeys = true, strict = true, maxAliasCount = 100 } = options ?? {};
  if (!yamlMustParse(text, true, strict)) {
    try {
      return loadFast(text, uniqueKeys, maxAliasCount);
    } catch (error) {
      if (error instanceof YamlCycleError) throw error;
    }
  }
  const value = parseWithYaml(text, { uniqueKeys, strict, maxAliasCount, logLevel: QUIET });
  if (text.includes('*')) assertAcyclic(value);
  return value;
}

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r]|$)/;
const CONTENT = /^(?:[ \t]+[^\s#]|[^\s#%])/;

/**
 * Splits a YAML stream into documents by its markers, as `yaml` does: `---`
 * (a new document) and `...` (the end of one) at the start of a line,
 * followed by a blank or the end of the line. A document starts at its `---`,
 * or else at the line of its first content; comments and directives before a
 * `---` belong to the document it opens. A `...` with no document open is an
 * empty document; other text with neither a marker nor content is none.
 */
function splitDocuments(text: string): { start: number; end: number; offset: number }[] {
  const docs: { start: number; end: number; offset: number }[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let offset = -1; // where the current document starts; -1 before its marker or content
  for (let pos = start; pos < text.length; ) {
    const nl = text.indexOf('\n', pos);
    const next = nl === -1 ? text.length : nl + 1;
    const line = text.slice(pos, nl === -1 ? text.length : nl);
    const marker = MARKER.exec(line)?.[0];
    if (marker === '---') {
      if (offset !== -1) {
        docs.push({ start, end: pos, offset });
        start = pos;
      }
      offset = pos;
    } else if (marker === '...') {
      docs.push({ start, end: next, offset: offset === -1 ? pos : offset });
      start = next;
      offset = -1;
    } else if (offset === -1 && CONTENT.test(line)) {
      offset = pos;
    }
    pos = next;
  }
  if (offset !== -1) docs.push({ start, end: text.length, offset });
  return docs;
}

/**
 * Parses every document of a YAML text, as `parseAllDocuments` of the `yaml`
 * package followed by each document's `toJS()`: a document with syntax errors
 * or repeated keys still gives the value `yaml` recovers (the last of repeated
 * keys wins), so one broken document loses neither itself nor the others. A
 * document whose aliases fail has an `error` instead of a value.
 */
export function parseYamlDocuments(text: string, options?: YamlDocumentsOptions): YamlDocument[] {
  const maxAliasCount = options?.maxAliasCount ?? 100;
  if (!yamlMustParse(text, false, false)) {
    const docs: YamlDocument[] = [];
    try {
      for (const { start, end, offset } of splitDocuments(text)) {
        try {
          docs.push({ value: loadFast(text.slice(start, end), false, maxAliasCount), offset });
        } catch (error) {
          if (!(error instanceof YamlCycleError)) throw error;
          docs.push({ value: undefined, error, offset });
        }
      }
      return docs;
    } catch {
      // js-yaml could not parse a document the way `yaml` does: let `yaml` parse them all
    }
  }
  return parseAllWithYaml(text, { logLevel: QUIET }).map(doc => {
    const offset = doc.range?.[0] ?? 0;
    try {
      const value = doc.toJS({ maxAliasCount });
      if (text.includes('*')) assertAcyclic(value);
      return { value, offset };
    } catch (error) {
      return { value: undefined, error: error as Error, offset };
    }
  });
}
