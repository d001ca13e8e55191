// @ts-check

/**
 * The record of each write and rollback made through the portal, and the
 * keyed digests of each AWS version's values, so a version's added, changed
 * and removed keys can be told without a value ever being stored.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('secrets_sync_writes', table => {
    table.comment(
      'Each write or rollback of an AWS secret made through the portal',
    );
    table.bigIncrements('id').primary();
    table
      .string('entity_ref')
      .notNullable()
      .comment('Canonical ref of the entity written');
    table.string('environment').notNullable();
    table.string('account_id').notNullable();
    table.string('secret_name').notNullable();
    table.string('action').notNullable().comment('write or rollback');
    table.string('actor').notNullable().comment('User entity ref of who asked');
    table
      .string('outcome')
      .notNullable()
      .comment('written, unchanged or failed');
    table
      .string('version_id')
      .nullable()
      .comment('The AWS version made current');
    table
      .string('from_version_id')
      .nullable()
      .comment('Rollback: the version AWSCURRENT left');
    table.text('keys_set').notNullable().comment('JSON array of key names set');
    table
      .text('keys_unset')
      .notNullable()
      .comment('JSON array of key names unset');
    table.string('mode').nullable().comment('merge or replace');
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.index(
      ['entity_ref', 'environment', 'recorded_at'],
      'secrets_sync_writes_entity_idx',
    );
    table.index(['recorded_at'], 'secrets_sync_writes_recorded_idx');
  });
  await knex.schema.createTable('secrets_sync_version_digests', table => {
    table.comment(
      'Keyed (HMAC) digests of the values of one AWS secret version, never a value',
    );
    table.string('account_id').notNullable();
    table.string('secret_name').notNullable();
    table.string('version_id').notNullable();
    table
      .string('key_id')
      .notNullable()
      .comment(
        'Which digest key made them; digests of other keys do not compare',
      );
    table
      .text('digests')
      .notNullable()
      .comment('JSON object: key name to HMAC-SHA256 digest');
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.primary(['account_id', 'secret_name', 'version_id', 'key_id']);
    table.index(['recorded_at'], 'secrets_sync_version_digests_recorded_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('secrets_sync_version_digests');
  await knex.schema.dropTable('secrets_sync_writes');
};
