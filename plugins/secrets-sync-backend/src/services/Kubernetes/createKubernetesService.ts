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
import { makeTimedApiClient } from './makeTimedApiClient';
import {
  KubeConfigFactory,
  clusterKey,
  createKubeConfigs,
} from './createKubeConfigs';
import { toSecretSummary } from './secretSummary';
import {
  ClusterConfig,
  ExternalSecret,
  ExternalSecretApi,
  KubernetesService,
  PatchOptions,
} from './types';

type Apis = {
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  custom: CustomObjectsApi;
  coordination: CoordinationV1Api;
};

const EXTERNAL_SECRETS = 'externalsecrets';

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

  async function api(cluster: ClusterConfig, action: string): Promise<Apis> {
    try {
      const kubeConfig = await kubeConfigs(cluster);
      return {
        core: makeTimedApiClient(kubeConfig, CoreV1Api),
        apps: makeTimedApiClient(kubeConfig, AppsV1Api),
        batch: makeTimedApiClient(kubeConfig, BatchV1Api),
        custom: makeTimedApiClient(kubeConfig, CustomObjectsApi),
        coordination: makeTimedApiClient(kubeConfig, CoordinationV1Api),
      };
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
    async getNamespace(cluster, name) {
      try {
        return await call(cluster, `read namespace ${name}`, ({ core }) =>
          core.readNamespace({ name }),
        );
      } catch (error) {
        if (isNotFound(error)) {
          return undefined;
        }
        throw error;
      }
    },

    async getLease(cluster, namespace, name) {
      try {
        return await call(
          cluster,
          `read Lease ${namespace}/${name}`,
          ({ coordination }) =>
            coordination.readNamespacedLease({ namespace, name }),
        );
      } catch (error) {
        if (isNotFound(error)) {
          return undefined;
        }
        throw error;
      }
    },

    async getSecret(cluster, namespace, name) {
      try {
        return toSecretSummary(
          await call(cluster, `read Secret ${namespace}/${name}`, ({ core }) =>
            core.readNamespacedSecret({ namespace, name }),
          ),
        );
      } catch (error) {
        if (isNotFound(error)) {
          return undefined;
        }
        throw error;
      }
    },

    async listWorkloads(cluster, namespace) {
      return call(
        cluster,
        `list workloads in namespace ${namespace}`,
        async ({ core, apps, batch }) => {
          const [deployments, statefulSets, daemonSets, jobs, cronJobs, pods] =
            await Promise.all([
              apps.listNamespacedDeployment({ namespace }),
              apps.listNamespacedStatefulSet({ namespace }),
              apps.listNamespacedDaemonSet({ namespace }),
              batch.listNamespacedJob({ namespace }),
              batch.listNamespacedCronJob({ namespace }),
              core.listNamespacedPod({ namespace }),
            ]);
          return {
            deployments: deployments.items,
            statefulSets: statefulSets.items,
            daemonSets: daemonSets.items,
            jobs: jobs.items,
            cronJobs: cronJobs.items,
            pods: pods.items,
          };
        },
      );
    },

    async listExternalSecrets(cluster, namespace, esApi: ExternalSecretApi) {
      const key = `${clusterKey(cluster)}|${esApi.group}`;
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

    async patchNamespaceAnnotations(cluster, name, annotations, patch = {}) {
      return call(cluster, `annotate namespace ${name}`, ({ core }) =>
        core.patchNamespace(
          { name, body: mergePatch(annotations, patch) },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
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
