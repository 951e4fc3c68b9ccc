import knex, { Knex } from 'knex';
import type { Config } from './config';

export function createDb(config: Config): Knex {
  return knex({
    client: 'pg',
    connection: config.DATABASE_URL,
    pool: { min: 0, max: config.DATABASE_POOL_MAX },
    acquireConnectionTimeout: 5_000,
  });
}
