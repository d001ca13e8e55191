import { bindEngine } from '../../bindEngine';
import type { BoundSyncEngine, EngineDeps } from '../../types';
import { pushSecretEngine } from './engine';

export { pushSecretEngine } from './engine';
export type { PushSecretContract } from './contractSchema';

/** The `push-secret` engine, bound to the services it reads. */
export function createPushSecretEngine(
  options: Omit<EngineDeps, 'now'> & { now?: () => Date },
): BoundSyncEngine {
  return bindEngine(pushSecretEngine, options);
}
