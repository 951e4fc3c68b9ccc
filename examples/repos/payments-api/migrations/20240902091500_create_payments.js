exports.up = async function up(knex) {
  await knex.schema.createTable('payments', table => {
    table.uuid('id').primary();
    table.uuid('order_id').notNullable().index();
    table.bigInteger('amount_minor').notNullable();
    table.string('currency', 3).notNullable();
    table.string('method', 16).notNullable();
    table.string('status', 16).notNullable().defaultTo('pending');
    table.timestamps(true, true);
  });
};

exports.down = async function down(knex) {
  await knex.schema.dropTable('payments');
};
