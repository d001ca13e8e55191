import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { UpstreamError } from '../../lib/upstreamErrors';
import { EKS_TOKEN_REUSE_MS, createEksToken } from './createEksToken';
import { ClusterConfig, KubernetesService } from './types';

type Apis = { core: CoreV1Api; apps: AppsV1Api; batch: BatchV1Api };
type CachedApi = { apis: Apis; expiresAt: number };

/**
 * Creates the Kubernetes service. Clients are cached per cluster; with EKS
 * auth they are rebuilt before the signed token expires.
 */
export function createKubernetesService(options: {
  credentialsManager: AwsCredentialsManager;
}): KubernetesService {
  const cache = new Map<string, Promise<CachedApi>>();

  async function token(
    cluster: ClusterConfig,
  ): Promise<{ token: string; ttl: number }> {
    if (cluster.auth.type === 'serviceAccountToken') {
      return { token: cluster.auth.token, ttl: Infinity };
    }
    const provider = await options.credentialsManager.getCredentialProvider({
      accountId: cluster.aws.accountId,
    });
    return {
      token: await createEksToken({
        clusterName: cluster.auth.clusterName,
        region: cluster.aws.region,
        credentials: provider.sdkCredentialProvider,
      }),
      ttl: EKS_TOKEN_REUSE_MS,
    };
  }

  async function buildApi(cluster: ClusterConfig): Promise<CachedApi> {
    const { token: bearer, ttl } = await token(cluster);
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [
        {
          name: cluster.name,
          server: cluster.url,
          caFile: cluster.caFile,
          caData: cluster.caData
            ? Buffer.from(cluster.caData).toString('base64')
            : undefined,
          skipTLSVerify: cluster.skipTLSVerify,
        },
      ],
      users: [{ name: 'secrets-sync', token: bearer }],
      contexts: [
        { name: cluster.name, cluster: cluster.name, user: 'secrets-sync' },
      ],
      currentContext: cluster.name,
    });
    return {
      apis: {
        core: kubeConfig.makeApiClient(CoreV1Api),
        apps: kubeConfig.makeApiClient(AppsV1Api),
        batch: kubeConfig.makeApiClient(BatchV1Api),
      },
      expiresAt: Date.now() + ttl,
    };
  }

  async function api(cluster: ClusterConfig, action: string): Promise<Apis> {
    const key = `${cluster.name}|${cluster.url}`;
    const cached = cache.get(key);
    const entry = cached && (await cached.catch(() => undefined));
    if (entry && entry.expiresAt > Date.now()) {
      return entry.apis;
    }
    const building = buildApi(cluster);
    cache.set(key, building);
    try {
      return (await building).apis;
    } catch (error) {
      cache.delete(key);
      throw UpstreamError.from(
        'kubernetes',
        `${action} in cluster ${cluster.name}`,
        error,
      );
    }
  }

  async function call<T>(
    cluster: ClusterConfig,
    action: string,
    run: (apis: Apis) => Promise<T>,
  ): Promise<T> {
    const apis = await api(cluster, action);
    try {
      return await run(apis);
    } catch (error) {
      throw UpstreamError.from(
        'kubernetes',
        `${action} in cluster ${cluster.name}`,
        error,
      );
    }
  }

  return {
    async getNamespace(cluster, name) {
      try {
        return await call(cluster, `read namespace ${name}`, ({ core }) =>
          core.readNamespace({ name }),
        );
      } catch (error) {
        if (error instanceof UpstreamError && error.reason === 'not-found') {
          return undefined;
        }
        throw error;
      }
    },

    async getSecret(cluster, namespace, name) {
      try {
        return await call(
          cluster,
          `read Secret ${namespace}/${name}`,
          ({ core }) => core.readNamespacedSecret({ namespace, name }),
        );
      } catch (error) {
        if (error instanceof UpstreamError && error.reason === 'not-found') {
          return undefined;
        }
        throw error;
      }
    },

    async listWorkloads(cluster, namespace) {
      return call(
        cluster,
        `list workloads in namespace ${namespace}`,
        async ({ core, apps, batch }) => {
          const [deployments, statefulSets, daemonSets, jobs, cronJobs, pods] =
            await Promise.all([
              apps.listNamespacedDeployment({ namespace }),
              apps.listNamespacedStatefulSet({ namespace }),
              apps.listNamespacedDaemonSet({ namespace }),
              batch.listNamespacedJob({ namespace }),
              batch.listNamespacedCronJob({ namespace }),
              core.listNamespacedPod({ namespace }),
            ]);
          return {
            deployments: deployments.items,
            statefulSets: statefulSets.items,
            daemonSets: daemonSets.items,
            jobs: jobs.items,
            cronJobs: cronJobs.items,
            pods: pods.items,
          };
        },
      );
    },

    async patchNamespaceAnnotations(cluster, name, annotations, patch = {}) {
      return call(cluster, `annotate namespace ${name}`, ({ core }) =>
        core.patchNamespace(
          {
            name,
            body: {
              metadata: {
                annotations,
                ...(patch.resourceVersion
                  ? { resourceVersion: patch.resourceVersion }
                  : {}),
              },
            },
          },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        ),
      );
    },
  };
}
