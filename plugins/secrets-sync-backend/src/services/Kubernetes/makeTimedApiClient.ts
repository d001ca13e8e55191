import {
  Configuration,
  KubeConfig,
  ServerConfiguration,
  createConfiguration,
} from '@kubernetes/client-node';
import { sharedAgentFor } from './sharedAgent';

/**
 * How long one Kubernetes API call may take before the environment is
 * reported unreachable: a hung cluster must not hang the whole view.
 */
export const KUBERNETES_REQUEST_TIMEOUT_MS = 8_000;

/**
 * `KubeConfig.makeApiClient`, with every request bounded by a timeout and
 * sent through the cluster's keep-alive agent. client-node sets no timeout,
 * so a cluster that accepts connections but never answers would otherwise
 * hold a request open indefinitely.
 */
export function makeTimedApiClient<T>(
  kubeConfig: KubeConfig,
  ApiClientType: new (configuration: Configuration) => T,
  timeoutMs: number = KUBERNETES_REQUEST_TIMEOUT_MS,
): T {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) {
    throw new Error('No current cluster in the KubeConfig');
  }
  return new ApiClientType(
    createConfiguration({
      baseServer: new ServerConfiguration(cluster.server, {}),
      authMethods: { default: kubeConfig },
      promiseMiddleware: [
        {
          pre: async context => {
            context.setSignal(AbortSignal.timeout(timeoutMs));
            context.setAgent(await sharedAgentFor(kubeConfig));
            return context;
          },
          post: async response => response,
        },
      ],
    }),
  );
}
