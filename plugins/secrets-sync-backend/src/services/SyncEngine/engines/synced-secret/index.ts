import { bindEngine } from '../../bindEngine';
import type { BoundSyncEngine, EngineDeps } from '../../types';
import { syncedSecretEngine } from './engine';

export { syncedSecretEngine } from './engine';
export type { SyncedSecretContract } from './contractSchema';

/** The `synced-secret` engine, bound to the services it reads. */
export function createSyncedSecretEngine(
  options: Omit<EngineDeps, 'now'> & { now?: () => Date },
): BoundSyncEngine {
  return bindEngine(syncedSecretEngine, options);
}
