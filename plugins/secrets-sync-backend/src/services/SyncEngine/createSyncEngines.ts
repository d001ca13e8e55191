import type { AwsSecretsService } from '../AwsSecrets';
import type { KubernetesService } from '../Kubernetes';
import { createExternalSecretEngine } from './createExternalSecretEngine';
import { createNamespaceAnnotationEngine } from './createNamespaceAnnotationEngine';
import { SyncEngineResolver } from './types';

/**
 * The engines by type. An engine for another `engine.type` (a PushSecret
 * engine, read-only engines) is one more entry here and one more file
 * beside this one.
 */
export function createSyncEngines(options: {
  aws: AwsSecretsService;
  kubernetes: KubernetesService;
  pendingGracePeriodMs: number;
  now?: () => Date;
}): SyncEngineResolver {
  const engines = {
    'namespace-annotation': createNamespaceAnnotationEngine(options),
    'external-secret': createExternalSecretEngine(options),
  };
  return environment => engines[environment.engine.type];
}
