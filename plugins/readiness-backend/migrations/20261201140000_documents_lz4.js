// @ts-check

/**
 * On PostgreSQL, scorecard documents (tens of kilobytes of JSON) are compressed
 * with lz4 instead of the default pglz: as small, and about half the server's
 * CPU to write and less to read. Only where the server has lz4 (PostgreSQL 14
 * and later, built with it); elsewhere this changes nothing. Rows written
 * before keep their compression until rewritten.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (await hasLz4(knex)) await setCompression(knex, 'lz4');
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (await hasLz4(knex)) await setCompression(knex, 'pglz');
};

/** @param {import('knex').Knex} knex */
async function hasLz4(knex) {
  if (!String(knex.client.config.client).match(/^(pg|postgres)/)) return false;
  const { rows } = await knex.raw(
    "select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)",
  );
  return rows.length > 0;
}

/**
 * @param {import('knex').Knex} knex
 * @param {'lz4' | 'pglz'} method
 */
async function setCompression(knex, method) {
  await knex.raw(`alter table ?? alter column ?? set compression ${method}`, [
    'readiness_scorecard_documents',
    'scorecard',
  ]);
}
