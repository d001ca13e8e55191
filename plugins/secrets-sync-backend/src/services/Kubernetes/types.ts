import type {
  V1DaemonSet,
  V1Deployment,
  V1Lease,
  V1Namespace,
  V1ObjectMeta,
  V1ReplicaSet,
  V1StatefulSet,
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
  /**
   * Whether the Secret carries `reloader.stakater.com/match: "true"`, the
   * one annotation kept: Reloader restarts the workloads that search for it.
   */
  reloaderMatch?: boolean;
  /**
   * The AWS version id the operator stamped the Secret with
   * (`secrets-sync.io/aws-version-id`), a second annotation kept: an id,
   * never a value.
   */
  awsVersionStamp?: string;
}

/** The kinds of workload a restart patches, as `kubectl rollout restart` does. */
export type RestartableKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

/** One restartable workload of a namespace. */
export interface WorkloadRef {
  kind: RestartableKind;
  name: string;
}

/** A restartable workload as read from the API server. */
export type RestartableWorkload = V1Deployment | V1StatefulSet | V1DaemonSet;

/** A workload and, for a Deployment, its ReplicaSets, to follow a rollout. */
export interface WorkloadRolloutRead {
  workload: RestartableWorkload;
  replicaSets: V1ReplicaSet[];
}

/** A condition of an ExternalSecret's status. */
export interface ExternalSecretCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** Where an ExternalSecret reads from AWS: a key, and optionally a version and a property. */
export interface ExternalSecretRemoteRef {
  key?: string;
  /** `uuid/<VersionId>` or a version stage; AWSCURRENT when absent. */
  version?: string;
  /** A top-level key of the JSON document (`data` only). */
  property?: string;
}

/**
 * The parts of an External Secrets Operator ExternalSecret the backend reads,
 * as the real CRDs serve them at `external-secrets.io/v1` and `v1beta1` (the
 * same shape for these fields; `dataFrom[].key` of v1alpha1 is gone).
 */
export interface ExternalSecret {
  apiVersion: string;
  kind: string;
  metadata: V1ObjectMeta;
  spec?: {
    refreshInterval?: string;
    refreshPolicy?: string;
    secretStoreRef?: { kind?: string; name?: string };
    target?: { name?: string };
    data?: Array<{ secretKey?: string; remoteRef?: ExternalSecretRemoteRef }>;
    dataFrom?: Array<{ extract?: ExternalSecretRemoteRef }>;
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

/** Where a kind of custom object is served, e.g. PushSecrets at `external-secrets.io/v1alpha1`. */
export interface CustomObjectApi {
  group: string;
  version: string;
  /** The resource's plural name, e.g. `pushsecrets`. */
  plural: string;
}

/**
 * A custom object as the API server serves it. Each engine types the parts
 * of `spec` and `status` it reads itself, and reads nothing else.
 */
export interface CustomObject {
  apiVersion: string;
  kind: string;
  metadata: V1ObjectMeta;
  spec?: unknown;
  status?: unknown;
}

/**
 * Keys of a Secret to set and to remove, written as a JSON merge patch of
 * its `data`, so keys another writer set meanwhile are kept. Values exist
 * only in this request; nothing of them is read back but digests.
 */
export interface SecretDataChange {
  set: Record<string, string>;
  unset: string[];
  /** Labels the Secret gets when it is created (who manages it). */
  labels?: Record<string, string>;
}

/**
 * An Event about one object, as `kubectl describe` lists it: controllers
 * such as ESO put the cause of a failure there, not in a condition.
 */
export interface EventSummary {
  type?: string;
  reason?: string;
  message?: string;
  /** When it was last seen (the newest of its series). */
  lastSeen?: Date;
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
  /**
   * When what the reads of this cluster answer was last confirmed by its
   * API server, where that is more than a few seconds ago (a watch cache
   * between the server's failure and its probe noticing); undefined when
   * the reads are current.
   */
  factsAsOf?(cluster: ClusterConfig): Date | undefined;
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
  /**
   * The custom objects of one kind in a namespace, or cluster-wide when
   * `namespace` is undefined (cluster-scoped kinds, or all namespaces).
   */
  listCustomObjects(
    cluster: ClusterConfig,
    api: CustomObjectApi,
    namespace: string | undefined,
    options?: ReadOptions,
  ): Promise<CustomObject[]>;
  /** Sets or removes annotations of a custom object, at the version it was read at. */
  patchCustomObjectAnnotations(
    cluster: ClusterConfig,
    api: CustomObjectApi,
    object: CustomObject,
    annotations: Record<string, string | null>,
    options?: PatchOptions,
  ): Promise<CustomObject>;
  /**
   * Merge-patches a custom object with `patch` (e.g. annotations a
   * controller copies from its spec), at the version it was read at.
   */
  mergePatchCustomObject(
    cluster: ClusterConfig,
    api: CustomObjectApi,
    object: CustomObject,
    patch: Record<string, unknown>,
    options?: PatchOptions,
  ): Promise<CustomObject>;
  /** Every namespace of the cluster (selectors are matched by the caller). */
  listNamespaces(cluster: ClusterConfig): Promise<V1Namespace[]>;
  /**
   * The Events of a namespace about one object, newest first. Events about
   * a cluster-scoped object are in namespace `default`.
   */
  listEvents(
    cluster: ClusterConfig,
    namespace: string,
    regarding: { kind: string; name: string },
  ): Promise<EventSummary[]>;
  /**
   * Sets and removes keys of a Secret, creating it (with `change.labels`)
   * when it does not exist; answers the Secret as digests.
   */
  writeSecretData(
    cluster: ClusterConfig,
    namespace: string,
    name: string,
    change: SecretDataChange,
    options?: PatchOptions,
  ): Promise<SecretSummary>;
  /**
   * Sets the pod template's `kubectl.kubernetes.io/restartedAt` annotation
   * of a Deployment, StatefulSet or DaemonSet, as `kubectl rollout restart`
   * does, so its controller replaces every pod.
   */
  restartWorkload(
    cluster: ClusterConfig,
    namespace: string,
    workload: WorkloadRef,
    restartedAt: string,
  ): Promise<RestartableWorkload>;
  /**
   * The workload read on the API server (not a cache), with a Deployment's
   * ReplicaSets; undefined when it does not exist.
   */
  readRollout(
    cluster: ClusterConfig,
    namespace: string,
    workload: WorkloadRef,
  ): Promise<WorkloadRolloutRead | undefined>;
  /** Sets or removes annotations of an ExternalSecret, at the version it was read at. */
  patchExternalSecretAnnotations(
    cluster: ClusterConfig,
    externalSecret: ExternalSecret,
    annotations: Record<string, string | null>,
    options?: PatchOptions,
  ): Promise<ExternalSecret>;
}
