// @ts-check

/**
 * Scorecards (one row per entity, with the columns the leaderboard filters and
 * sorts on), their history, and the summaries of scheduled runs.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_scorecards', table => {
    table.comment('The latest production-readiness scorecard of each entity');
    table.string('entity_ref', 255).primary().notNullable();
    table.string('kind', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('title', 255).nullable();
    table.string('owner', 255).nullable();
    table.string('system', 255).nullable();
    table.string('lifecycle', 255).nullable();
    table.string('type', 255).nullable();
    table.integer('score').notNullable();
    table.string('level', 32).notNullable();
    table.string('status', 32).notNullable();
    table.integer('gaps_critical').notNullable().defaultTo(0);
    table.integer('gaps_high').notNullable().defaultTo(0);
    table.integer('gaps_medium').notNullable().defaultTo(0);
    table.integer('gaps_low').notNullable().defaultTo(0);
    table.integer('gaps_total').notNullable().defaultTo(0);
    table.timestamp('audited_at', { useTz: true }).notNullable();
    table.integer('duration_ms').notNullable().defaultTo(0);
    table.text('source_location').nullable();
    table.text('source_etag').nullable();
    table.text('scorecard', 'longtext').notNullable();
    table.index(['score'], 'readiness_scorecards_score_idx');
    table.index(['level'], 'readiness_scorecards_level_idx');
    table.index(['kind'], 'readiness_scorecards_kind_idx');
    table.index(['owner'], 'readiness_scorecards_owner_idx');
    table.index(['system'], 'readiness_scorecards_system_idx');
    table.index(['lifecycle'], 'readiness_scorecards_lifecycle_idx');
    table.index(['name'], 'readiness_scorecards_name_idx');
    table.index(['gaps_total'], 'readiness_scorecards_gaps_idx');
    table.index(['audited_at'], 'readiness_scorecards_audited_at_idx');
  });

  await knex.schema.createTable('readiness_history', table => {
    table.comment('Score history of each entity, for trends');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.timestamp('audited_at', { useTz: true }).notNullable();
    table.integer('score').notNullable();
    table.string('level', 32).notNullable();
    table.text('categories').notNullable();
    table.index(['entity_ref', 'audited_at'], 'readiness_history_entity_idx');
    table.index(['audited_at'], 'readiness_history_audited_at_idx');
  });

  await knex.schema.createTable('readiness_category_scores', table => {
    table.comment('Category scores of the latest scorecards, for org-wide means');
    table.string('entity_ref', 255).notNullable();
    table.string('category', 64).notNullable();
    table.float('score').nullable();
    table.primary(['entity_ref', 'category']);
    table.index(['category'], 'readiness_category_scores_category_idx');
  });

  await knex.schema.createTable('readiness_runs', table => {
    table.comment('Summaries of scheduled audit runs, one row per shard');
    table.integer('shard').primary().notNullable();
    table.timestamp('finished_at', { useTz: true }).notNullable();
    table.text('summary').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_runs');
  await knex.schema.dropTable('readiness_category_scores');
  await knex.schema.dropTable('readiness_history');
  await knex.schema.dropTable('readiness_scorecards');
};
