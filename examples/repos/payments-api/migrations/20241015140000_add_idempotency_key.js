// Clients retry POST /v1/payments on timeouts; the key makes the retry return
// the payment created by the first attempt instead of charging twice.
exports.up = async function up(knex) {
  await knex.schema.alterTable('payments', table => {
    table.string('idempotency_key', 64).unique();
  });
};

exports.down = async function down(knex) {
  await knex.schema.alterTable('payments', table => {
    table.dropUnique(['idempotency_key']);
    table.dropColumn('idempotency_key');
  });
};
