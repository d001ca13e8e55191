import {
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  DEFAULT_BINDING_ANNOTATION,
  DEFAULT_NAMESPACE_ANNOTATION_CONTRACT as CONTRACT,
} from '@internal/plugin-secrets-sync-common';
import { kubeConfigFor, SandboxCluster } from '@internal/sandbox';

/**
 * Creates the tenant's namespace in a sandbox cluster, as a platform team
 * would: bound to `component:default/<tenantKey>` unless `boundTo` names
 * another entity (or is null: unbound), opted in to sync unless told otherwise.
 *
 * @public
 */
export async function createTenantNamespace(
  cluster: SandboxCluster,
  tenantKey: string,
  options: {
    optedIn?: boolean;
    optInAnnotation?: string;
    boundTo?: string | null;
    /** Another template than the default `sites-{tenant}` (docs/operator-contract.md). */
    namespaceTemplate?: string;
  } = {},
): Promise<string> {
  const optIn = options.optInAnnotation ?? CONTRACT.optInAnnotation;
  const name = (
    options.namespaceTemplate ?? CONTRACT.namespaceTemplate
  ).replace('{tenant}', tenantKey);
  const boundTo =
    options.boundTo === undefined
      ? `component:default/${tenantKey}`
      : options.boundTo;
  await kubeConfigFor(cluster, 'admin')
    .makeApiClient(CoreV1Api)
    .createNamespace({
      body: {
        metadata: {
          name,
          annotations: {
            ...(options.optedIn === false
              ? {}
              : { [optIn]: CONTRACT.enabledValue }),
            ...(boundTo ? { [DEFAULT_BINDING_ANNOTATION]: boundTo } : {}),
          },
        },
      },
    });
  return name;
}

/**
 * Sets (string) or removes (null) annotations on a tenant namespace as the
 * cluster admin.
 *
 * @public
 */
export async function annotateNamespace(
  cluster: SandboxCluster,
  namespace: string,
  annotations: Record<string, string | null>,
): Promise<void> {
  await kubeConfigFor(cluster, 'admin')
    .makeApiClient(CoreV1Api)
    .patchNamespace(
      { name: namespace, body: { metadata: { annotations } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
}

/**
 * One annotation of a tenant namespace, read as the cluster admin.
 *
 * @public
 */
export async function namespaceAnnotation(
  cluster: SandboxCluster,
  namespace: string,
  key: string,
): Promise<string | undefined> {
  const { metadata } = await kubeConfigFor(cluster, 'admin')
    .makeApiClient(CoreV1Api)
    .readNamespace({ name: namespace });
  return metadata?.annotations?.[key];
}
