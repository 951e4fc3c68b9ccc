import { dbMigrationsCheck, dbReversibleMigrationsCheck } from './data';
import { runCheck } from './testUtils';

const pg = { 'package.json': JSON.stringify({ dependencies: { pg: '^8.0.0' } }) };
const goMod = { 'go.mod': 'module x\n\nrequire github.com/lib/pq v1.10.9\n' };
const py = { 'requirements.txt': 'sqlalchemy==2.0\nalembic==1.13\n' };

describe('db-migrations', () => {
  it.each([
    ['Flyway', { ...goMod, 'db/migration/V1__init.sql': 'create table a (id int);' }],
    ['Liquibase', { ...goMod, 'src/main/resources/db/changelog/db.changelog-master.yaml': 'databaseChangeLog: []\n' }],
    ['Alembic', { ...py, 'alembic.ini': '[alembic]\n' }],
    ['Django', { 'requirements.txt': 'django==5.0\n', 'app/migrations/0001_initial.py': 'class Migration(migrations.Migration):\n    pass\n' }],
    ['Rails', { Gemfile: "gem 'rails'\ngem 'pg'\n", 'db/migrate/20240101_create_users.rb': 'class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n  end\nend\n' }],
    ['Prisma', { ...pg, 'prisma/migrations/20240101_init/migration.sql': 'CREATE TABLE a ();' }],
    ['golang-migrate', { ...goMod, 'migrations/000001_init.up.sql': 'create table a ();' }],
    ['goose', { ...goMod, 'db/00001_init.sql': '-- +goose Up\ncreate table a ();\n' }],
    ['knex', { ...pg, 'knexfile.js': 'module.exports = {}' }],
    ['TypeORM', { ...pg, 'src/migrations/1700-Init.ts': 'export class Init1700 implements MigrationInterface { async up(q) { await q.query("x"); } }' }],
    ['Entity Framework', { 'api.csproj': '<PackageReference Include="Npgsql" />', 'Migrations/2024_Init.cs': 'public partial class Init : Migration {\n protected override void Up(MigrationBuilder b) { b.CreateTable(); }\n}' }],
    ['sqlx', { 'Cargo.toml': '[dependencies]\nsqlx = "0.7"\n', 'migrations/20240101_init.sql': 'create table a ();' }],
    ['Diesel', { 'Cargo.toml': '[dependencies]\ndiesel = "2"\n', 'migrations/2024-01-01_init/up.sql': 'create table a ();' }],
  ])('passes on %s', async (tool, files) => {
    const r = await runCheck(dbMigrationsCheck, files as Record<string, string>);
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.summary).toContain(tool);
  });

  it('fails with a driver and no migrations, pointing at the driver', async () => {
    const r = await runCheck(dbMigrationsCheck, { ...pg, 'src/db.ts': 'new Pool()', 'schema.sql': 'create table a ();' });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
    expect(r.evidence[0].path).toBe('package.json');
  });

  it('ignores migrations inside node_modules', async () => {
    const r = await runCheck(dbMigrationsCheck, { ...pg, 'node_modules/lib/migrations/001.up.sql': 'x' });
    expect(r.status).toBe('fail');
  });

  it('is not applicable without a database driver', async () => {
    const r = await runCheck(dbMigrationsCheck, {
      'package.json': JSON.stringify({ dependencies: { express: '4' } }),
      'migrations/000001_init.up.sql': 'x',
    });
    expect(r.status).toBe('not-applicable');
  });
});

