import type { SecretsSyncService } from '../SecretsSync';
import type { OwnerNotifier } from './types';

/**
 * The service with its owners told of every write that landed in a
 * restricted environment: who wrote (the writer the route passes) and
 * which keys. A write that failed tells nobody; a notification that failed
 * does not fail the write.
 */
export function withWriteNotifications(
  service: SecretsSyncService,
  notifier: OwnerNotifier,
): SecretsSyncService {
  return {
    ...service,
    async writeValues(...args: Parameters<SecretsSyncService['writeValues']>) {
      const result = await service.writeValues(...args);
      const [target, change] = args;
      const writer = (args as unknown[])[2] as { actor?: string } | undefined;
      if (target.environment.restricted && result.outcome !== 'failed') {
        await notifier.restrictedWrite({
          target,
          actor: writer?.actor ?? 'someone',
          change,
          ...(result.versionId ? { versionId: result.versionId } : {}),
        });
      }
      return result;
    },
  };
}
