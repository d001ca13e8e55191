import type {
  ExternalSecretContract,
  NamespaceAnnotationContract,
} from '@internal/plugin-secrets-sync-common';

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
export type EngineConfig =
  | { type: 'namespace-annotation'; contract: NamespaceAnnotationContract }
  | { type: 'external-secret'; contract: ExternalSecretContract };

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
  cache: CacheConfig;
}

/**
 * How much the backend reuses what it read.
 *
 * @public
 */
export interface CacheConfig {
  /** How long AWS secret metadata is reused; 0 reads it on every view. */
  awsMetadataTtlMs: number;
  kubernetes: {
    /** Read the clusters through watch caches; off, every read is a request. */
    enabled: boolean;
    /** Each cache is listed again this often, bounding what a missed event can leave stale. */
    resyncPeriodMs: number;
    /** How long a fleet summary waits for the caches to be listed. */
    syncTimeoutMs: number;
    /**
     * The API server ends each watch after this; a watch silent for longer
     * (plus 5 s) is taken for a dead connection and the cache stops answering.
     */
    watchTimeoutSeconds: number;
  };
}
