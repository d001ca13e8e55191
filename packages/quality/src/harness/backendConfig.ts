import type { NamespaceAnnotationContract } from '@internal/plugin-secrets-sync-common';
import {
  readSandbox,
  SANDBOX_ACCOUNTS,
  SANDBOX_MAIN_CREDENTIALS,
  SANDBOX_TOKENS,
  SandboxCluster,
  SandboxIdentity,
} from '@internal/sandbox';

/**
 * One environment of the backend under test: which sandbox account and
 * cluster it lives in.
 *
 * @public
 */
export interface EnvironmentSpec {
  name: string;
  /** Sandbox cluster, and the AWS account of the same name. */
  cluster: SandboxCluster;
  restricted?: boolean;
  /** Where this environment reaches AWS, instead of moto directly. */
  awsEndpoint?: string;
  /** Where this environment reaches its cluster, instead of directly. */
  kubeServer?: string;
  /** The identity whose token the backend uses on the cluster. */
  kubeIdentity?: SandboxIdentity;
  /** Contract keys that differ from the defaults of docs/operator-contract.md. */
  contract?: Partial<
    Pick<
      NamespaceAnnotationContract,
      | 'optInAnnotation'
      | 'forceSyncAnnotation'
      | 'enabledValue'
      | 'awsKeyTemplate'
      | 'namespaceTemplate'
    >
  >;
}

/**
 * Where the backend reaches AWS and each cluster, when not directly (e.g.
 * through toxiproxy).
 *
 * @public
 */
export interface UpstreamOverrides {
  awsEndpoint?: string;
  clusterServers?: Partial<Record<SandboxCluster, string>>;
}

/** The group whose members may write to restricted environments. @public */
export const RESTRICTED_WRITERS_GROUP = 'group:default/platform-team';
/** Members read every entity's topology and the fleet, and nothing more. @public */
export const PLATFORM_READERS_GROUP = 'group:default/platform-readers';

/**
 * A DNS-label pattern whose keys fit every environment's namespace template
 * in Kubernetes' 63 characters, as the backend requires at start-up.
 */
function tenantKeyPatternFor(environments: EnvironmentSpec[]): string {
  const fixed = Math.max(
    ...environments.map(
      env =>
        (env.contract?.namespaceTemplate ?? 'sites-{tenant}').length -
        '{tenant}'.length,
    ),
  );
  return `^[a-z0-9]([-a-z0-9]{0,${63 - fixed - 2}}[a-z0-9])?$`;
}

/** Two environments as app-config.yaml's embedded default has them. @public */
export const SANDBOX_ENVIRONMENTS: EnvironmentSpec[] = [
  { name: 'dev', cluster: 'dev' },
  { name: 'prod', cluster: 'prod', restricted: true },
];

/**
 * The backend's configuration pointing at the running local stack, as
 * app-config.yaml's embedded default does. Throws with a clear message when
 * the stack is down.
 *
 * @public
 */
export function backendConfigData(
  options: {
    environments?: EnvironmentSpec[];
    upstreams?: UpstreamOverrides;
    pendingGracePeriodSeconds?: number;
    /** `secretsSync.cache.kubernetes.watchTimeout`, in seconds. */
    watchTimeoutSeconds?: number;
    /** Every view reads every upstream: no watch caches, no AWS metadata TTL. */
    uncached?: boolean;
  } = {},
) {
  const sandbox = readSandbox();
  const { environments = SANDBOX_ENVIRONMENTS, upstreams = {} } = options;
  // integration-aws-node has no STS endpoint setting; the SDK reads this.
  process.env.AWS_ENDPOINT_URL_STS = sandbox.aws.endpoint;
  return {
    aws: {
      mainAccount: { ...SANDBOX_MAIN_CREDENTIALS },
      accounts: Object.values(SANDBOX_ACCOUNTS).map(accountId => ({
        accountId,
        roleName: 'secrets-sync-backend',
      })),
    },
    secretsSync: {
      tenantKeyPattern: tenantKeyPatternFor(environments),
      restrictedWriters: [RESTRICTED_WRITERS_GROUP],
      platformReaders: [PLATFORM_READERS_GROUP],
      pendingGracePeriod: { seconds: options.pendingGracePeriodSeconds ?? 120 },
      cache: {
        ...(options.uncached
          ? { awsMetadataTtl: { seconds: 0 }, fleetStatusTtl: { seconds: 0 } }
          : {}),
        kubernetes: {
          enabled: !options.uncached,
          ...(options.watchTimeoutSeconds
            ? { watchTimeout: { seconds: options.watchTimeoutSeconds } }
            : {}),
        },
      },
      environments: environments.map(env => ({
        name: env.name,
        title: env.name,
        restricted: env.restricted ?? false,
        aws: {
          accountId: SANDBOX_ACCOUNTS[env.cluster],
          region: sandbox.aws.region,
          endpoint:
            env.awsEndpoint ?? upstreams.awsEndpoint ?? sandbox.aws.endpoint,
        },
        kubernetes: {
          name: env.cluster,
          url:
            env.kubeServer ??
            upstreams.clusterServers?.[env.cluster] ??
            sandbox.clusters[env.cluster].server,
          caFile: sandbox.clusters[env.cluster].caFile,
          auth: {
            type: 'serviceAccountToken',
            token: SANDBOX_TOKENS[env.kubeIdentity ?? 'backend'],
          },
        },
        ...(env.contract
          ? { engine: { type: 'namespace-annotation', ...env.contract } }
          : {}),
      })),
    },
  };
}
