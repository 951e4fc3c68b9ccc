// Used by the knex CLI (`npm run migrate`, `npm run migrate:rollback`).
// The service builds its own connection in src/db.ts from the same DATABASE_URL.
module.exports = {
  client: 'pg',
  connection: process.env.DATABASE_URL,
  pool: { min: 0, max: 2 },
  migrations: {
    directory: './migrations',
    tableName: 'knex_migrations',
  },
};
