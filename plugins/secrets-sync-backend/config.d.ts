/**
 * A duration as an object of units, e.g. `{ seconds: 30 }` or
 * `{ minutes: 10 }`, as `readDurationFromConfig` of `@backstage/config`
 * reads it.
 */
type ConfigDuration = {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
};

export interface Config {
  /**
   * secrets-sync: where each environment's secrets live and how they reach
   * the cluster. AWS credentials per account come from the `aws` section of
   * `@backstage/integration-aws-node`, never from here.
   */
  secretsSync?: {
    /**
     * Regular expression a tenant key must match, anchored with `^` and
     * `$`. Defaults to a DNS label of at most 57 characters, so that the
     * namespace `sites-<key>` and the AWS key derived from it are valid.
     * Start-up refuses a pattern whose keys (probed with a few shapes at
     * each overflowing length) would make some environment's namespace
     * longer than 63 characters.
     * @visibility backend
     */
    tenantKeyPattern?: string;
    /**
     * Catalog kinds whose entities may be tenants. Defaults to
     * `[Component]`. An entity of any other kind (a System, say) is never a
     * tenant: its annotations are only defaults its components inherit.
     * @visibility backend
     */
    tenantKinds?: string[];
    /**
     * The plugin's own limits on mutations, per user and per entity over a
     * sliding window; past them a request answers 429 with `Retry-After`.
     * Counted in memory by each replica. `backend.rateLimit` limits requests
     * per IP address besides.
     */
    rateLimit?: {
      /**
       * The window the limits count over. Defaults to 1 minute.
       * @visibility backend
       */
      window?: ConfigDuration;
      /** Writes of secret values; one request to several environments counts once. */
      writes?: {
        /**
         * Per user. Defaults to 20.
         * @visibility backend
         */
        perUser?: number;
        /**
         * Per entity, all its users together. Defaults to 40.
         * @visibility backend
         */
        perEntity?: number;
      };
      /** Force syncs. */
      forceSyncs?: {
        /**
         * Per user. Defaults to 20.
         * @visibility backend
         */
        perUser?: number;
        /**
         * Per entity, all its users together. Defaults to 40.
         * @visibility backend
         */
        perEntity?: number;
      };
      /** Restarts of consuming workloads; one request naming several counts once. */
      restarts?: {
        /**
         * Per user. Defaults to 10.
         * @visibility backend
         */
        perUser?: number;
        /**
         * Per entity, all its users together. Defaults to 20.
         * @visibility backend
         */
        perEntity?: number;
      };
    };
    /**
     * Group (or user) entity refs whose members may write to restricted
     * environments. Read by the default permission policy.
     * @visibility backend
     */
    restrictedWriters?: string[];
    /**
     * Group (or user) entity refs whose members may read the topology and
     * the fleet of every entity, owned or not; they gain no write, sync or
     * configure rights by it. Read by the default permission policy.
     * @visibility backend
     */
    platformReaders?: string[];
    /**
     * How long after a write or a force sync a mismatch between AWS Secrets
     * Manager and the Secret counts as `pending` rather than `drifted`.
     * Defaults to 2 minutes.
     * @visibility backend
     */
    pendingGracePeriod?: ConfigDuration;
    /**
     * What owners are told through Backstage's notifications: writes to
     * their restricted environments, and environments turning `error` or
     * `drifted`.
     */
    notifications?: {
      /**
       * How often environments are checked for turning `error` or
       * `drifted`. At least 1 minute. Defaults to 5 minutes.
       * @visibility backend
       */
      statusCheckInterval?: ConfigDuration;
    };
    /**
     * The record of each write and rollback made through the portal, kept in
     * the plugin's database, and the keyed digests of the AWS versions'
     * values that tell which keys each version changed.
     */
    history?: {
      /**
       * How long records and digests are kept; older ones are deleted
       * hourly. At least 1 hour. Defaults to 90 days.
       * @visibility backend
       */
      retention?: ConfigDuration;
      /**
       * The key (at least 16 characters) of the HMAC digests kept in the
       * database, the same on every replica. Without one each process makes
       * its own and re-reads versions from AWS after a restart.
       * @visibility secret
       */
      digestSecret?: string;
    };
    /** How much the backend reuses what it read from AWS and the clusters. */
    cache?: {
      /**
       * How long a secret's AWS metadata is reused by views (a version's
       * value digests are reused for as long as the version exists). This
       * backend's own writes are seen at once. 0 reads AWS on every view.
       * Defaults to 30 seconds.
       * @visibility backend
       */
      awsMetadataTtl?: ConfigDuration;
      /**
       * How long the fleet summary reuses an environment's status, so that
       * paging through a large catalog derives each status once. Writes,
       * rollbacks and syncs through any replica are seen at once while the
       * shared cache answers, within this while it does not. 0 derives
       * every status on every page.
       * Defaults to 5 seconds.
       * @visibility backend
       */
      fleetStatusTtl?: ConfigDuration;
      kubernetes?: {
        /**
         * Read namespaces, Secrets, workloads and ExternalSecrets through
         * watch caches per cluster, started on first use. Defaults to true.
         * @visibility backend
         */
        enabled?: boolean;
        /**
         * How often each cache is listed again, the bound on how long a
         * missed watch event can leave it stale. Defaults to 10 minutes.
         * @visibility backend
         */
        resyncPeriod?: ConfigDuration;
        /**
         * How long a fleet summary waits for the caches to be listed before
         * reading the clusters directly. Defaults to 10 seconds.
         * @visibility backend
         */
        syncTimeout?: ConfigDuration;
        /**
         * The API server ends each watch after this and the cache renews it.
         * A watch silent for longer (plus 5 seconds) is taken for a dead
         * connection, such as a hung API server: the cache stops answering
         * and views read the cluster directly, reporting it unreachable
         * rather than showing what it last saw. Whole seconds; defaults to
         * 60 seconds.
         * @visibility backend
         */
        watchTimeout?: ConfigDuration;
      };
    };
    /**
     * The environments, in the order they are shown.
     */
    environments: Array<{
      /**
       * Identifier used in entity annotations and URLs, e.g. `dev`.
       * @visibility frontend
       */
      name: string;
      /**
       * Human-readable name, e.g. `Development`.
       * @visibility frontend
       */
      title?: string;
      /**
       * A production account tenants may write to but not read from;
       * writes need the restricted-write permission and an explicit confirmation.
       * @visibility frontend
       */
      restricted?: boolean;
      /** The AWS Secrets Manager of this environment. */
      aws: {
        /**
         * AWS account id; its credentials come from `aws.accounts`.
         * @visibility backend
         */
        accountId: string;
        /**
         * AWS region, e.g. `us-east-1`.
         * @visibility backend
         */
        region: string;
        /**
         * Endpoint override, for local emulators only.
         * @visibility backend
         */
        endpoint?: string;
      };
      /** The Kubernetes cluster of this environment. */
      kubernetes: {
        /**
         * Cluster name; for `auth.type: aws` also the EKS cluster name unless
         * `auth.clusterName` says otherwise.
         * @visibility backend
         */
        name: string;
        /**
         * API server URL.
         * @visibility backend
         */
        url: string;
        /**
         * PEM file of the API server's CA, relative to the backend's working directory.
         * @visibility backend
         */
        caFile?: string;
        /**
         * PEM of the API server's CA, inline.
         * @visibility backend
         */
        caData?: string;
        /**
         * Skip TLS verification. Local experiments only.
         * @visibility backend
         */
        skipTLSVerify?: boolean;
        /** How the backend authenticates to the API server. */
        auth:
          | {
              type: 'serviceAccountToken';
              /**
               * Bearer token.
               * @visibility secret
               */
              token: string;
            }
          | {
              /** An EKS token signed with the environment's AWS account credentials. */
              type: 'aws';
              /**
               * EKS cluster name, when it differs from `kubernetes.name`.
               * @visibility backend
               */
              clusterName?: string;
            };
      };
      /**
       * The sync engine and its contract (docs/engines.md); every key
       * defaults to the operator contract's (`namespace-annotation`,
       * docs/operator-contract.md) or ESO's (`external-secret`).
       */
      engine?: {
        /**
         * Engine type: `namespace-annotation` (the operator contract, the default) or
         * `external-secret` (an ESO ExternalSecret pulls the AWS secret).
         * @visibility backend
         */
        type?:
          | 'namespace-annotation'
          | 'external-secret'
          | 'synced-secret'
          | 'push-secret';
        /** @visibility backend */
        namespaceTemplate?: string;
        /** @visibility backend */
        awsKeyTemplate?: string;
        /** @visibility backend */
        optInAnnotation?: string;
        /** @visibility backend */
        enabledValue?: string;
        /** @visibility backend */
        forceSyncAnnotation?: string;
        /** @visibility backend */
        secretName?: string;
        /** @visibility backend */
        ownerLabels?: { [name: string]: string };
        /**
         * `namespace-annotation` only: the operator's leader-election Lease
         * in the environment's cluster. When set, a Secret that is pending or
         * drifted while the Lease has lapsed (twice its duration since its
         * last renewal) says the operator is not running, instead of asking
         * for patience. Each key defaults to the reference operator's
         * (`default` / `secrets-sync-operator`); unset, liveness is not read.
         * @visibility backend
         */
        operatorLease?: { namespace?: string; name?: string };
        /**
         * `external-secret` only: the API group serving ExternalSecret.
         * Defaults to `external-secrets.io`.
         * @visibility backend
         */
        apiGroup?: string;
        /**
         * `external-secret` only: versions of `apiGroup` to read, preferred
         * first. Defaults to `[v1, v1beta1]`.
         * @visibility backend
         */
        apiVersions?: string[];
        /**
         * `synced-secret` and `push-secret`: the version of `apiGroup`
         * serving SyncedSecret (`v1`) or PushSecret (`v1alpha1`).
         * @visibility backend
         */
        apiVersion?: string;
        /**
         * `synced-secret` only: kube-secret-syncer's `POLL_INTERVAL_SEC`,
         * how often it polls AWS. Defaults to 300.
         * @visibility backend
         */
        pollIntervalSeconds?: number;
        /**
         * `synced-secret` only: kube-secret-syncer's `SYNC_INTERVAL_SEC`,
         * how often it rewrites each Secret. Defaults to 120.
         * @visibility backend
         */
        resyncIntervalSeconds?: number;
        /**
         * `push-secret` only: the name of the source Secret in the
         * management namespace; `{tenant}` is the tenant key. Defaults to
         * `{tenant}-build-secrets`.
         * @visibility backend
         */
        sourceSecretTemplate?: string;
      };
      /**
       * Who owns each tenant's namespace (and so its AWS secret) in this
       * environment, as the platform says it, never the tenant: nothing is
       * read or written for an entity the binding does not name.
       */
      binding?: {
        /**
         * Namespace annotation naming the owning entity ref, set by
         * whoever creates tenant namespaces. Defaults to
         * `secrets-sync.io/entity`.
         * @visibility backend
         */
        annotation?: string;
        /**
         * The platform's own list, tenant key to entity ref
         * (`web: component:default/web`), for clusters whose namespaces
         * cannot be annotated. When set, it is the binding for this
         * environment and namespace annotations are not read.
         * @visibility backend
         */
        tenants?: { [tenantKey: string]: string };
      };
    }>;
  };
}
