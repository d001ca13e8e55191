import { KubeConfig } from '@kubernetes/client-node';
import {
  readSandbox,
  SANDBOX_TOKENS,
  SandboxCluster,
  SandboxIdentity,
} from './sandboxInfo';

/**
 * Where a kube-apiserver listens and the CA that signed its certificate.
 *
 * @public
 */
export interface KubeServer {
  server: string;
  caFile: string;
}

/**
 * A KubeConfig for one identity of the sandbox's static tokens on any
 * kube-apiserver started with them.
 *
 * @public
 */
export function kubeConfigForServer(
  name: string,
  { server, caFile }: KubeServer,
  identity: SandboxIdentity,
): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name, server, caFile }],
    users: [{ name: identity, token: SANDBOX_TOKENS[identity] }],
    contexts: [{ name, cluster: name, user: identity }],
    currentContext: name,
  });
  return kubeConfig;
}

/**
 * A KubeConfig for one identity on one cluster of the local stack.
 *
 * @public
 */
export function kubeConfigFor(
  cluster: SandboxCluster,
  identity: SandboxIdentity,
): KubeConfig {
  return kubeConfigForServer(
    cluster,
    readSandbox().clusters[cluster],
    identity,
  );
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
