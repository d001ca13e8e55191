import type {
  KubeConfig,
  V1Lease,
  V1Namespace,
  V1Secret,
} from '@kubernetes/client-node';
import {
  AppsV1Api,
  BatchV1Api,
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { UpstreamError } from '../../lib/infra/upstreamErrors';
import { getJson } from './getJson';
import {
  KUBERNETES_REQUEST_TIMEOUT_MS,
  makeTimedApiClient,
} from './makeTimedApiClient';
import {
  KubeConfigFactory,
  clusterKey,
  createKubeConfigs,
} from './createKubeConfigs';
import { toSecretSummary } from './secretSummary';
import {
  ClusterConfig,
  CustomObject,
  ExternalSecret,
  ExternalSecretApi,
  KubernetesService,
  PatchOptions,
  RestartableWorkload,
  WorkloadRef,
} from './types';

type Apis = {
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  custom: CustomObjectsApi;
  coordination: CoordinationV1Api;
};

const EXTERNAL_SECRETS = 'externalsecrets';

/** A name as one segment of an API path. */
const segment = encodeURIComponent;

function isNotFound(error: unknown) {
  return error instanceof UpstreamError && error.reason === 'not-found';
}

function mergePatch(
  annotations: Record<string, string | null>,
  options: PatchOptions,
) {
  return {
    metadata: {
      annotations,
      ...(options.resourceVersion
        ? { resourceVersion: options.resourceVersion }
        : {}),
    },
  };
}

/** The patch `kubectl rollout restart` sends: a new pod template annotation. */
function restartPatch(restartedAt: string) {
  return {
    spec: {
      template: {
        metadata: {
          annotations: { 'kubectl.kubernetes.io/restartedAt': restartedAt },
        },
      },
    },
  };
}

function kindOf(workload: WorkloadRef): string {
  return String((workload as { kind: unknown }).kind);
}

function readWorkload(
  apps: AppsV1Api,
  namespace: string,
  workload: WorkloadRef,
): Promise<RestartableWorkload> {
  const { name } = workload;
  switch (workload.kind) {
    case 'Deployment':
      return apps.readNamespacedDeployment({ namespace, name });
    case 'StatefulSet':
      return apps.readNamespacedStatefulSet({ namespace, name });
    case 'DaemonSet':
      return apps.readNamespacedDaemonSet({ namespace, name });
    default:
      throw new Error(`not a restartable kind: ${kindOf(workload)}`);
  }
}

/**
 * Creates the Kubernetes service that reads and writes the API server
 * directly, every call a request.
 */
export function createKubernetesService(options: {
  credentialsManager: AwsCredentialsManager;
  /** Shared with the watch caches, so both use one token per cluster. */
  kubeConfigs?: KubeConfigFactory;
}): KubernetesService {
  const kubeConfigs =
    options.kubeConfigs ??
    createKubeConfigs({ credentialsManager: options.credentialsManager });
  /** The ExternalSecret version each cluster serves, once found. */
  const servedVersions = new Map<string, string>();
  /**
   * API clients per KubeConfig: building five clients for every call was
   * most of the CPU a view spent before its first request left.
   */
  const apisOf = new WeakMap<KubeConfig, Apis>();
  const readsInFlight = new Map<string, Promise<unknown>>();

  /**
   * Identical reads in flight at once share one request: a view reads a
   * namespace for its binding and for its facts at the same moment.
   */
  function shared<T>(key: string, read: () => Promise<T>): Promise<T> {
    const running = readsInFlight.get(key);
    if (running) {
      return running as Promise<T>;
    }
    const started = read().finally(() => readsInFlight.delete(key));
    readsInFlight.set(key, started);
    return started;
  }

  async function api(cluster: ClusterConfig, action: string): Promise<Apis> {
    try {
      const kubeConfig = await kubeConfigs(cluster);
      let apis = apisOf.get(kubeConfig);
      if (!apis) {
        apis = {
          core: makeTimedApiClient(kubeConfig, CoreV1Api),
          apps: makeTimedApiClient(kubeConfig, AppsV1Api),
          batch: makeTimedApiClient(kubeConfig, BatchV1Api),
          custom: makeTimedApiClient(kubeConfig, CustomObjectsApi),
          coordination: makeTimedApiClient(kubeConfig, CoordinationV1Api),
        };
        apisOf.set(kubeConfig, apis);
      }
      return apis;
    } catch (error) {
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
    run: (apis: Apis) => Promise<T>,
  ): Promise<T> {
    const apis = await api(cluster, action);
    try {
      return await run(apis);
    } catch (error) {
      throw UpstreamError.from(
        'kubernetes',
        `${action} in cluster ${cluster.name}`,
        error,
      );
    }
  }

  /** GETs a path as the API server's JSON; undefined when it answers 404. */
  async function readJson<T>(
    cluster: ClusterConfig,
    action: string,
    path: string,
  ): Promise<T | undefined> {
    let kubeConfig: KubeConfig;
    try {
      kubeConfig = await kubeConfigs(cluster);
    } catch (error) {
      throw UpstreamError.from(
        'kubernetes',
        `${action} in cluster ${cluster.name}`,
        error,
      );
    }
    try {
      return (await getJson(
        kubeConfig,
        path,
        KUBERNETES_REQUEST_TIMEOUT_MS,
      )) as T;
    } catch (error) {
      const failure = UpstreamError.from(
        'kubernetes',
        `${action} in cluster ${cluster.name}`,
        error,
      );
      if (isNotFound(failure)) {
        return undefined;
      }
      throw failure;
    }
  }

  async function listJson<T>(
    cluster: ClusterConfig,
    action: string,
    path: string,
  ): Promise<T[]> {
    const answer = await readJson<{ items?: T[] }>(cluster, action, path);
    return answer?.items ?? [];
  }

  async function listExternalSecretsAt(
    cluster: ClusterConfig,
    namespace: string,
    group: string,
    version: string,
  ): Promise<ExternalSecret[]> {
    const list = (await call(
      cluster,
      `list ExternalSecrets (${group}/${version}) in namespace ${namespace}`,
      ({ custom }) =>
        custom.listNamespacedCustomObject({
          group,
          version,
          namespace,
          plural: EXTERNAL_SECRETS,
        }),
    )) as { items?: ExternalSecret[] };
    return (list.items ?? []).map(item => ({
      ...item,
      apiVersion: item.apiVersion ?? `${group}/${version}`,
    }));
  }

  return {
    async getNamespace(cluster, name, readOptions) {
      const get = () =>
        readJson<V1Namespace>(
          cluster,
          `read namespace ${name}`,
          `/api/v1/namespaces/${segment(name)}`,
        );
      // a consistent read must start after whatever the caller did last
      return readOptions?.consistent
        ? get()
        : shared(`${clusterKey(cluster)}|namespace|${name}`, get);
    },

    async getLease(cluster, namespace, name) {
      return readJson<V1Lease>(
        cluster,
        `read Lease ${namespace}/${name}`,
        `/apis/coordination.k8s.io/v1/namespaces/${segment(
          namespace,
        )}/leases/${segment(name)}`,
      );
    },

    async getSecret(cluster, namespace, name) {
      const secret = await readJson<V1Secret>(
        cluster,
        `read Secret ${namespace}/${name}`,
        `/api/v1/namespaces/${segment(namespace)}/secrets/${segment(name)}`,
      );
      return secret ? toSecretSummary(secret) : undefined;
    },

    async listWorkloads(cluster, namespace) {
      const action = `list workloads in namespace ${namespace}`;
      const at = (prefix: string, plural: string) =>
        listJson<never>(
          cluster,
          action,
          `${prefix}/namespaces/${segment(namespace)}/${plural}`,
        );
      const [deployments, statefulSets, daemonSets, jobs, cronJobs, pods] =
        await Promise.all([
          at('/apis/apps/v1', 'deployments'),
          at('/apis/apps/v1', 'statefulsets'),
          at('/apis/apps/v1', 'daemonsets'),
          at('/apis/batch/v1', 'jobs'),
          at('/apis/batch/v1', 'cronjobs'),
          at('/api/v1', 'pods'),
        ]);
      return { deployments, statefulSets, daemonSets, jobs, cronJobs, pods };
    },

    async listExternalSecrets(cluster, namespace, esApi: ExternalSecretApi) {
      // per list of versions: two environments on one cluster may ask for different ones
      const key = `${clusterKey(cluster)}|${esApi.group}|${esApi.versions.join(
        ',',
      )}`;
      const known = servedVersions.get(key);
      const versions = known ? [known] : esApi.versions;
      for (const version of versions) {
        try {
          const items = await listExternalSecretsAt(
            cluster,
            namespace,
            esApi.group,
            version,
          );
          servedVersions.set(key, version);
          return items;
        } catch (error) {
          // a version the cluster does not serve answers 404: try the next one
          if (!isNotFound(error)) {
            throw error;
          }
        }
      }
      servedVersions.delete(key);
      throw new UpstreamError({
        hop: 'kubernetes',
        reason: 'not-found',
        message: `Kubernetes: cluster ${
          cluster.name
        } serves ExternalSecrets at none of ${esApi.versions
          .map(version => `${esApi.group}/${version}`)
          .join(', ')}; is External Secrets Operator installed?`,
      });
    },

    async restartWorkload(cluster, namespace, workload, restartedAt) {
      const body = restartPatch(restartedAt);
      const name = workload.name;
      const strategic = setHeaderOptions(
        'Content-Type',
        PatchStrategy.StrategicMergePatch,
      );
      return call(
        cluster,
        `restart ${workload.kind} ${namespace}/${name}`,
        ({ apps }): Promise<RestartableWorkload> => {
          switch (workload.kind) {
            case 'Deployment':
              return apps.patchNamespacedDeployment(
                { namespace, name, body },
                strategic,
              );
            case 'StatefulSet':
              return apps.patchNamespacedStatefulSet(
                { namespace, name, body },
                strategic,
              );
            case 'DaemonSet':
              return apps.patchNamespacedDaemonSet(
                { namespace, name, body },
                strategic,
              );
            default:
              throw new Error(`not a restartable kind: ${kindOf(workload)}`);
          }
        },
      );
    },

    async readRollout(cluster, namespace, workload) {
      try {
        return await call(
          cluster,
          `read ${workload.kind} ${namespace}/${workload.name}`,
          async ({ apps }) => {
            const workloadRead = await readWorkload(apps, namespace, workload);
            const labels = workloadRead.spec?.selector.matchLabels ?? {};
            const replicaSets =
              workload.kind === 'Deployment'
                ? (
                    await apps.listNamespacedReplicaSet({
                      namespace,
                      labelSelector: Object.entries(labels)
                        .map(([key, value]) => `${key}=${value}`)
                        .join(','),
                    })
                  ).items
                : [];
            return { workload: workloadRead, replicaSets };
          },
        );
      } catch (error) {
        if (isNotFound(error)) {
          return undefined;
        }
        throw error;
      }
    },

    async patchNamespaceAnnotations(cluster, name, annotations, patch = {}) {
      return call(cluster, `annotate namespace ${name}`, ({ core }) =>
        core.patchNamespace(
          { name, body: mergePatch(annotations, patch) },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        ),
      );
    },

    async listCustomObjects(cluster, objectApi, namespace) {
      const { group, version, plural } = objectApi;
      const where = namespace ? ` in namespace ${namespace}` : '';
      const list = (await call(
        cluster,
        `list ${plural}.${group}/${version}${where}`,
        ({ custom }) =>
          namespace
            ? custom.listNamespacedCustomObject({
                group,
                version,
                namespace,
                plural,
              })
            : custom.listClusterCustomObject({ group, version, plural }),
      )) as { items?: CustomObject[] };
      return (list.items ?? []).map(item => ({
        ...item,
        apiVersion: item.apiVersion ?? `${group}/${version}`,
      }));
    },

    async patchCustomObjectAnnotations(
      cluster,
      objectApi,
      object,
      annotations,
      patch = {},
    ) {
      const { group, version, plural } = objectApi;
      const { namespace, name = '' } = object.metadata;
      const body = mergePatch(annotations, patch);
      return (await call(
        cluster,
        `annotate ${object.kind} ${namespace ? `${namespace}/` : ''}${name}`,
        ({ custom }) =>
          namespace
            ? custom.patchNamespacedCustomObject(
                { group, version, namespace, plural, name, body },
                setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
              )
            : custom.patchClusterCustomObject(
                { group, version, plural, name, body },
                setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
              ),
      )) as CustomObject;
    },

    async mergePatchCustomObject(
      cluster,
      objectApi,
      object,
      patch,
      patchOptions = {},
    ) {
      const { group, version, plural } = objectApi;
      const { namespace, name = '' } = object.metadata;
      const body = {
        ...patch,
        ...(patchOptions.resourceVersion
          ? {
              metadata: {
                ...(patch.metadata as object | undefined),
                resourceVersion: patchOptions.resourceVersion,
              },
            }
          : {}),
      };
      return (await call(
        cluster,
        `patch ${object.kind} ${namespace ? `${namespace}/` : ''}${name}`,
        ({ custom }) =>
          namespace
            ? custom.patchNamespacedCustomObject(
                { group, version, namespace, plural, name, body },
                setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
              )
            : custom.patchClusterCustomObject(
                { group, version, plural, name, body },
                setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
              ),
      )) as CustomObject;
    },

    async listEvents(cluster, namespace, regarding) {
      const found = await call(
        cluster,
        `list Events of ${regarding.kind} ${regarding.name} in namespace ${namespace}`,
        ({ core }) =>
          core.listNamespacedEvent({
            namespace,
            fieldSelector: `involvedObject.kind=${regarding.kind},involvedObject.name=${regarding.name}`,
          }),
      );
      return found.items
        .map(event => {
          const seen =
            event.series?.lastObservedTime ??
            event.lastTimestamp ??
            event.eventTime ??
            event.metadata.creationTimestamp;
          return {
            type: event.type,
            reason: event.reason,
            message: event.message,
            ...(seen ? { lastSeen: new Date(seen) } : {}),
          };
        })
        .sort(
          (a, b) => (b.lastSeen?.getTime() ?? 0) - (a.lastSeen?.getTime() ?? 0),
        );
    },

    async listNamespaces(cluster) {
      return (
        await call(cluster, 'list namespaces', ({ core }) =>
          core.listNamespace(),
        )
      ).items;
    },

    async writeSecretData(cluster, namespace, name, change, patch = {}) {
      const data: Record<string, string | null> = {};
      for (const key of change.unset) {
        data[key] = null;
      }
      for (const [key, value] of Object.entries(change.set)) {
        data[key] = Buffer.from(value, 'utf8').toString('base64');
      }
      const action = `write Secret ${namespace}/${name}`;
      try {
        return toSecretSummary(
          await call(cluster, action, ({ core }) =>
            core.patchNamespacedSecret(
              {
                namespace,
                name,
                body: {
                  metadata: patch.resourceVersion
                    ? { resourceVersion: patch.resourceVersion }
                    : {},
                  data,
                },
              },
              setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
            ),
          ),
        );
      } catch (error) {
        if (!isNotFound(error) || patch.resourceVersion) {
          throw error;
        }
      }
      // a create racing another create conflicts: the caller retries as a patch
      return toSecretSummary(
        await call(cluster, action, ({ core }) =>
          core.createNamespacedSecret({
            namespace,
            body: {
              metadata: { name, labels: change.labels },
              data: Object.fromEntries(
                Object.entries(data).filter(
                  (entry): entry is [string, string] => entry[1] !== null,
                ),
              ),
            },
          }),
        ),
      );
    },

    async patchExternalSecretAnnotations(
      cluster,
      externalSecret,
      annotations,
      patch = {},
    ) {
      const [group, version] = externalSecret.apiVersion.split('/');
      const namespace = externalSecret.metadata.namespace ?? '';
      const name = externalSecret.metadata.name ?? '';
      return (await call(
        cluster,
        `annotate ExternalSecret ${namespace}/${name}`,
        ({ custom }) =>
          custom.patchNamespacedCustomObject(
            {
              group,
              version,
              namespace,
              plural: EXTERNAL_SECRETS,
              name,
              body: mergePatch(annotations, patch),
            },
            setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
          ),
      )) as ExternalSecret;
    },
  };
}
