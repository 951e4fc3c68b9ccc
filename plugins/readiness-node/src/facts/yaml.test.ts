import { parseYaml, parseYamlDocuments, YamlCycleError } from './yaml';

// The `yaml` package, counted: the wrapper should need it only for the texts js-yaml cannot match.
jest.mock('yaml', () => {
  const actual = jest.requireActual('yaml');
  return { ...actual, parse: jest.fn(actual.parse), parseAllDocuments: jest.fn(actual.parseAllDocuments) };
});
const mocked = jest.requireMock('yaml') as { parse: jest.Mock; parseAllDocuments: jest.Mock };
// The engine's parser before js-yaml: the oracle.
const yaml = jest.requireActual('yaml') as typeof import('yaml');

/** What the engine got from `yaml` before: the value, or 'throws'. */
function before(text: string, options?: { uniqueKeys?: boolean; strict?: boolean }) {
  try {
    return yaml.parse(text, { ...options, logLevel: 'error' });
  } catch {
    return 'throws';
  }
}
function after(text: string, options?: { uniqueKeys?: boolean; strict?: boolean }) {
  try {
    return parseYaml(text, options);
  } catch {
    return 'throws';
  }
}
/** Documents as the Kubernetes facts read them before: [range[0], toJS() or 'error']. */
function docsBefore(text: string, maxAliasCount = 100) {
  return yaml.parseAllDocuments(text, { logLevel: 'error' }).map(d => {
    try {
      return [d.range[0], d.toJS({ maxAliasCount })];
    } catch {
      return [d.range[0], 'error'];
    }
  });
}
function docsAfter(text: string, maxAliasCount = 100) {
  return parseYamlDocuments(text, { maxAliasCount }).map(d => [d.offset, d.error ? 'error' : d.value]);
}

beforeEach(() => {
  mocked.parse.mockClear();
  mocked.parseAllDocuments.mockClear();
});

