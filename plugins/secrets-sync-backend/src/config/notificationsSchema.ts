import { z } from 'zod';
import { durationMs } from './configSchemas';
import type { NotificationsConfig } from './types';

const DEFAULT_STATUS_CHECK_MS = 5 * 60_000;

/**
 * `secretsSync.notifications`: how often owners' environments are checked
 * for turning `error` or `drifted` (every 5 minutes by default).
 */
export const notificationsSchema = z
  .object({
    statusCheckInterval: durationMs
      .refine(ms => ms >= 60_000, { error: 'must be at least 1 minute' })
      .default(DEFAULT_STATUS_CHECK_MS),
  })
  .default({ statusCheckInterval: DEFAULT_STATUS_CHECK_MS })
  .transform(
    (notifications): NotificationsConfig => ({
      statusCheckIntervalMs: notifications.statusCheckInterval,
    }),
  );
