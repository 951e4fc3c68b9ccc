// @ts-check

/**
 * The scorecard JSON (tens of kilobytes each) moves to a table of its own, so
 * that the scorecards table holds only the columns the leaderboard and the
 * summary filter, sort and sum: their scans no longer page through the JSON
 * (at 10,000 entities on SQLite, the summary read ~400 MB per request).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_scorecard_documents', table => {
    table.comment('The full scorecard of each entity, as JSON');
    table.string('entity_ref', 255).primary().notNullable();
    table.text('scorecard', 'longtext').notNullable();
  });
  await knex
    .insert(knex('readiness_scorecards').select('entity_ref', 'scorecard'))
    .into('readiness_scorecard_documents');
  await knex.schema.alterTable('readiness_scorecards', table => {
    table.dropColumn('scorecard');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('readiness_scorecards', table => {
    table.text('scorecard', 'longtext').nullable();
  });
  await knex('readiness_scorecards').update({
    scorecard: knex('readiness_scorecard_documents')
      .select('scorecard')
      .where('readiness_scorecard_documents.entity_ref', knex.ref('readiness_scorecards.entity_ref')),
  });
  await knex.schema.dropTable('readiness_scorecard_documents');
};
