import type { SyncStatus } from './schema/openapi';

/**
 * Every status an environment can be in, in the order a person would
 * triage them: healthy first, then transient, then what needs action.
 *
 * @public
 */
export const SYNC_STATUSES: readonly SyncStatus[] = [
  'synced',
  'pending',
  'drifted',
  'not-enabled',
  'upstream-missing',
  'unowned',
  'namespace-missing',
  'error',
];
