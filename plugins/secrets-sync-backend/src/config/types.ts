import type { NamespaceAnnotationContract } from '@internal/plugin-secrets-sync-common';

/**
 * How the backend authenticates to an environment's Kubernetes API server.
 *
 * @public
 */
export type KubernetesAuthConfig =
  | { type: 'serviceAccountToken'; token: string }
  | { type: 'aws'; clusterName: string };

/**
 * The sync engine of an environment with its contract, defaults applied.
 *
 * @public
 */
export type EngineConfig = {
  type: 'namespace-annotation';
  contract: NamespaceAnnotationContract;
};

/**
 * One environment, read from `secretsSync.environments[]` with defaults applied.
 *
 * @public
 */
export interface EnvironmentConfig {
  name: string;
  title: string;
  restricted: boolean;
  aws: { accountId: string; region: string; endpoint?: string };
  kubernetes: {
    name: string;
    url: string;
    /** Absolute path of the CA file, read when the first client is built. */
    caFile?: string;
    caData?: string;
    skipTLSVerify: boolean;
    auth: KubernetesAuthConfig;
  };
  engine: EngineConfig;
}

/**
 * The plugin's configuration, read once at start-up.
 *
 * @public
 */
export interface SecretsSyncConfig {
  tenantKeyPattern: RegExp;
  restrictedWriters: string[];
  pendingGracePeriodMs: number;
  environments: EnvironmentConfig[];
}
