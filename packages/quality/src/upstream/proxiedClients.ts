import { KubeConfig } from '@kubernetes/client-node';
import {
  awsClientConfigFor,
  readSandbox,
  SANDBOX_TOKENS,
  SandboxCluster,
  SandboxIdentity,
} from '@internal/sandbox';

/**
 * A KubeConfig for one identity of the local stack that reaches the
 * cluster through `server` (a toxiproxy listen address) instead of directly.
 *
 * @public
 */
export function kubeConfigVia(
  cluster: SandboxCluster,
  identity: SandboxIdentity,
  server: string,
): KubeConfig {
  const { caFile } = readSandbox().clusters[cluster];
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: cluster, server, caFile }],
    users: [{ name: identity, token: SANDBOX_TOKENS[identity] }],
    contexts: [{ name: cluster, cluster, user: identity }],
    currentContext: cluster,
  });
  return kubeConfig;
}

/**
 * AWS SDK client configuration acting in one account of the local stack,
 * sending Secrets Manager calls through `endpoint` (a toxiproxy listen
 * address). Credentials come from STS directly, so that faults injected on
 * the proxy hit only the calls under test.
 *
 * @public
 */
export async function awsClientConfigVia(accountId: string, endpoint: string) {
  return { ...(await awsClientConfigFor(accountId)), endpoint, maxAttempts: 1 };
}
