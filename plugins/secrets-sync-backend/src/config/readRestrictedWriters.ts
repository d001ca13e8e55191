import type { Config } from '@backstage/config';
import { z } from 'zod';
import { configErrorMap, configPath } from './configSchemas';
import { InvalidConfigError } from './InvalidConfigError';

const KEY = 'secretsSync.restrictedWriters';

/** `secretsSync.restrictedWriters`: group or user entity refs; none by default. */
export const restrictedWritersSchema = z.array(z.string()).default([]);

/**
 * Reads `secretsSync.restrictedWriters`, the one reading both the plugin
 * and the default permission policy use, so the two cannot disagree.
 *
 * @public
 */
export function readRestrictedWriters(config: Config): string[] {
  const parsed = restrictedWritersSchema.safeParse(config.getOptional(KEY), {
    error: configErrorMap,
  });
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new InvalidConfigError(configPath(KEY, issue.path), issue.message);
  }
  return parsed.data;
}
