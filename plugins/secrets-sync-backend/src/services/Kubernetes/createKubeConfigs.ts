import { KubeConfig } from '@kubernetes/client-node';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { EKS_TOKEN_REUSE_MS, createEksToken } from './createEksToken';
import type { ClusterConfig } from './types';

/** Hands out a KubeConfig per cluster, with a bearer token that is still valid. */
export type KubeConfigFactory = (cluster: ClusterConfig) => Promise<KubeConfig>;

/** The cache key of a cluster: its name and URL. */
export function clusterKey(cluster: ClusterConfig): string {
  return `${cluster.name}|${cluster.url}`;
}

/**
 * KubeConfigs are cached per cluster; with EKS auth they are rebuilt before
 * the signed token expires, so long-lived watches reconnect with a fresh one.
 */
export function createKubeConfigs(options: {
  credentialsManager: AwsCredentialsManager;
}): KubeConfigFactory {
  const cache = new Map<
    string,
    Promise<{ kubeConfig: KubeConfig; expiresAt: number }>
  >();

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

  async function build(cluster: ClusterConfig) {
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
    return { kubeConfig, expiresAt: Date.now() + ttl };
  }

  return async cluster => {
    const key = clusterKey(cluster);
    const cached = cache.get(key);
    const entry = cached && (await cached.catch(() => undefined));
    if (entry && entry.expiresAt > Date.now()) {
      return entry.kubeConfig;
    }
    const building = build(cluster);
    cache.set(key, building);
    try {
      return (await building).kubeConfig;
    } catch (error) {
      cache.delete(key);
      throw error;
    }
  };
}