describe('schema: the YAML 1.2 core schema, with the scalar rules of yaml v2', () => {
  it.each<[string, string, unknown]>([
    ['timestamps stay strings', 'a: 2024-01-01\nb: 2001-12-14t21:59:43.10-05:00', { a: '2024-01-01', b: '2001-12-14t21:59:43.10-05:00' }],
    ['yes/no/on/off/y/n are strings', 'a: [yes, no, on, off, y, n, Yes, NO]', { a: ['yes', 'no', 'on', 'off', 'y', 'n', 'Yes', 'NO'] }],
    ['booleans', 'a: [true, True, TRUE, false, False, FALSE, tRUE]', { a: [true, true, true, false, false, false, 'tRUE'] }],
    ['nulls', 'a: [~, null, Null, NULL, nUll, ]\nb:', { a: [null, null, null, null, 'nUll'], b: null }],
    ['octal 0o14 and leading-zero 014', 'a: [0o14, 014, 08, 0o19]', { a: [12, 14, 8, '0o19'] }],
    ['hex and signs; no binary or underscores', 'a: [0x1F, 0X1F, +12, -12, 0b101, 1_000, 0x_1]', { a: [31, '0X1F', 12, -12, '0b101', '1_000', '0x_1'] }],
    ['floats', 'a: [1.5, .5, +.5, 1., 1e3, 1.0e+3, 1_000.5, -1.]', { a: [1.5, 0.5, 0.5, 1, 1000, 1000, '1_000.5', -1] }],
    ['sexagesimal is a string', 'a: 1:20', { a: '1:20' }],
    ['<< is an ordinary key: no merge', 'a: &a {x: 1, y: 2}\nb:\n  <<: *a\n  y: 3', { a: { x: 1, y: 2 }, b: { '<<': { x: 1, y: 2 }, y: 3 } }],
    ['a merge list stays a list', 'a: &a {x: 1}\nb:\n  <<: [*a]', { a: { x: 1 }, b: { '<<': [{ x: 1 }] } }],
  ])('%s', (_, text, expected) => {
    expect(parseYaml(text)).toEqual(expected);
    expect(parseYaml(text)).toEqual(before(text));
    expect(mocked.parse).not.toHaveBeenCalled(); // js-yaml did it
  });

  it('reads infinities and NaN', () => {
    expect(parseYaml('a: [.inf, -.Inf, .NaN]')).toEqual({ a: [Infinity, -Infinity, NaN] });
  });

  it('two << keys in one mapping are a repeated key', () => {
    const text = 'a: &a {x: 1}\nc: &c {z: 1}\nb:\n  <<: *a\n  <<: *c';
    expect(after(text)).toBe('throws');
    expect(parseYaml(text, { uniqueKeys: false })).toEqual({ a: { x: 1 }, c: { z: 1 }, b: { '<<': { z: 1 } } });
  });

  it('leaves the value of an unknown tag untagged, as yaml does', () => {
    const text = [
      'a: !Ref foo',
      'b: !Sub [x, y]',
      'c: !GetAtt {x: 1}',
      'd: !Ref 123',
      'e: !reference [.x, y]',
      'f: !!python/name:foo.bar',
      'g: !Ref',
      'h: !<tag:example.com,2000:x> 3',
    ].join('\n');
    expect(parseYaml(text)).toEqual({ a: 'foo', b: ['x', 'y'], c: { x: 1 }, d: '123', e: ['.x', 'y'], f: '', g: '', h: '3' });
    expect(parseYaml(text)).toEqual(before(text));
  });

  it('resolves explicit core tags as yaml does, keeping the string when they do not match', () => {
    const text = 'a: !!int "12"\nb: !!float 1\nc: !!str 12\nd: !!null foo\ne: !!bool yes\nf: !!int 0x1F\ng: ! 12\nh: !!null';
    expect(parseYaml(text)).toEqual({ a: 12, b: '1', c: '12', d: 'foo', e: 'yes', f: 31, g: '12', h: null });
    expect(parseYaml(text)).toEqual(before(text));
  });

  it('honours the YAML 1.1 tags yaml still knows when explicit', () => {
    const text = 'a: !!timestamp 2001-12-14t21:59:43.10-05:00\nb: !!binary aGk=\nc: !!timestamp 2020-01-01';
    expect(JSON.stringify(parseYaml(text))).toBe(JSON.stringify(before(text)));
    expect(JSON.stringify(parseYaml(text))).toBe(
      '{"a":"2001-12-15T02:59:43.100Z","b":{"type":"Buffer","data":[104,105]},"c":"2020-01-01T00:00:00.000Z"}',
    );
  });

  it('hands a %YAML 1.1 document to yaml, which reads it by the 1.1 schema', () => {
    const text = '%YAML 1.1\n---\na: yes\n';
    expect(parseYaml(text)).toEqual({ a: true });
    expect(mocked.parse).toHaveBeenCalledTimes(1);
  });

  it('gives null for an empty text, as yaml does (js-yaml gives undefined)', () => {
    expect(parseYaml('')).toBeNull();
    expect(parseYaml('# only a comment\n')).toBeNull();
    expect(parseYaml('---\n')).toBeNull();
  });

  it('throws on a text of several documents', () => {
    expect(after('a: 1\n---\nb: 2')).toBe('throws');
    expect(after('a: 1\n---\n')).toBe('throws');
    expect(parseYaml('a: 1\n...\n')).toEqual({ a: 1 });
  });
});

