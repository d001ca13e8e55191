import { KubeConfig } from '@kubernetes/client-node';
import {
  readSandbox,
  SANDBOX_TOKENS,
  SandboxCluster,
  SandboxIdentity,
} from './sandboxInfo';

/**
 * A KubeConfig for one identity on one cluster of the local stack.
 *
 * @public
 */
export function kubeConfigFor(
  cluster: SandboxCluster,
  identity: SandboxIdentity,
): KubeConfig {
  const { server, caFile } = readSandbox().clusters[cluster];
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
 * A kubeconfig file's YAML for one identity, for processes that take a
 * `--kubeconfig` path.
 *
 * @public
 */
export function kubeConfigYaml(
  cluster: SandboxCluster,
  identity: SandboxIdentity,
): string {
  return kubeConfigFor(cluster, identity).exportConfig();
}
