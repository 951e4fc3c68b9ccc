// @ts-check

/**
 * A hash of everything an audit read (check catalog, source revision, catalog
 * record): when a scheduled audit finds it unchanged, it moves the audit time
 * only, without reading or re-scoring the stored scorecard.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('readiness_scorecards', table => {
    table.string('input_hash', 64).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('readiness_scorecards', table => {
    table.dropColumn('input_hash');
  });
};
