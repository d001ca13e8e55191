import {
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { UpstreamError } from '../../lib/upstreamErrors';
import { EKS_TOKEN_REUSE_MS, createEksToken } from './createEksToken';
import { ClusterConfig, KubernetesService } from './types';

type CachedApi = { api: CoreV1Api; expiresAt: number };

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
      api: kubeConfig.makeApiClient(CoreV1Api),
      expiresAt: Date.now() + ttl,
    };
  }

  async function api(
    cluster: ClusterConfig,
    action: string,
  ): Promise<CoreV1Api> {
    const key = `${cluster.name}|${cluster.url}`;
    const cached = cache.get(key);
    const entry = cached && (await cached.catch(() => undefined));
    if (entry && entry.expiresAt > Date.now()) {
      return entry.api;
    }
    const building = buildApi(cluster);
    cache.set(key, building);
    try {
      return (await building).api;
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
    run: (core: CoreV1Api) => Promise<T>,
  ): Promise<T> {
    const core = await api(cluster, action);
    try {
      return await run(core);
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
        return await call(cluster, `read namespace ${name}`, core =>
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
        return await call(cluster, `read Secret ${namespace}/${name}`, core =>
          core.readNamespacedSecret({ namespace, name }),
        );
      } catch (error) {
        if (error instanceof UpstreamError && error.reason === 'not-found') {
          return undefined;
        }
        throw error;
      }
    },

    async patchNamespaceAnnotations(cluster, name, annotations) {
      return call(cluster, `annotate namespace ${name}`, core =>
        core.patchNamespace(
          { name, body: { metadata: { annotations } } },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        ),
      );
    },
  };
}
