import { bindEngine } from '../../bindEngine';
import type { BoundSyncEngine, EngineDeps } from '../../types';
import { clusterExternalSecretEngine } from './engine';

export { clusterExternalSecretEngine } from './engine';
export {
  DEFAULT_CLUSTER_EXTERNAL_SECRET_CONTRACT,
  type ClusterExternalSecretContract,
} from './contractSchema';

/** The `cluster-external-secret` engine, bound to the services it reads. */
export function createClusterExternalSecretEngine(
  options: Omit<EngineDeps, 'now'> & { now?: () => Date },
): BoundSyncEngine {
  return bindEngine(clusterExternalSecretEngine, options);
}
