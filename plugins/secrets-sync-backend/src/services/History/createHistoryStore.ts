import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { runMigrations } from './runMigrations';
import type { HistoryStore, VersionDigests, WriteRecord } from './types';

const WRITES = 'secrets_sync_writes';
const DIGESTS = 'secrets_sync_version_digests';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-secrets-sync-backend',
  'migrations',
);

type WriteRow = {
  entity_ref: string;
  environment: string;
  account_id: string;
  secret_name: string;
  action: string;
  actor: string;
  outcome: string;
  version_id: string | null;
  from_version_id: string | null;
  keys_set: string;
  keys_unset: string;
  mode: string | null;
  recorded_at: Date | string | number;
};

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

function fromRow(row: WriteRow): WriteRecord {
  return {
    entityRef: row.entity_ref,
    environment: row.environment,
    accountId: row.account_id,
    secretName: row.secret_name,
    action: row.action as WriteRecord['action'],
    actor: row.actor,
    outcome: row.outcome as WriteRecord['outcome'],
    ...(row.version_id ? { versionId: row.version_id } : {}),
    ...(row.from_version_id ? { fromVersionId: row.from_version_id } : {}),
    keysSet: JSON.parse(row.keys_set),
    keysUnset: JSON.parse(row.keys_unset),
    ...(row.mode ? { mode: row.mode as WriteRecord['mode'] } : {}),
    recordedAt: toDate(row.recorded_at),
  };
}

/** The store on a knex client whose migrations have run. */
export function createKnexHistoryStore(
  knex: Knex,
  now: () => Date = () => new Date(),
): HistoryStore {
  return {
    async addWrite(record) {
      await knex<WriteRow>(WRITES).insert({
        entity_ref: record.entityRef,
        environment: record.environment,
        account_id: record.accountId,
        secret_name: record.secretName,
        action: record.action,
        actor: record.actor,
        outcome: record.outcome,
        version_id: record.versionId ?? null,
        from_version_id: record.fromVersionId ?? null,
        keys_set: JSON.stringify(record.keysSet),
        keys_unset: JSON.stringify(record.keysUnset),
        mode: record.mode ?? null,
        recorded_at: record.recordedAt,
      });
    },

    async listWrites({ entityRef, environment, limit }) {
      const rows = await knex<WriteRow>(WRITES)
        .where({ entity_ref: entityRef, environment })
        .orderBy([
          { column: 'recorded_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit);
      return rows.map(fromRow);
    },

    async getDigests({ accountId, secretName, versionIds, keyId }) {
      if (!versionIds.length) {
        return [];
      }
      const rows: Array<{ version_id: string; digests: string }> = await knex(
        DIGESTS,
      )
        .select('version_id', 'digests')
        .where({
          account_id: accountId,
          secret_name: secretName,
          key_id: keyId,
        })
        .whereIn('version_id', versionIds);
      return rows.map(
        (row): VersionDigests => ({
          versionId: row.version_id,
          digests: JSON.parse(row.digests),
        }),
      );
    },

    async putDigests({ accountId, secretName, keyId, versions }) {
      if (!versions.length) {
        return;
      }
      await knex(DIGESTS)
        .insert(
          versions.map(version => ({
            account_id: accountId,
            secret_name: secretName,
            version_id: version.versionId,
            key_id: keyId,
            digests: JSON.stringify(version.digests),
            recorded_at: now(),
          })),
        )
        .onConflict(['account_id', 'secret_name', 'version_id', 'key_id'])
        .ignore();
    },

    async deleteOlderThan(before) {
      const writes = await knex(WRITES)
        .where('recorded_at', '<', before)
        .delete();
      const digests = await knex(DIGESTS)
        .where('recorded_at', '<', before)
        .delete();
      return writes + digests;
    },
  };
}

/**
 * The store in the plugin's database (sqlite locally, PostgreSQL in
 * production), its migrations run first unless the deployment skips them.
 */
export async function createHistoryStore(options: {
  database: DatabaseService;
}): Promise<HistoryStore> {
  const knex = await options.database.getClient();
  if (!options.database.migrations?.skip) {
    await runMigrations(knex, {
      directory: migrationsDir,
      tableName: 'secrets_sync_knex_migrations',
    });
  }
  return createKnexHistoryStore(knex);
}
