import type {
  V1Lease,
  V1Namespace,
  V1ObjectMeta,
} from '@kubernetes/client-node';
import type { EnvironmentConfig } from '../../config';
import type { NamespaceWorkloads } from '../../lib/domain/findConsumers';

/** The cluster settings of one environment. */
export type ClusterConfig = EnvironmentConfig['kubernetes'] & {
  /** Account and region whose credentials sign an EKS token. */
  aws: EnvironmentConfig['aws'];
};

/**
 * What is kept of a Secret's metadata: never its annotations (kubectl's
 * `last-applied-configuration` annotation holds the applied manifest,
 * values included) nor its managed fields.
 */
export type SecretMetadata = Pick<
  V1ObjectMeta,
  | 'name'
  | 'namespace'
  | 'uid'
  | 'resourceVersion'
  | 'creationTimestamp'
  | 'labels'
  | 'ownerReferences'
>;

/**
 * A Secret without its values: each key's value is replaced by a keyed
 * digest (see `lib/valueDigest`), which is all a comparison with AWS needs.
 * Values read from the cluster are never kept, also not in a cache.
 */
export interface SecretSummary {
  metadata: SecretMetadata;
  /**
   * When the Secret last changed: the latest time among its managed fields
   * (each write stamps one), else its creation. Computed when it is read.
   */
  updatedAt?: Date;
  valueDigests: Record<string, string>;
}

/** A condition of an ExternalSecret's status. */
export interface ExternalSecretCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/**
 * The parts of an External Secrets Operator ExternalSecret the backend reads,
 * as served at `external-secrets.io/v1` and `v1beta1` (the same shape).
 */
export interface ExternalSecret {
  apiVersion: string;
  kind: string;
  metadata: V1ObjectMeta;
  spec?: {
    refreshInterval?: string;
    refreshPolicy?: string;
    target?: { name?: string };
    data?: Array<{ secretKey?: string; remoteRef?: { key?: string } }>;
    dataFrom?: Array<{ key?: string; extract?: { key?: string } }>;
  };
  status?: {
    conditions?: ExternalSecretCondition[];
    refreshTime?: string;
    syncedResourceVersion?: string;
  };
}

/** Where ExternalSecrets are served: the API group and its versions, preferred first. */
export interface ExternalSecretApi {
  group: string;
  versions: string[];
}

/** Preconditions of a patch. */
export interface PatchOptions {
  /** Apply only if the object is still at this version; otherwise reason `conflict`. */
  resourceVersion?: string;
}

/** Options of a read. */
export interface ReadOptions {
  /** Read from the API server, not a cache: for a read-modify-write. */
  consistent?: boolean;
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
    options?: ReadOptions,
  ): Promise<V1Namespace | undefined>;
  /** A coordination.k8s.io Lease (an operator's leader election), or undefined when there is none. */
  getLease(
    cluster: ClusterConfig,
    namespace: string,
    name: string,
  ): Promise<V1Lease | undefined>;
  /** The Secret, with digests in place of values, or undefined when it does not exist. */
  getSecret(
    cluster: ClusterConfig,
    namespace: string,
    name: string,
  ): Promise<SecretSummary | undefined>;
  /** The workloads and pods of a namespace, to find the Secret's consumers. */
  listWorkloads(
    cluster: ClusterConfig,
    namespace: string,
  ): Promise<NamespaceWorkloads>;
  /**
   * The ExternalSecrets of a namespace, read at the first version of `api`
   * the cluster serves (an older cluster serves only `v1beta1`).
   */
  listExternalSecrets(
    cluster: ClusterConfig,
    namespace: string,
    api: ExternalSecretApi,
    options?: ReadOptions,
  ): Promise<ExternalSecret[]>;
  /**
   * Sets (string) or removes (null) namespace annotations with a JSON merge
   * patch, leaving every other annotation as it is.
   */
  patchNamespaceAnnotations(
    cluster: ClusterConfig,
    name: string,
    annotations: Record<string, string | null>,
    options?: PatchOptions,
  ): Promise<V1Namespace>;
  /** Sets or removes annotations of an ExternalSecret, at the version it was read at. */
  patchExternalSecretAnnotations(
    cluster: ClusterConfig,
    externalSecret: ExternalSecret,
    annotations: Record<string, string | null>,
    options?: PatchOptions,
  ): Promise<ExternalSecret>;
}
