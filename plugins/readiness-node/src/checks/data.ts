import { ReadinessCheck, outcome } from '../api/check';
import { datastoreSignal } from '../facts/classify';
import { findDependency } from '../facts/dependencies';
import { RepoView, TextFile, lineOf } from '../facts/RepoView';
import { parseYaml } from '../facts/yaml';

/** One migration (or Liquibase changeSet) and whether it can be undone. */
export interface Migration {
  tool: string;
  path: string;
  line?: number;
  reversible: boolean;
  /** Why it is not reversible. */
  reason?: string;
}

/** What the repository holds: migrations to judge, and config-only signals (a knexfile). */
interface MigrationInventory {
  migrations: Migration[];
  /** Tool configuration without migration files to judge (alembic.ini, knexfile). */
  configs: { tool: string; path: string }[];
}

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const dir = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf('/')));

/** SQL with something other than comments and whitespace. */
function hasSql(text: string | undefined): boolean {
  if (!text) return false;
  return /\S/.test(text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/--.*$/gm, ''));
}

/** Index just past the bracket matching the one at `open`; strings and comments are skipped. */
function matchBracket(text: string, open: number): number {
  const pairs: Record<string, string> = { '{': '}', '(': ')', '[': ']' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i);
      if (i < 0) return text.length;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
      if (i <= 0) return text.length;
      continue;
    }
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (!stack.length) return i + 1;
    }
  }
  return text.length;
}

/**
 * The body of the JS/TS/C# function whose definition starts at `at`
 * (`exports.down = ...`, `async down(q) {`, `void Down(MigrationBuilder m) {`),
 * with comments removed; undefined when none is found.
 */
function functionBody(text: string, at: number): string | undefined {
  let i = at;
  const paren = text.indexOf('(', i);
  const arrowNoParens = /^\s*(?:async\s+)?[A-Za-z_$][\w$]*\s*=>/.exec(text.slice(i, i + 200));
  if (arrowNoParens) i += arrowNoParens[0].length;
  else if (paren >= 0 && paren - i < 200) i = matchBracket(text, paren);
  else return undefined;
  const rest = text.slice(i);
  const arrow = /^\s*(?::\s*[\w<>[\]|. ]+)?\s*=>\s*/.exec(rest);
  let body: string;
  if (arrowNoParens || arrow) {
    const start = arrowNoParens ? i : i + arrow![0].length;
    const s = text.slice(start).trimStart();
    const from = text.length - s.length;
    body = s.startsWith('{') ? text.slice(from + 1, matchBracket(text, from) - 1) : s.split(/;|\n\s*\n|\n(?=\S)/)[0];
  } else {
    const brace = text.indexOf('{', i);
    if (brace < 0 || brace - i > 200) return undefined;
    body = text.slice(brace + 1, matchBracket(text, brace) - 1);
  }
  return body.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').trim();
}

/** A down body that does nothing (or refuses to) is not a reversal. */
function isEmptyBody(body: string | undefined): boolean {
  if (body === undefined) return true;
  const b = body.replace(/\s+/g, ' ').trim();
  return (
    !b ||
    /^(return\s*;?|return\s+Promise\.resolve\(\s*\)\s*;?|Promise\.resolve\(\s*\)|undefined|null|\{\s*\}|await\s+Promise\.resolve\(\s*\)\s*;?)$/.test(b) ||
    /^throw\s+new\s+\w*(Error|Exception)\b/.test(b)
  );
}

