import type { LoggerService } from '@backstage/backend-plugin-api';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import type { CacheConfig } from '../../config';
import { toStatusReason } from '../../lib/infra/upstreamErrors';
import {
  CachedKubernetesService,
  createCachedKubernetesService,
} from './createCachedKubernetesService';
import { createKubeConfigs } from './createKubeConfigs';
import { createKubernetesService } from './createKubernetesService';

/**
 * The Kubernetes service the plugin uses: through watch caches when they
 * are enabled, otherwise straight to the API servers (`warmUp` then does
 * nothing).
 */
export function createClusterReader(options: {
  credentialsManager: AwsCredentialsManager;
  cache: CacheConfig['kubernetes'];
  logger: LoggerService;
}): CachedKubernetesService {
  const kubeConfigs = createKubeConfigs(options);
  const direct = createKubernetesService({
    credentialsManager: options.credentialsManager,
    kubeConfigs,
  });
  if (!options.cache.enabled) {
    return { ...direct, warmUp: async () => {}, stop: () => {} };
  }
  return createCachedKubernetesService({
    direct,
    kubeConfigs,
    resyncPeriodMs: options.cache.resyncPeriodMs,
    watchTimeoutSeconds: options.cache.watchTimeoutSeconds,
    onWatchError: (cluster, resource, error) =>
      options.logger.warn(
        `Watch of ${resource} in cluster ${cluster} failed; reading it directly until it recovers: ${
          toStatusReason(error).message
        }`,
      ),
  });
}
