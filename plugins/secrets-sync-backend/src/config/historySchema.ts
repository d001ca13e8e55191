import { z } from 'zod';
import { durationMs } from './configSchemas';
import type { HistoryConfig } from './types';

const DEFAULT_RETENTION_MS = 90 * 24 * 60 * 60_000;

/**
 * `secretsSync.history`: how long the record of writes and the versions'
 * digests are kept (90 days by default), and the secret their digests are
 * keyed with.
 */
export const historySchema = z
  .object({
    retention: durationMs
      .refine(ms => ms >= 60 * 60_000, { error: 'must be at least 1 hour' })
      .default(DEFAULT_RETENTION_MS),
    digestSecret: z
      .string()
      .min(16, { error: 'must be at least 16 characters long' })
      .optional(),
  })
  .default({ retention: DEFAULT_RETENTION_MS })
  .transform(
    (history): HistoryConfig => ({
      retentionMs: history.retention,
      ...(history.digestSecret ? { digestSecret: history.digestSecret } : {}),
    }),
  );
