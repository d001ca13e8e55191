import { z } from 'zod';

/**
 * `secretsSync.restrictedWriters`: group or user entity refs; none by
 * default. Validated with the rest of the section when the plugin starts;
 * the permission policy module reads the same key to decide restricted
 * writes.
 */
export const restrictedWritersSchema = z.array(z.string()).default([]);