describe('repeated keys', () => {
  const text = 'a: 1\nb: 2\na: 3';

  it('are an error by default, as yaml uniqueKeys (the sites catch it and skip the file)', () => {
    expect(() => parseYaml(text)).toThrow();
    expect(before(text)).toBe('throws');
  });

  it('with uniqueKeys: false, the last value wins at the place of the first', () => {
    const value = parseYaml(text, { uniqueKeys: false });
    expect(value).toEqual({ a: 3, b: 2 });
    expect(Object.keys(value as object)).toEqual(['a', 'b']);
    expect(mocked.parse).not.toHaveBeenCalled();
  });

  it('are keys of different scalars for yaml (1 and "1"), so not an error', () => {
    expect(parseYaml('1: a\n"1": b')).toEqual({ 1: 'b' });
    expect(before('1: a\n"1": b')).toEqual({ 1: 'b' });
  });

  it('do not lose a document of a multi-document text: the last wins, as toJS() gave', () => {
    expect(docsAfter('a: 1\na: 2\n---\nb: 1\n')).toEqual([
      [0, { a: 2 }],
      [10, { b: 1 }],
    ]);
    expect(docsAfter('a: 1\na: 2\n---\nb: 1\n')).toEqual(docsBefore('a: 1\na: 2\n---\nb: 1\n'));
  });

  it('keep __proto__ an own key', () => {
    const value = parseYaml('__proto__: {polluted: 1}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('what yaml accepts and rejects, strict or not', () => {
  it.each<[string, string, unknown]>([
    ['a multi-line implicit key of a flow sequence pair', 'a: [ b\n  : c ]\n', { a: [{ b: 'c' }] }],
    ['a comment glued to a quoted value', 'a: "x"# c\n', { a: 'x' }],
    ['a comment glued to a flow collection', 'a: [x]# c\n', { a: ['x'] }],
    ['an implicit key over 1024 characters', `${'k'.repeat(1100)}: 1\n`, { ['k'.repeat(1100)]: 1 }],
  ])('only strict: false accepts %s, as yaml', (_, text, lenient) => {
    expect(after(text)).toBe('throws');
    expect(before(text)).toBe('throws');
    expect(parseYaml(text, { strict: false })).toEqual(lenient);
    expect(before(text, { strict: false })).toEqual(lenient);
  });

  it('content on the --- line is an error either way', () => {
    expect(after('--- a: 1\n')).toBe('throws');
    expect(after('--- a: 1\n', { strict: false })).toBe('throws');
    expect(parseYaml('--- # comment\na: 1\n')).toEqual({ a: 1 });
  });

  it('a quoted value continued on a line indented too little is an error (js-yaml only warns)', () => {
    const text = "a:\n  b: 'x\n  y'\n";
    expect(after(text, { strict: false })).toBe('throws');
    expect(before(text, { strict: false })).toBe('throws');
    expect(parseYaml("a:\n  b: 'x\n   y'\n")).toEqual({ a: { b: 'x y' } });
  });

  it('a tab at the start of a line, or alone on a blank one, is an error in many places (js-yaml skips it)', () => {
    for (const text of ['a: |\n  x\n\t\nb: 1', 'a:\n  b:\n\t', 'a: "x\n\t\n y"']) {
      expect(after(text)).toBe('throws');
      expect(before(text)).toBe('throws');
    }
    expect(parseYaml('a:\n  b: 1\n\t\nc: 2\n')).toEqual({ a: { b: 1 }, c: 2 });
    expect(after('\tInitial commit\n')).toBe('throws');
    expect(before('\tInitial commit\n')).toBe('throws');
    expect(docsAfter('a: |\n  x\n\t\nb: 1')).toEqual(docsBefore('a: |\n  x\n\t\nb: 1'));
  });

  it('--- glued to text is text, and a tab before --- is an error (js-yaml takes both for a marker)', () => {
    expect(parseYaml('---a: 1')).toEqual({ '---a': 1 });
    expect(after('\t---\na: 1')).toBe('throws');
    expect(docsAfter('\t---\na: 1')).toEqual(docsBefore('\t---\na: 1'));
  });

  it('a flow collection may close at the indentation of its block, not below (js-yaml warns of both)', () => {
    const ok = 'services:\n  app:\n    command: [\n      "start",\n      "--uri"\n    ]\n    ports:\n      - "80"\n';
    expect(parseYaml(ok)).toEqual({ services: { app: { command: ['start', '--uri'], ports: ['80'] } } });
    expect(parseYaml(ok)).toEqual(before(ok));
    expect(parseYaml('a:\n  - [\n    x\n  ]\n')).toEqual({ a: [['x']] });
    expect(parseYaml('\ufeffa:\n  b: [\n    x\n  ]\n')).toEqual({ a: { b: ['x'] } }); // positions past a byte order mark
    expect(mocked.parse).not.toHaveBeenCalled();
    for (const text of ['a:\n  b: [\n    x\n ]\n', 'a:\n  b: {\n    x: 1\n}\n', 'a:\n  b: [\n    x,\n  y]\n', 'a:\n  - [\n    [x\n  ]]\n']) {
      expect(after(text)).toBe('throws');
      expect(before(text)).toBe('throws');
    }
    expect(after('\ufeffa:\n  b: [\n    x\n ]\n')).toBe('throws');
  });

  it('a lone carriage return is no line break, as for yaml', () => {
    expect(after('a: 1\rb: 2')).toBe('throws');
    expect(parseYaml('a: x\ry\n')).toEqual({ a: 'x\ry' });
    expect(parseYaml('a: 1\r\nb: 2\r\n')).toEqual({ a: 1, b: 2 });
  });
});

describe('keys that are collections or null (templated Helm files)', () => {
  it('are stringified as yaml does, without its process warnings', () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const text = 'metadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n';
      // js-yaml alone would give "[object Object]" keys
      expect(parseYaml(text)).toEqual({ metadata: { name: { '{ .Release.Name }': null } }, spec: { replicas: { '{ .Values.replicas }': null } } });
      expect(parseYaml(text)).toEqual(before(text));
      const broken = 'metadata:\n  labels:\n    {{- include "x.labels" . | nindent 4 }}\n';
      expect(after(broken)).toBe('throws');
      expect(docsAfter(broken)).toEqual(docsBefore(broken));
      expect(parseYaml('? [a, b]\n: c\n')).toEqual({ '[ a, b ]': 'c' });
      expect(parseYaml('a: &k {x: 1}\n? *k\n: v\n')).toEqual(before('a: &k {x: 1}\n? *k\n: v\n'));
      expect(parseYaml('~: x\n')).toEqual({ '': 'x' });
      expect(parseYaml('{a: 1, [b]}')).toEqual(before('{a: 1, [b]}'));
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('leave ordinary keys, aliases and flow values to js-yaml', () => {
    const text = 'on:\n  push: {branches: [main]}\nenv: &e {A: 1}\njobs:\n  a: {env: *e, steps: [{run: x}]}\n  ? b\n  : 1\n';
    expect(parseYaml(text)).toEqual(before(text));
    expect(mocked.parse).not.toHaveBeenCalled();
  });
});

describe('multi-document texts', () => {
  it('split on --- and ... at the start of a line, with the offsets of yaml', () => {
    const cases = [
      'a: 1\n---\nb: 2\n',
      '# c\n\na: 1\n---\n# d\nb: 2\n',
      '---\na: 1\n--- # x\nb: 2\n---\n',
      'a: 1\n...\n---\nb: 2\n...\n',
      'a: 1\n...\nb: 2\n',
      '%YAML 1.2\n---\na: 1\n',
      '\ufeff  a: 1\n',
      'a: 1\r\n---\r\nb: 2\r\n',
      '  a: 1\n',
      'a\n...\n...\nb\n',
      '--- |\n  text\n---\nb: 1\n',
      '',
      '# only a comment\n',
    ];
    for (const text of cases) expect(docsAfter(text)).toEqual(docsBefore(text));
    expect(docsAfter('# c\n\na: 1\n---\n# d\nb: 2\n')).toEqual([
      [5, { a: 1 }],
      [10, { b: 2 }],
    ]);
  });

  it('do not split on --- inside a block scalar, nor on ---text or a tab after ---', () => {
    expect(docsAfter('a: |\n  x\n  ---\n  y\nb: 1\n')).toEqual([[0, { a: 'x\n---\ny\n', b: 1 }]]);
    expect(docsAfter('a: 1\n---b: 2\n')).toEqual([[0, { a: 1, '---b': 2 }]]);
    expect(docsAfter('a: |\n  x\n---\nb: 1\n')).toEqual([
      [0, { a: 'x\n' }],
      [9, { b: 1 }],
    ]);
  });

  it('keep the other documents when one is broken, and what yaml recovers of the broken one', () => {
    const text = 'kind: A\n---\nkind: B\n  bad: [\n---\nkind: C\n';
    const docs = docsAfter(text);
    expect(docs).toEqual(docsBefore(text));
    expect(docs[0]).toEqual([0, { kind: 'A' }]);
    expect(docs[2]).toEqual([29, { kind: 'C' }]);
    // An unclosed flow sequence: js-yaml gives nothing, yaml recovers the Pod, which the Kubernetes facts count.
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec: [a, b\n';
    expect(docsAfter(pod)).toEqual([[0, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: ['a', 'b'] }]]);
  });

  it('give a document with an unknown alias an error, and keep the others', () => {
    expect(docsAfter('a: *nope\n---\nb: 1\n')).toEqual([
      [0, 'error'],
      [9, { b: 1 }],
    ]);
    expect(docsAfter('a: &x 1\n---\nb: *x\n')).toEqual(docsBefore('a: &x 1\n---\nb: *x\n'));
  });

  it('use js-yaml alone for well-formed documents', () => {
    parseYamlDocuments('apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\napiVersion: apps/v1\nkind: Deployment\n');
    expect(mocked.parseAllDocuments).not.toHaveBeenCalled();
  });
});

describe('aliases', () => {
  const laughs = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...'bcdefghi'.split('').map((x, i) => `${x}: &${x} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  ].join('\n');
  const uses = (n: number) => ['- &a {x: 1}', ...Array(n).fill('- *a')].join('\n');

  it('refuses a billion laughs, quickly', () => {
    const start = Date.now();
    expect(() => parseYaml(laughs)).toThrow(/alias/i);
    expect(docsAfter(`${laughs}\n---\nok: 1\n`)).toEqual([
      [0, 'error'],
      [expect.any(Number), { ok: 1 }],
    ]);
    expect(Date.now() - start).toBeLessThan(1000);
  });

  it('counts as yaml does: the definition and each use, times the aliases inside', () => {
    expect(after(uses(98))).not.toBe('throws');
    expect(after(uses(99))).not.toBe('throws');
    expect(after(uses(100))).toBe('throws');
    expect(before(uses(99))).not.toBe('throws');
    expect(before(uses(100))).toBe('throws');
    expect(docsAfter(uses(49), 50)[0][1]).not.toBe('error');
    expect(docsAfter(uses(50), 50)[0][1]).toBe('error');
    expect(docsAfter(uses(50), 50)).toEqual(docsBefore(uses(50), 50));
    // nested: b holds k uses of a (10 items), c holds k uses of b
    for (const k of [9, 10]) {
      const text = `a: &a [1,2,3,4,5,6,7,8,9,10]\nb: &b [${Array(k).fill('*a').join(',')}]\nc: [${Array(k).fill('*b').join(',')}]\n`;
      expect(after(text)).toEqual(before(text));
    }
    expect(after(`a: &a [1]\nb: &b [${Array(9).fill('*a')}]\nc: [${Array(9).fill('*b')}]`)).not.toBe('throws');
    expect(after(`a: &a [1]\nb: &b [${Array(10).fill('*a')}]\nc: [${Array(10).fill('*b')}]`)).toBe('throws');
  });

  it('share aliased values, and resolve redefined anchors to the last definition', () => {
    const value = parseYaml('a: &a {x: 1}\nb: *a\n') as { a: object; b: object };
    expect(value.b).toBe(value.a);
    expect(parseYaml('a: &x 1\nb: *x\nc: &x 2\nd: *x\n')).toEqual({ a: 1, b: 1, c: 2, d: 2 });
    expect(parseYaml('a: &k key\n*k : v\n')).toEqual({ a: 'key', key: 'v' });
  });

  it('refuses a value that contains itself (yaml returned a cyclic object)', () => {
    expect(() => parseYaml('a: &a\n  k: *a\n')).toThrow(YamlCycleError);
    expect(() => parseYaml('a: &a [1, *a]\n')).toThrow(YamlCycleError);
    expect(docsAfter('a: &a [1, *a]\n---\nb: 1\n')).toEqual([
      [0, 'error'],
      [14, { b: 1 }],
    ]);
  });

  it('does not take an alias key on the line after an empty value for a use of it', () => {
    expect(parseYaml('k: &k key\na:\n*k : v\n')).toEqual(before('k: &k key\na:\n*k : v\n'));
  });
});
