import { clusterExternalSecretEngine } from './engines/cluster-external-secret';
import { externalSecretEngine } from './engines/external-secret';
import { namespaceAnnotationEngine } from './engines/namespace-annotation';
import { pushSecretEngine } from './engines/push-secret';
import { syncedSecretEngine } from './engines/synced-secret';
import type { AnyEngineDefinition } from './types';

/**
 * Every sync engine, one line each; the first is the default `engine.type`.
 * Config reading, status reads, writes and the fleet learn an engine from
 * here alone (see the backend README, "Adding an engine").
 */
export const ENGINES: readonly AnyEngineDefinition[] = [
  namespaceAnnotationEngine,
  externalSecretEngine,
  syncedSecretEngine,
  pushSecretEngine,
  clusterExternalSecretEngine,
];
