import type { V1Namespace, V1Secret } from '@kubernetes/client-node';
import type { EnvironmentConfig } from '../../config';
import type { NamespaceWorkloads } from '../../lib/findConsumers';

/** The cluster settings of one environment. */
export type ClusterConfig = EnvironmentConfig['kubernetes'] & {
  /** Account and region whose credentials sign an EKS token. */
  aws: EnvironmentConfig['aws'];
};

/** Preconditions of a patch. */
export interface PatchOptions {
  /** Apply only if the object is still at this version. */
  resourceVersion?: string;
}

/**
 * What the backend does in an environment's cluster. Failures are thrown as
 * `UpstreamError`s whose reason says access denied (RBAC), throttled,
 * unreachable or not found.
 */
export interface KubernetesService {
  /** The namespace, or undefined when it does not exist. */
  getNamespace(
    cluster: ClusterConfig,
    name: string,
  ): Promise<V1Namespace | undefined>;
  /** The Secret, or undefined when it does not exist. */
  getSecret(
    cluster: ClusterConfig,
    namespace: string,
    name: string,
  ): Promise<V1Secret | undefined>;
  /** The workloads and pods of a namespace, to find the Secret's consumers. */
  listWorkloads(
    cluster: ClusterConfig,
    namespace: string,
  ): Promise<NamespaceWorkloads>;
  /**
   * Sets (string) or removes (null) namespace annotations with a JSON merge
   * patch, leaving every other annotation as it is. With `resourceVersion`
   * the patch applies only to that version of the namespace; otherwise it
   * fails with reason `conflict`.
   */
  patchNamespaceAnnotations(
    cluster: ClusterConfig,
    name: string,
    annotations: Record<string, string | null>,
    options?: PatchOptions,
  ): Promise<V1Namespace>;
}
