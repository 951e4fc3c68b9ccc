import { Entity } from '@backstage/catalog-model';
import { findDependency } from './dependencies';
import { RepoView } from './RepoView';

/** The entity's `spec.type`, lower case ('' when unset). @public */
export function entityType(entity: Entity): string {
  const type = (entity.spec as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? type.toLowerCase() : '';
}

/** Libraries and SDKs are not deployed: no container, health or shutdown. @public */
export function isLibrary(entity: Entity): boolean {
  return ['library', 'sdk', 'package', 'backstage-plugin'].includes(entityType(entity));
}

/** A static website serves no health endpoint of its own. @public */
export function isWebsite(entity: Entity): boolean {
  return entityType(entity) === 'website';
}

/** Serverless Framework or AWS SAM projects: the platform runs the function. @public */
export async function isServerless(repo: RepoView): Promise<string | undefined> {
  const sls = repo.find(['serverless.yml', 'serverless.yaml', 'serverless.ts']);
  if (sls.length) return sls[0];
  for (const f of await repo.findTexts(['template.yaml', 'template.yml', 'samconfig.toml'])) {
    if (/AWS::Serverless|Transform:\s*AWS::Serverless/.test(f.text) || f.path.endsWith('samconfig.toml')) return f.path;
  }
  return undefined;
}

/** Drivers and ORMs that mean the service owns data in a database. @public */
export const DATABASE_DEPENDENCIES: readonly (string | RegExp)[] = [
  // npm
  'pg', 'pg-promise', 'postgres', 'mysql', 'mysql2', 'mariadb', 'mongodb', 'mongoose', 'sqlite3', 'better-sqlite3',
  'tedious', 'mssql', 'oracledb', 'knex', 'sequelize', 'typeorm', '@prisma/client', 'prisma', 'drizzle-orm',
  '@mikro-orm/core', 'objection', 'cassandra-driver', '@aws-sdk/client-dynamodb', 'neo4j-driver',
  // python
  'psycopg', 'psycopg2', 'psycopg2-binary', 'asyncpg', 'pymysql', 'mysqlclient', 'mysql-connector-python',
  'pymongo', 'motor', 'sqlalchemy', 'django', 'peewee', 'tortoise-orm', 'sqlmodel', 'cx_oracle', 'pyodbc',
  // go
  'github.com/lib/pq', /^github\.com\/jackc\/pgx/, 'github.com/go-sql-driver/mysql', 'gorm.io/gorm',
  /^gorm\.io\/driver\//, 'go.mongodb.org/mongo-driver', 'github.com/mattn/go-sqlite3', 'entgo.io/ent',
  'github.com/jmoiron/sqlx', 'github.com/uptrace/bun',
  // jvm
  /^org\.postgresql:/, /^mysql:mysql-connector/, /^com\.mysql:/, /^org\.mariadb\.jdbc:/,
  /:spring-boot-starter-data-(jpa|jdbc|mongodb|r2dbc|cassandra)$/, /^org\.hibernate/, /^org\.flywaydb:/,
  /^org\.liquibase:/, /^com\.oracle\.database\.jdbc:/, /^org\.mongodb:/, /^org\.jetbrains\.exposed:/,
  // rust
  'sqlx', 'diesel', 'tokio-postgres', 'postgres', 'sea-orm', 'mongodb', 'rusqlite',
  // .net
  /^microsoft\.entityframeworkcore/, 'npgsql', 'dapper', 'microsoft.data.sqlclient', 'mongodb.driver',
  // ruby
  'pg', 'mysql2', 'activerecord', 'rails', 'sequel', 'mongoid',
];

/**
 * Evidence that the entity keeps data: a database driver or ORM among its
 * dependencies. Returns the manifest path and the dependency, or undefined.
 * @public
 */
export async function datastoreSignal(repo: RepoView): Promise<{ path: string; line?: number; name: string } | undefined> {
  return repo.memo('classify:datastore', async () => {
    const dep = await findDependency(repo, DATABASE_DEPENDENCIES);
    return dep ? { path: dep.path, line: dep.line, name: dep.name } : undefined;
  });
}

/**
 * An `applies` for checks about running a service (deploying, paging, rolling
 * back): a library is not deployed on its own, so they do not apply to it.
 * @public
 */
export function unlessLibrary(why: string) {
  return (ctx: { entity: Entity }): true | { reason: string } =>
    isLibrary(ctx.entity) ? { reason: `Not applicable: a ${entityType(ctx.entity)} ${why}` } : true;
}
