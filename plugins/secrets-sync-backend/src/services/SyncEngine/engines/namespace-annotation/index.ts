import { bindEngine } from '../../bindEngine';
import type { BoundSyncEngine, EngineDeps } from '../../types';
import { namespaceAnnotationEngine } from './engine';

export { namespaceAnnotationEngine } from './engine';
export type {
  NamespaceAnnotationEngineContract,
  OperatorLeaseConfig,
} from './contractSchema';

/** The `namespace-annotation` engine, bound to the services it reads. */
export function createNamespaceAnnotationEngine(
  options: Omit<EngineDeps, 'now'> & { now?: () => Date },
): BoundSyncEngine {
  return bindEngine(namespaceAnnotationEngine, options);
}
