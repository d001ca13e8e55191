import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { HistoryStore } from './types';

/**
 * Deletes records and digests older than the retention, hourly, on one
 * replica at a time (the scheduler's tasks are cluster-wide).
 */
export async function scheduleHistoryRetention(options: {
  scheduler: SchedulerService;
  store: HistoryStore;
  retentionMs: number;
  logger: LoggerService;
  now?: () => Date;
}): Promise<void> {
  const { scheduler, store, retentionMs, logger } = options;
  const now = options.now ?? (() => new Date());
  await scheduler.scheduleTask({
    id: 'secrets-sync-history-retention',
    frequency: { hours: 1 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      const deleted = await store.deleteOlderThan(
        new Date(now().getTime() - retentionMs),
      );
      if (deleted) {
        logger.info(`Deleted ${deleted} history rows past their retention`);
      }
    },
  });
}
