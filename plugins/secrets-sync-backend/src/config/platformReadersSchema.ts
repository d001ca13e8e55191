import { z } from 'zod';

/**
 * `secretsSync.platformReaders`: group or user entity refs whose members
 * read every entity's topology; none by default. Validated with the rest of
 * the section when the plugin starts; the permission policy module reads the
 * same key, so the backend itself keeps no copy.
 */
export const platformReadersSchema = z.array(z.string().min(1)).default([]);