/** The body of a Python `def name(...)`: lines indented deeper than the def. */
function pythonBody(text: string, name: string): string | undefined {
  const m = new RegExp(`^([ \\t]*)def ${name}\\s*\\(`, 'm').exec(text);
  if (!m) return undefined;
  const lines = text.slice(m.index).split('\n');
  let i = 0;
  while (i < lines.length && !/:\s*(#.*)?$/.test(lines[i])) i++; // end of signature
  const body: string[] = [];
  for (i++; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) continue;
    if (line.match(/^[ \t]*/)![0].length <= m[1].length) break;
    body.push(line);
  }
  return body.join('\n');
}

/** True when a Python body does nothing: pass, `...`, docstrings, comments, NotImplementedError. */
function isEmptyPythonBody(body: string | undefined): boolean {
  if (body === undefined) return true;
  const code = body
    .replace(/("""|''')[\s\S]*?\1/g, '')
    .split('\n')
    .map(l => l.replace(/#.*$/, '').trim())
    .filter(l => l && l !== 'pass' && l !== '...' && !/^raise\s+NotImplementedError\b/.test(l));
  return code.length === 0;
}

/** Top-level arguments of the call whose `(` is at `open`. */
function callArgs(text: string, open: number): string[] {
  const inner = text.slice(open + 1, matchBracket(text, open) - 1);
  const args: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of inner) {
    if ('([{'.includes(c)) depth++;
    if (')]}'.includes(c)) depth--;
    if (c === ',' && depth === 0) {
      args.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) args.push(cur.trim());
  return args;
}

function django(file: TextFile): Migration {
  // Auto-generated operations are reversible; RunPython/RunSQL only with a reverse.
  for (const [op, kw] of [['RunPython', 'reverse_code'], ['RunSQL', 'reverse_sql']] as const) {
    for (const m of file.text.matchAll(new RegExp(`\\b${op}\\s*\\(`, 'g'))) {
      const args = callArgs(file.text, m.index! + m[0].length - 1);
      const positional = args.filter(a => !/^\w+\s*=/.test(a));
      if (positional.length < 2 && !args.some(a => a.startsWith(`${kw}`))) {
        return {
          tool: 'Django',
          path: file.path,
          line: lineOf(file.text, m.index!),
          reversible: false,
          reason: `${op} without ${kw}`,
        };
      }
    }
  }
  return { tool: 'Django', path: file.path, reversible: true };
}

// Change types Liquibase can roll back without a <rollback> block.
const LIQUIBASE_AUTO_ROLLBACK = new Set(
  'createTable addColumn renameColumn renameTable renameView renameSequence createIndex createView createSequence addForeignKeyConstraint addPrimaryKey addUniqueConstraint addNotNullConstraint dropNotNullConstraint addDefaultValue addLookupTable addAutoIncrement tagDatabase'.split(' '),
);
const LIQUIBASE_META = new Set(['comment', 'preConditions', 'validCheckSum', 'rollback']);

/** True when every change of the changeSet is one Liquibase reverses by itself. */
function autoReversible(changes: string[]): boolean {
  const real = changes.filter(c => !LIQUIBASE_META.has(c));
  return real.length > 0 && real.every(c => LIQUIBASE_AUTO_ROLLBACK.has(c));
}

function liquibase(file: TextFile): Migration[] {
  const out: Migration[] = [];
  const unit = (line: number, reversible: boolean): Migration => ({
    tool: 'Liquibase',
    path: file.path,
    line,
    reversible,
    ...(reversible ? {} : { reason: 'changeSet without rollback' }),
  });
  if (/\.xml$/i.test(file.path)) {
    for (const m of file.text.matchAll(/<changeSet\b[\s\S]*?<\/changeSet>/g)) {
      // The changeSet's tag names, minus the parts nested inside a change (column, where...).
      const inner = m[0].replace(/^<changeSet[^>]*>/, '').replace(/<!--[\s\S]*?-->/g, '');
      const tags = [...inner.matchAll(/<([A-Za-z][\w:]*)\b/g)].map(t => t[1]);
      const changes = tags.filter(t => !['column', 'constraints', 'where', 'param', 'whereParams'].includes(t));
      out.push(unit(lineOf(file.text, m.index!), /<rollback\b/.test(m[0]) || autoReversible(changes)));
    }
  } else if (/\.sql$/i.test(file.path)) {
    const parts = file.text.split(/^(?=--\s*changeset\b)/im).filter(p => /^--\s*changeset\b/i.test(p));
    let offset = 0;
    for (const p of parts) {
      offset = file.text.indexOf(p, offset);
      out.push(unit(lineOf(file.text, offset), /^--\s*rollback\b/im.test(p)));
    }
  } else {
    let doc: { databaseChangeLog?: { changeSet?: { rollback?: unknown; changes?: unknown } }[] } | undefined;
    try {
      doc = /\.json$/i.test(file.path) ? JSON.parse(file.text) : (parseYaml(file.text) as typeof doc);
    } catch {
      return out;
    }
    for (const entry of Array.isArray(doc?.databaseChangeLog) ? doc!.databaseChangeLog : []) {
      if (!entry?.changeSet) continue;
      const changes = Array.isArray(entry.changeSet.changes)
        ? entry.changeSet.changes.flatMap(c => (c && typeof c === 'object' ? Object.keys(c) : []))
        : [];
      out.push(unit(1, entry.changeSet.rollback !== undefined || autoReversible(changes)));
    }
  }
  return out;
}

/** Every migration of the entity, by tool. */
export function migrationInventory(repo: RepoView): Promise<MigrationInventory> {
  return repo.memo('data:migrations', async () => {
    const migrations: Migration[] = [];
    const configs: MigrationInventory['configs'] = [];
    const seen = new Set<string>();
    const take = (p: string) => (seen.has(p) ? false : (seen.add(p), true));
    const sql = repo.find('*.sql');
    const sqlSet = new Set(sql);
    const sqlx = (await findDependency(repo, ['sqlx']))?.ecosystem === 'cargo';

    // golang-migrate / sqlx reversible pairs: NNN_name.up.sql + NNN_name.down.sql.
    for (const up of sql.filter(p => /\.up\.sql$/.test(p) && take(p))) {
      const down = up.replace(/\.up\.sql$/, '.down.sql');
      take(down);
      const ok = sqlSet.has(down) && hasSql(await repo.read(down));
      migrations.push({
        tool: sqlx ? 'sqlx' : 'golang-migrate',
        path: up,
        reversible: ok,
        ...(ok ? {} : { reason: sqlSet.has(down) ? `${base(down)} is empty` : 'no .down.sql' }),
      });
    }
    // Flyway: V<version>__x.sql, undone by U<version>__y.sql.
    const undo = new Set(sql.map(base).filter(n => /^U\d/.test(n)).map(n => n.slice(1).split('__')[0]));
    for (const p of sql.filter(f => /^V\d+([._]\d+)*__.+\.sql$/.test(base(f)) && take(f))) {
      const version = base(p).slice(1).split('__')[0];
      const ok = undo.has(version);
      migrations.push({ tool: 'Flyway', path: p, reversible: ok, ...(ok ? {} : { reason: `no U${version}__ undo migration` }) });
    }
    sql.filter(p => /^U\d/.test(base(p))).forEach(take);
    // Diesel: migrations/<version>/up.sql + down.sql.
    for (const p of sql.filter(f => base(f) === 'up.sql' && /(^|\/)migrations\/[^/]+\/up\.sql$/.test(f) && take(f))) {
      const down = `${dir(p)}/down.sql`;
      take(down);
      const ok = hasSql(await repo.read(down));
      migrations.push({ tool: 'Diesel', path: p, reversible: ok, ...(ok ? {} : { reason: 'down.sql missing or empty' }) });
    }
    // Prisma Migrate writes forward-only migrations.
    for (const p of sql.filter(f => /(^|\/)prisma\/migrations\/[^/]+\/migration\.sql$/.test(f) && take(f))) {
      migrations.push({ tool: 'Prisma', path: p, reversible: false, reason: 'Prisma Migrate has no down migrations' });
    }
    // Liquibase changelogs.
    const liquibaseFiles = await repo.readAll(
      repo.find(['db.changelog*.xml', 'db.changelog*.yaml', 'db.changelog*.yml', 'db.changelog*.json', 'db.changelog*.sql', 'changelog*.xml', '*.xml', '*.sql']).filter(
        p => seen.has(p) === false && (/^db\.changelog/.test(base(p)) || /\.(xml|sql)$/.test(p)),
      ),
    );
    for (const f of liquibaseFiles) {
      const isChangelog =
        /^db\.changelog.*\.(xml|ya?ml|json|sql)$/.test(base(f.path)) ||
        (/\.xml$/.test(f.path) && /<databaseChangeLog\b/.test(f.text)) ||
        (/\.sql$/.test(f.path) && /^--\s*liquibase formatted sql/im.test(f.text));
      if (!isChangelog || !take(f.path)) continue;
      const units = liquibase(f);
      if (units.length) migrations.push(...units);
      else configs.push({ tool: 'Liquibase', path: f.path });
    }
    // goose SQL migrations.
    for (const f of await repo.readAll(sql.filter(p => !seen.has(p)))) {
      const up = /^--\s*\+goose\s+Up\b/im.exec(f.text);
      if (up && take(f.path)) {
        const down = /^--\s*\+goose\s+Down\b/im.exec(f.text);
        const ok = !!down && hasSql(f.text.slice(down.index + down[0].length).replace(/^--\s*\+goose.*$/gim, ''));
        migrations.push({ tool: 'goose', path: f.path, reversible: ok, ...(ok ? {} : { reason: 'no statements under -- +goose Down' }) });
      }
    }
    // sqlx plain (forward-only) migrations.
    if (sqlx) {
      for (const p of sql.filter(f => /(^|\/)migrations\/[^/]+\.sql$/.test(f) && take(f))) {
        migrations.push({ tool: 'sqlx', path: p, reversible: false, reason: 'forward-only sqlx migration (no .down.sql)' });
      }
    }

    // Alembic: alembic.ini and revision files (def upgrade, revision id).
    repo.find('alembic.ini').forEach(path => configs.push({ tool: 'Alembic', path }));
    for (const f of await repo.findTexts('**/versions/*.py')) {
      if (!/^def upgrade\s*\(/m.test(f.text) || !/^(down_)?revision\s*(:[^=]+)?=/m.test(f.text) || !take(f.path)) continue;
      const body = pythonBody(f.text, 'downgrade');
      const ok = !isEmptyPythonBody(body);
      migrations.push({ tool: 'Alembic', path: f.path, reversible: ok, ...(ok ? {} : { reason: 'downgrade() is empty' }) });
    }
    // Django.
    for (const f of await repo.findTexts('**/migrations/[0-9][0-9][0-9][0-9]_*.py')) {
      if (/class\s+Migration\s*\(/.test(f.text) && take(f.path)) migrations.push(django(f));
    }
    // Rails: def change is reversible by default, def down reverses def up.
    for (const f of await repo.findTexts('**/db/migrate/*.rb')) {
      if (!take(f.path)) continue;
      const irreversible = /raise\s+(ActiveRecord::)?IrreversibleMigration/.test(f.text);
      const ok = !irreversible && /^\s*def\s+(change|down)\b/m.test(f.text);
      migrations.push({ tool: 'Rails', path: f.path, reversible: ok, ...(ok ? {} : { reason: irreversible ? 'raises IrreversibleMigration' : 'def up without def down' }) });
    }

    // Code migrations (knex, TypeORM, sequelize, goose Go, EF) live in a migration folder or file.
    repo.find(['knexfile.js', 'knexfile.ts', 'knexfile.cjs', 'knexfile.mjs']).forEach(path => configs.push({ tool: 'knex', path }));
    const code = repo.find(['*.js', '*.cjs', '*.mjs', '*.ts', '*.go', '*.cs']).filter(
      p => /migrat/i.test(p) && !/\.d\.ts$|\.Designer\.cs$|ModelSnapshot\.cs$|\.(test|spec)\.[jt]s$/.test(p) && !seen.has(p),
    );
    for (const f of await repo.readAll(code)) {
      const m = jsOrCsMigration(f);
      if (m && take(f.path)) migrations.push(m);
    }
    return { migrations, configs };
  });
}

function jsOrCsMigration(f: TextFile): Migration | undefined {
  const judge = (tool: string, downAt: number | undefined, what: string): Migration => {
    const ok = downAt !== undefined && !isEmptyBody(functionBody(f.text, downAt));
    return { tool, path: f.path, reversible: ok, ...(ok ? {} : { reason: `${what} missing or empty` }) };
  };
  const find = (re: RegExp) => {
    const m = re.exec(f.text);
    return m ? m.index + m[0].length : undefined;
  };
  if (f.path.endsWith('.cs')) {
    if (!/:\s*Migration\b/.test(f.text) || !/protected\s+override\s+void\s+Up\s*\(/.test(f.text)) return undefined;
    return judge('Entity Framework', find(/protected\s+override\s+void\s+Down\b/), 'Down()');
  }
  if (f.path.endsWith('.go')) {
    const reg = /goose\.AddMigration\w*\s*\(/.exec(f.text);
    if (!reg) return undefined;
    const args = callArgs(f.text, reg.index + reg[0].length - 1);
    const ok = args.length >= 2 && args[1] !== 'nil';
    return { tool: 'goose', path: f.path, reversible: ok, ...(ok ? {} : { reason: 'down function is nil' }) };
  }
  if (/implements\s+MigrationInterface\b/.test(f.text)) {
    return judge('TypeORM', find(/\b(public\s+)?(async\s+)?down\b(?=\s*\()/), 'down()');
  }
  const knexUp = /\bexports\.up\s*=|\bexport\s+(async\s+)?function\s+up\s*\(|\bexport\s+const\s+up\s*=/.test(f.text);
  if (knexUp) {
    return judge(
      'knex',
      find(/\bexports\.down\s*=|\bexport\s+(async\s+)?function\s+down(?=\s*\()|\bexport\s+const\s+down\s*=/),
      'down',
    );
  }
  // sequelize-cli: module.exports = { up: async (queryInterface) => ..., down: ... }
  if (/module\.exports\s*=\s*\{/.test(f.text) && /\bqueryInterface\b/.test(f.text) && /\b(async\s+)?up\s*[:(]/.test(f.text)) {
    return judge('Sequelize', find(/\bdown\s*:|\b(async\s+)?down(?=\s*\()/), 'down');
  }
  return undefined;
}

/** db-migrations: versioned schema migrations with a known tool. */
export const dbMigrationsCheck: ReadinessCheck = {
  id: 'db-migrations',
  title: 'Versioned schema migrations',
  category: 'data',
  severity: 'high',
  effort: 'M',
  scope: 'repository',
  description:
    'Looks for versioned schema migrations: Flyway `V<n>__*.sql`, Liquibase changelogs (`db.changelog*`, or XML with `<databaseChangeLog>`), Alembic (`alembic.ini`, revision files), Django `migrations/0001_*.py`, Rails `db/migrate/*.rb`, `prisma/migrations/`, golang-migrate `*.up.sql`, goose (`-- +goose Up`, `goose.AddMigration`), a knexfile or knex migrations, TypeORM `MigrationInterface`, Sequelize migrations, Entity Framework migrations, sqlx `migrations/*.sql` and Diesel `migrations/*/up.sql`. Not applicable when no database driver or ORM is among the direct dependencies.',
  rationale:
    'Schema changes applied by hand drift between environments and cannot be reviewed, repeated or rolled back; a release then fails on a schema it did not expect.',
  remediation:
    'Adopt a migration tool for your stack (Flyway, Liquibase, Alembic, golang-migrate, Prisma Migrate, knex) and run the versioned migrations in the deployment pipeline.',
  async applies({ repo }) {
    return (await datastoreSignal(repo))
      ? true
      : { reason: 'No database driver or ORM among the direct dependencies' };
  },
  async run({ repo }) {
    const { migrations, configs } = await migrationInventory(repo);
    const driver = await datastoreSignal(repo);
    if (!migrations.length && !configs.length) {
      return outcome.fail(`Uses ${driver?.name ?? 'a database'} but has no versioned migrations`, driver ? [repo.evidence(driver.path, driver.line, driver.name)] : []);
    }
    const tools = [...new Set([...migrations, ...configs].map(m => m.tool))];
    const files = new Set(migrations.map(m => m.path)).size;
    return outcome.pass(
      `${tools.join(', ')} migrations${files ? ` (${files} file(s))` : ` configured in ${configs[0].path}`}`,
      [...configs, ...migrations].slice(0, 5).map(m => repo.evidence(m.path, undefined, m.tool)),
    );
  },
};

/** db-reversible-migrations: the share of migrations that can be rolled back. */
export const dbReversibleMigrationsCheck: ReadinessCheck = {
  id: 'db-reversible-migrations',
  title: 'Reversible migrations',
  category: 'data',
  severity: 'low',
  effort: 'S',
  scope: 'repository',
  description:
    'Score = share of migrations that can be reversed. Reversible: a `.up.sql` with a non-empty `.down.sql`; goose files with statements under `-- +goose Down` (Go: a non-nil down func); Flyway `V<n>__` with a `U<n>__`; Alembic `downgrade()` that does more than `pass`; knex, TypeORM and Sequelize `down` with a body; Liquibase changeSets with `<rollback>` or made only of changes Liquibase rolls back by itself (createTable, addColumn, createIndex, rename..., counted per changeSet; `sql`, `update`, `drop*` need a rollback); Entity Framework `Down()` with a body; Diesel `down.sql` with statements; Django migrations unless `RunPython`/`RunSQL` lacks a reverse; Rails `def change` or `def down` (not raising IrreversibleMigration). Prisma and plain sqlx migrations are forward-only. Not applicable without migration files.',
  rationale:
    'A release that changed the schema can only be rolled back quickly when its migration can be undone; otherwise a bad deploy means a manual database fix under pressure.',
  remediation:
    'Write a down migration for every up migration (down.sql, downgrade(), exports.down, <rollback>) and test it in CI by migrating up, down and up again.',
  async applies({ repo }) {
    const { migrations } = await migrationInventory(repo);
    return migrations.length ? true : { reason: 'No migration files to judge' };
  },
  async run({ repo }) {
    const { migrations } = await migrationInventory(repo);
    const reversible = migrations.filter(m => m.reversible).length;
    const irreversible = migrations.filter(m => !m.reversible);
    const summary = irreversible.length
      ? `${reversible} of ${migrations.length} migrations reversible; ${irreversible[0].path}: ${irreversible[0].reason}`
      : `All ${migrations.length} migrations reversible`;
    return outcome.scored(
      (100 * reversible) / migrations.length,
      summary,
      (irreversible.length ? irreversible : migrations)
        .slice(0, 5)
        .map(m => repo.evidence(m.path, m.line, m.reason ?? `${m.tool} migration`)),
    );
  },
};

/** Data checks. */
export const dataChecks: ReadinessCheck[] = [dbMigrationsCheck, dbReversibleMigrationsCheck];