describe('db-reversible-migrations', () => {
  it('passes when every .up.sql has a non-empty .down.sql', async () => {
    const r = await runCheck(dbReversibleMigrationsCheck, {
      'migrations/1_a.up.sql': 'create table a ();',
      'migrations/1_a.down.sql': 'drop table a;',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
  });

  it('scores the share of reversible migrations (empty down files do not count)', async () => {
    const r = await runCheck(dbReversibleMigrationsCheck, {
      'migrations/1_a.up.sql': 'create table a ();',
      'migrations/1_a.down.sql': 'drop table a;',
      'migrations/2_b.up.sql': 'create table b ();',
      'migrations/2_b.down.sql': '-- nothing\n',
      'migrations/3_c.up.sql': 'create table c ();',
      'migrations/4_d.up.sql': 'create table d ();',
      'migrations/4_d.down.sql': 'drop table d;',
    });
    expect(r).toMatchObject({ status: 'partial', score: 50 });
    expect(r.evidence.map(e => e.path)).toEqual(['migrations/2_b.up.sql', 'migrations/3_c.up.sql']);
  });

  it('fails on Flyway without undo migrations, passes with them', async () => {
    const v = { 'db/migration/V1__a.sql': 'x', 'db/migration/V2__b.sql': 'y' };
    expect(await runCheck(dbReversibleMigrationsCheck, v)).toMatchObject({ status: 'fail', score: 0 });
    const r = await runCheck(dbReversibleMigrationsCheck, { ...v, 'db/migration/U1__a.sql': 'x' });
    expect(r).toMatchObject({ status: 'partial', score: 50 });
  });

  it('judges goose Down sections', async () => {
    const r = await runCheck(dbReversibleMigrationsCheck, {
      'db/1_a.sql': '-- +goose Up\ncreate table a ();\n-- +goose Down\ndrop table a;\n',
      'db/2_b.sql': '-- +goose Up\ncreate table b ();\n-- +goose Down\n-- TODO\n',
    });
    expect(r).toMatchObject({ status: 'partial', score: 50 });
    expect(r.evidence[0].path).toBe('db/2_b.sql');
  });

  it('judges Alembic downgrade bodies (pass is not a reversal)', async () => {
    const rev = (body: string) => `revision = "abc"\ndown_revision = None\n\ndef upgrade() -> None:\n    op.create_table("a")\n\n\ndef downgrade() -> None:\n${body}\n`;
    const r = await runCheck(dbReversibleMigrationsCheck, {
      'alembic/versions/1_a.py': rev('    """Undo."""\n    # nothing\n    pass'),
      'alembic/versions/2_b.py': rev('    op.drop_table("a")'),
    });
    expect(r).toMatchObject({ status: 'partial', score: 50 });
    expect(r.evidence[0].path).toBe('alembic/versions/1_a.py');
  });

  it('judges knex down functions', async () => {
    const r = await runCheck(dbReversibleMigrationsCheck, {
      'migrations/1_a.js': "exports.up = knex => knex.schema.createTable('a', t => {});\nexports.down = knex => knex.schema.dropTable('a');\n",
      'migrations/2_b.ts': "export async function up(knex) { await knex.schema.createTable('b'); }\nexport async function down(knex) {\n  // irreversible\n}\n",
      'migrations/3_c.js': "exports.up = function (knex) { return knex.raw('x'); };\nexports.down = function (knex) { return Promise.resolve(); };\n",
      'migrations/4_d.js': "exports.up = function (knex) { return knex.raw('x'); };\n",
    });
    expect(r).toMatchObject({ status: 'partial', score: 25 });
  });

  it('judges TypeORM and Entity Framework down methods', async () => {
    const r = await runCheck(dbReversibleMigrationsCheck, {
      'src/migrations/1-A.ts': 'export class A implements MigrationInterface {\n  public async up(q: QueryRunner): Promise<void> { await q.query("x"); }\n  public async down(q: QueryRunner): Promise<void> { await q.query("DROP TABLE a"); }\n}\n',
      'Migrations/B.cs': 'class B : Migration {\n  protected override void Up(MigrationBuilder m) { m.CreateTable("b"); }\n  protected override void Down(MigrationBuilder m)\n  {\n  }\n}\n',
    });
    expect(r).toMatchObject({ status: 'partial', score: 50 });
    expect(r.evidence[0].path).toBe('Migrations/B.cs');
  });

  it('counts Liquibase changeSets with rollback', async () => {
    const r = await runCheck(dbReversibleMigrationsCheck, {
      'db/changelog.xml': `<databaseChangeLog>
  <changeSet id="1" author="a"><createTable tableName="a"/><rollback><dropTable tableName="a"/></rollback></changeSet>
  <changeSet id="2" author="a"><sql>update a set x = 1</sql></changeSet>
  <changeSet id="3" author="a"><sql>update a set x = 2</sql></changeSet>
  <changeSet id="4" author="a"><sql>update a set x = 3</sql><rollback>update a set x = 0</rollback></changeSet>
  <changeSet id="5" author="a"><addColumn tableName="a"><column name="b" type="int"><constraints nullable="true"/></column></addColumn></changeSet>
  <changeSet id="6" author="a"><dropColumn tableName="a" columnName="b"/></changeSet>
</databaseChangeLog>`,
    });
    expect(r).toMatchObject({ status: 'partial', score: 50 });
    expect(r.evidence[0]).toMatchObject({ path: 'db/changelog.xml', line: 3 });
  });

  it('counts auto-reversible Liquibase YAML changeSets', async () => {
    const r = await runCheck(dbReversibleMigrationsCheck, {
      'db/db.changelog-1.yaml': `databaseChangeLog:
  - changeSet:
      id: 1
      changes:
        - createTable:
            tableName: a
  - changeSet:
      id: 2
      changes:
        - sql:
            sql: update a set x = 1
`,
    });
    expect(r).toMatchObject({ status: 'partial', score: 50 });
  });

  it('counts Django migrations as reversible unless RunPython lacks reverse_code', async () => {
    const mig = (ops: string) => `from django.db import migrations\nclass Migration(migrations.Migration):\n    operations = [\n        ${ops}\n    ]\n`;
    const r = await runCheck(dbReversibleMigrationsCheck, {
      'app/migrations/0001_initial.py': mig('migrations.CreateModel(name="A", fields=[])'),
      'app/migrations/0002_data.py': mig('migrations.RunPython(forwards, migrations.RunPython.noop)'),
      'app/migrations/0003_data.py': mig('migrations.RunPython(forwards)'),
      'app/migrations/0004_data.py': mig('migrations.RunPython(code=forwards, reverse_code=backwards)'),
    });
    expect(r).toMatchObject({ status: 'partial', score: 75 });
    expect(r.evidence[0]).toMatchObject({ path: 'app/migrations/0003_data.py', line: 4 });
  });

  it('judges Rails migrations', async () => {
    const r = await runCheck(dbReversibleMigrationsCheck, {
      'db/migrate/1_a.rb': 'class A < ActiveRecord::Migration[7.1]\n  def change\n    create_table :a\n  end\nend\n',
      'db/migrate/2_b.rb': 'class B < ActiveRecord::Migration[7.1]\n  def up\n    execute "x"\n  end\nend\n',
      'db/migrate/3_c.rb': 'class C < ActiveRecord::Migration[7.1]\n  def up\n    execute "x"\n  end\n  def down\n    raise ActiveRecord::IrreversibleMigration\n  end\nend\n',
    });
    expect(r.score).toBe(33);
  });

  it('fails on forward-only Prisma migrations', async () => {
    const r = await runCheck(dbReversibleMigrationsCheck, { 'prisma/migrations/1_init/migration.sql': 'CREATE TABLE a ();' });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
    expect(r.summary).toContain('Prisma');
  });

  it('is not applicable without migrations (a knexfile alone has none to judge)', async () => {
    expect((await runCheck(dbReversibleMigrationsCheck, { 'src/index.ts': '' })).status).toBe('not-applicable');
    expect((await runCheck(dbReversibleMigrationsCheck, { ...pg, 'knexfile.js': '' })).status).toBe('not-applicable');
  });
});
