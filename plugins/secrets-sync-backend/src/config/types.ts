/**
 * How the backend authenticates to an environment's Kubernetes API server.
 *
 * @public
 */
export type KubernetesAuthConfig =
  | { type: 'serviceAccountToken'; token: string }
  | { type: 'aws'; clusterName: string };

/**
 * What every engine's contract names: where a tenant's namespace and AWS
 * secret are. Each engine's contract adds its own keys.
 *
 * @public
 */
export interface EngineContract {
  /** Namespace name template; `{tenant}` is replaced by the tenant key. */
  namespaceTemplate: string;
  /** AWS Secrets Manager secret name template; `{tenant}` is the tenant key. */
  awsKeyTemplate: string;
}

/**
 * The sync engine of an environment with its contract, defaults applied.
 * `type` is one of the registry's engines (`services/SyncEngine/registry.ts`),
 * whose schema read `contract`.
 *
 * @public
 */
export interface EngineConfig<C extends EngineContract = EngineContract> {
  type: string;
  contract: C;
}

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
  /** Who the platform says owns each tenant's namespace in this environment. */
  binding: BindingConfig;
}

/**
 * How the platform binds a tenant's namespace to the entity that owns it,
 * outside the tenant's reach (a `catalog-info.yaml` is the tenant's claim,
 * never the proof).
 *
 * @public
 */
export interface BindingConfig {
  /**
   * Namespace annotation naming the owning entity ref, set by whoever
   * creates tenant namespaces. Defaults to `DEFAULT_BINDING_ANNOTATION`.
   */
  annotation: string;
  /**
   * The platform's own list, tenant key to entity ref (canonical, lower
   * case), for clusters whose namespaces cannot be annotated. When present
   * it is the binding and namespaces are not read for it.
   */
  tenants?: Record<string, string>;
}

/**
 * How many of one kind of mutation a user, and an entity, may make per window.
 *
 * @public
 */
export interface RateLimitBucketConfig {
  perUser: number;
  perEntity: number;
}

/**
 * The plugin's own limits on mutations, counted per user and per entity
 * over a sliding window.
 *
 * @public
 */
export interface RateLimitConfig {
  windowMs: number;
  writes: RateLimitBucketConfig;
  forceSyncs: RateLimitBucketConfig;
  /** Restarts of consuming workloads; one request naming several counts once. */
  restarts: RateLimitBucketConfig;
}

/**
 * The plugin's configuration, read once at start-up.
 *
 * @public
 */
export interface SecretsSyncConfig {
  tenantKeyPattern: RegExp;
  /** Kinds whose entities may be tenants, lower case; others' annotations are only inherited. */
  tenantKinds: string[];
  restrictedWriters: string[];
  pendingGracePeriodMs: number;
  environments: EnvironmentConfig[];
  cache: CacheConfig;
  rateLimit: RateLimitConfig;
  history: HistoryConfig;
  notifications: NotificationsConfig;
}

/**
 * The record of writes and rollbacks, and the digests of versions.
 *
 * @public
 */
export interface HistoryConfig {
  /** Records and digests older than this are deleted. */
  retentionMs: number;
  /**
   * The key of the digests kept in the database. Without one each process
   * makes its own, so digests are re-read from AWS after a restart.
   */
  digestSecret?: string;
}

/**
 * How much the backend reuses what it read.
 *
 * @public
 */
export interface CacheConfig {
  /** How long AWS secret metadata is reused; 0 reads it on every view. */
  awsMetadataTtlMs: number;
  /** How long a fleet summary reuses an environment's status; 0 derives it every time. */
  fleetStatusTtlMs: number;
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

/**
 * What owners are told, through Backstage's notifications.
 *
 * @public
 */
export interface NotificationsConfig {
  /** How often environments are checked for turning `error` or `drifted`. */
  statusCheckIntervalMs: number;
}
