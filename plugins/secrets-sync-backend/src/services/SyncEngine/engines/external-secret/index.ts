import { bindEngine } from '../../bindEngine';
import type { BoundSyncEngine, EngineDeps } from '../../types';
import { externalSecretEngine } from './engine';

export { externalSecretEngine } from './engine';

/** The `external-secret` engine, bound to the services it reads. */
export function createExternalSecretEngine(
  options: Omit<EngineDeps, 'now'> & { now?: () => Date },
): BoundSyncEngine {
  return bindEngine(externalSecretEngine, options);
}
