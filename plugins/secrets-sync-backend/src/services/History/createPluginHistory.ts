import { randomBytes } from 'node:crypto';
import type {
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { HistoryConfig } from '../../config';
import type { AwsSecretsService } from '../AwsSecrets';
import type { AwsClientFactory } from '../AwsSecrets/createAwsClients';
import type { SyncEngineResolver } from '../SyncEngine';
import { createHistoryDigests } from './createHistoryDigests';
import { createHistoryService, HistoryService } from './createHistoryService';
import { createHistoryStore } from './createHistoryStore';
import { createSecretVersions } from './createSecretVersions';
import { scheduleHistoryRetention } from './scheduleHistoryRetention';

/**
 * The history as the plugin runs it: its tables migrated in the plugin's
 * database, digests keyed with the configured secret, and the retention
 * scheduled.
 */
export async function createPluginHistory(options: {
  config: HistoryConfig;
  database: DatabaseService;
  scheduler: SchedulerService;
  logger: LoggerService;
  clients: AwsClientFactory;
  aws: AwsSecretsService;
  engines: SyncEngineResolver;
}): Promise<HistoryService> {
  const { config, logger } = options;
  if (!config.digestSecret) {
    logger.warn(
      'secretsSync.history.digestSecret is not set: the history digests versions with a key of this process only, and reads them from AWS again after a restart',
    );
  }
  const digests = createHistoryDigests(
    config.digestSecret ?? randomBytes(32).toString('base64url'),
  );
  const store = await createHistoryStore({ database: options.database });
  await scheduleHistoryRetention({
    scheduler: options.scheduler,
    store,
    retentionMs: config.retentionMs,
    logger,
  });
  return createHistoryService({
    store,
    versions: createSecretVersions({ clients: options.clients, digests }),
    digests,
    aws: options.aws,
    engines: options.engines,
    logger,
  });
}
