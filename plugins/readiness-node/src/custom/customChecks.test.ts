import { ConfigReader } from '@backstage/config';
import { AuditEngine } from '../audit/AuditEngine';
import { runCheck, testEntity } from '../checks/testUtils';
import { readCustomChecks } from './customChecks';

const common = {
  id: 'has-codeowners',
  title: 'CODEOWNERS file',
  category: 'operations',
  severity: 'medium',
  description: 'A CODEOWNERS file assigns reviewers.',
  remediation: 'Add .github/CODEOWNERS.',
};

const read = (...checks: object[]) => readCustomChecks(new ConfigReader({ customChecks: checks }));
const one = (check: object) => read({ ...common, ...check })[0];

describe('readCustomChecks', () => {
  it('returns nothing without config', () => {
    expect(readCustomChecks(new ConfigReader({}))).toEqual([]);
  });

  it('builds checks with defaults and origin custom', async () => {
    const check = one({ type: 'file-exists', globs: ['CODEOWNERS'] });
    expect(check).toMatchObject({ id: 'has-codeowners', effort: 'M', scope: 'repository', origin: 'custom' });
    expect(check.rationale).toBeTruthy();
    const engine = new AuditEngine({ checks: [check] });
    expect(engine.definitions()[0]).toMatchObject({ origin: 'custom', weight: 5 });
  });

  describe('file-exists', () => {
    const check = () => one({ type: 'file-exists', globs: ['.github/CODEOWNERS', 'CODEOWNERS'], scope: 'root' });

    it('passes when any glob matches', async () => {
      const r = await runCheck(check(), { '.github/CODEOWNERS': '* @team' });
      expect(r).toMatchObject({ status: 'pass', score: 100 });
      expect(r.evidence[0].path).toBe('.github/CODEOWNERS');
    });

    it('fails when none does (node_modules excluded)', async () => {
      const r = await runCheck(check(), { 'node_modules/x/CODEOWNERS': '', 'README.md': '' });
      expect(r).toMatchObject({ status: 'fail', score: 0, summary: 'No file matches .github/CODEOWNERS, CODEOWNERS' });
    });

    it('honours the entity scope in a monorepo', async () => {
      const c = one({ type: 'file-exists', globs: ['openapi.yaml'] });
      const files = { 'services/b/openapi.yaml': '', 'services/a/index.ts': '' };
      expect((await runCheck(c, files, { entityPath: 'services/a' })).status).toBe('fail');
      expect((await runCheck(c, files, { entityPath: 'services/b' })).status).toBe('pass');
    });
  });

  describe('file-contains', () => {
    const check = (extra: object = {}, limits = {}) =>
      readCustomChecks(
        new ConfigReader({
          customChecks: [{ ...common, type: 'file-contains', glob: '*.ts', pattern: 'helmet\\(', ...extra }],
        }),
        limits,
      )[0];

    it('passes on a match, with the line', async () => {
      const r = await runCheck(check(), { 'src/a.ts': 'x', 'src/app.ts': 'import helmet from "helmet";\napp.use(helmet());\n' });
      expect(r).toMatchObject({ status: 'pass', score: 100 });
      expect(r.evidence[0]).toMatchObject({ path: 'src/app.ts', line: 2 });
    });

    it('applies flags', async () => {
      const r = await runCheck(check({ pattern: 'HELMET\\(', flags: 'i' }), { 'src/app.ts': 'app.use(helmet());' });
      expect(r.status).toBe('pass');
    });

    it('fails without a match or without files', async () => {
      expect(await runCheck(check(), { 'src/app.ts': 'app.use(cors());' })).toMatchObject({ status: 'fail', score: 0 });
      expect((await runCheck(check(), { 'main.go': '' })).summary).toBe('No file matches *.ts');
    });

    it('stops at the file cap and says so', async () => {
      const r = await runCheck(check({}, { maxFiles: 2 }), { 'a.ts': '', 'b.ts': '', 'c.ts': 'helmet()' });
      expect(r).toMatchObject({ status: 'fail', score: 0 });
      expect(r.summary).toContain('stopped after 2 files (file cap)');
    });

    it('stops at the time cap and says so', async () => {
      const r = await runCheck(check({}, { maxMillis: -1 }), { 'a.ts': 'helmet()' });
      expect(r).toMatchObject({ status: 'fail', score: 0 });
      expect(r.summary).toContain('stopped after 0 files (time cap)');
    });

    it('skips files over the size cap', async () => {
      const r = await runCheck(check({}, { maxFileBytes: 10 }), { 'a.ts': `${'x'.repeat(20)}helmet()` });
      expect(r.status).toBe('fail');
    });
  });

  describe('catalog-field', () => {
    const run = (extra: object, entity = testEntity()) =>
      runCheck(one({ type: 'catalog-field', ...extra }), {}, { entity });
    const pd = testEntity({ metadata: { annotations: { 'pagerduty.com/service-id': 'P1' }, tags: ['java', 'web'] } });

    it('exists', async () => {
      const c = { path: 'metadata.annotations["pagerduty.com/service-id"]', exists: true };
      expect(await run(c, pd)).toMatchObject({ status: 'pass', score: 100 });
      expect(await run(c)).toMatchObject({ status: 'fail', score: 0 });
      expect((await run({ ...c, exists: false })).status).toBe('pass');
    });

    it('equals', async () => {
      expect((await run({ path: 'spec.lifecycle', equals: 'production' })).status).toBe('pass');
      const r = await run({ path: "spec['lifecycle']", equals: 'experimental' });
      expect(r).toMatchObject({ status: 'fail', summary: "spec['lifecycle'] is 'production'; expected it to equal 'experimental'" });
    });

    it('matches, on any element of an array', async () => {
      expect((await run({ path: 'metadata.tags', matches: '^we' }, pd)).status).toBe('pass');
      expect((await run({ path: 'metadata.tags[0]', matches: '^we' }, pd)).status).toBe('fail');
      expect((await run({ path: 'spec.owner', matches: '^group:' })).status).toBe('pass');
    });

    it('oneOf', async () => {
      expect((await run({ path: 'spec.type', oneOf: ['service', 'website'] })).status).toBe('pass');
      expect((await run({ path: 'spec.type', oneOf: ['library'] })).status).toBe('fail');
      expect((await run({ path: 'spec.missing', oneOf: ['x'] })).summary).toBe('spec.missing is not set');
    });

    it('is a catalog check', () => {
      expect(one({ type: 'catalog-field', path: 'spec.type', exists: true }).scope).toBe('catalog');
    });
  });

  describe('validation', () => {
    it.each([
      [{ id: undefined }, "'readiness.customChecks[0].id': required"],
      [{ id: 'Has_Codeowners' }, "'readiness.customChecks[0].id': expected kebab-case"],
      [{ title: 3 }, "'readiness.customChecks[0].title': expected a string, got 3"],
      [{ category: 'speed' }, "'readiness.customChecks[0].category': unknown category 'speed'; expected one of security, ci-cd"],
      [{ severity: 'urgent' }, "'readiness.customChecks[0].severity': expected one of critical, high, medium, low, got 'urgent'"],
      [{ effort: 'XL' }, "'readiness.customChecks[0].effort': expected one of S, M, L, got 'XL'"],
      [{ description: '' }, "'readiness.customChecks[0].description': must not be empty"],
      [{ remediation: undefined }, "'readiness.customChecks[0].remediation': required"],
      [{ type: 'shell' }, "'readiness.customChecks[0].type': expected one of file-exists, file-contains, catalog-field, got 'shell'"],
      [{ weight: -1 }, "'readiness.customChecks[0].weight': expected a number >= 0"],
      [{ globs: [] }, "'readiness.customChecks[0].globs': expected a non-empty list of glob strings"],
      [{ globs: ['x'], scope: 'disk' }, "'readiness.customChecks[0].scope': expected one of entity, root, repo, got 'disk'"],
      [{ globs: ['x'], glob: 'x' }, "'readiness.customChecks[0].glob': unknown key for a 'file-exists' check"],
      [{ type: 'file-contains', glob: '*', pattern: '(' }, "'readiness.customChecks[0].pattern': invalid regular expression: "],
      [{ type: 'file-contains', glob: '*' }, "'readiness.customChecks[0].pattern': required"],
      [{ type: 'file-contains', glob: '*', pattern: 'x', flags: 'g' }, "'readiness.customChecks[0].flags': expected regular expression flags among i, m, s, u, got 'g'"],
      [{ type: 'catalog-field', path: 'spec..x', exists: true }, "'readiness.customChecks[0].path': invalid path 'spec..x'"],
      [{ type: 'catalog-field', path: 'spec.x' }, "'readiness.customChecks[0]': a 'catalog-field' check needs exactly one of exists, equals, matches, oneOf; got none"],
      [{ type: 'catalog-field', path: 'spec.x', exists: true, equals: 'a' }, "'readiness.customChecks[0]': a 'catalog-field' check needs exactly one of exists, equals, matches, oneOf; got exists, equals"],
      [{ type: 'catalog-field', path: 'spec.x', exists: 'yes' }, "'readiness.customChecks[0].exists': expected true or false"],
      [{ type: 'catalog-field', path: 'spec.x', equals: { a: 1 } }, "'readiness.customChecks[0].equals': expected a string, number or boolean"],
      [{ type: 'catalog-field', path: 'spec.x', matches: '[' }, "'readiness.customChecks[0].matches': invalid regular expression: "],
      [{ type: 'catalog-field', path: 'spec.x', oneOf: [] }, "'readiness.customChecks[0].oneOf': expected a non-empty list of values"],
    ])('rejects %j: %s', (override, message) => {
      const base = 'type' in override && override.type !== 'file-exists' ? {} : { globs: ['CODEOWNERS'] };
      const entry = { ...common, type: 'file-exists', ...base, ...override } as Record<string, unknown>;
      Object.keys(entry).forEach(k => entry[k] === undefined && delete entry[k]);
      expect(() => read(entry)).toThrow(`Invalid config at ${message}`);
    });

    it('rejects a non-list, a non-object entry and duplicate ids', () => {
      expect(() => readCustomChecks(new ConfigReader({ customChecks: { a: 1 } }))).toThrow(
        "Invalid config at 'readiness.customChecks': expected a list of checks",
      );
      expect(() => readCustomChecks(new ConfigReader({ customChecks: ['x'] }))).toThrow(
        "Invalid config at 'readiness.customChecks[0]': expected an object",
      );
      const c = { ...common, type: 'file-exists', globs: ['x'] };
      expect(() => read(c, c)).toThrow("Invalid config at 'readiness.customChecks[1].id': duplicate check id 'has-codeowners'");
    });

    it('throws an InputError', () => {
      expect(() => read({ ...common, type: 'nope' })).toThrow(expect.objectContaining({ name: 'InputError' }));
    });
  });
});
