import type { Knex } from 'knex';

/**
 * Runs knex migrations, on PostgreSQL one replica at a time. knex's own
 * lock lives in a table it creates first: replicas starting together on
 * an empty database both create that table (one fails on a duplicate
 * type) or both insert its lock row (after which no replica can take
 * the lock ever again). A transaction-scoped advisory lock, named after
 * the migrations table, serialises the whole run instead; the replica
 * that waited then finds every migration applied.
 */
export async function runMigrations(
  knex: Knex,
  config: { directory: string; tableName: string },
): Promise<void> {
  const migrate = async () => {
    await knex.migrate.latest(config);
  };
  if (knex.client.dialect !== 'postgresql') {
    // sqlite is one process's; others keep knex's lock alone
    await migrate();
    return;
  }
  await knex.transaction(async lock => {
    await lock.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [
      config.tableName,
    ]);
    // on the pool's other connections; the lock ends with this transaction
    await migrate();
  });
}
