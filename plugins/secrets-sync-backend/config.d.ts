export interface Config {
  /**
   * secrets-sync: where each environment's secrets live and how they reach
   * the cluster. AWS credentials per account come from the `aws` section of
   * `@backstage/integration-aws-node`, never from here.
   */
  secretsSync?: {
    /**
     * Regular expression a tenant key must match. Defaults to a DNS label,
     * so that the namespace and the AWS key derived from it are valid.
     * @visibility backend
     */
    tenantKeyPattern?: string;
    /**
     * Group (or user) entity refs whose members may write to restricted
     * environments. Read by the default permission policy.
     * @visibility backend
     */
    restrictedWriters?: string[];
    /**
     * How long after a write or a force sync a mismatch between AWS Secrets
     * Manager and the Secret counts as `pending` rather than `drifted`.
     * Defaults to 2 minutes.
     * @visibility backend
     */
    pendingGracePeriod?: {
      years?: number;
      months?: number;
      weeks?: number;
      days?: number;
      hours?: number;
      minutes?: number;
      seconds?: number;
      milliseconds?: number;
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
      /** The sync engine and its contract; every key defaults to seed 001's. */
      engine?: {
        /**
         * Engine type. Defaults to `namespace-annotation`.
         * @visibility backend
         */
        type?: 'namespace-annotation';
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
      };
    }>;
  };
}
