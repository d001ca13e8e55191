import { CoreV1Api } from '@kubernetes/client-node';
import { DEFAULT_NAMESPACE_ANNOTATION_CONTRACT as CONTRACT } from '@internal/plugin-secrets-sync-common';
import { kubeConfigFor, SandboxCluster } from '@internal/sandbox';

/**
 * Creates the tenant's namespace in a sandbox cluster, as a platform team
 * would, opted in to sync unless told otherwise.
 *
 * @public
 */
export async function createTenantNamespace(
  cluster: SandboxCluster,
  tenantKey: string,
  options: { optedIn?: boolean } = {},
): Promise<string> {
  const name = CONTRACT.namespaceTemplate.replace('{tenant}', tenantKey);
  await kubeConfigFor(cluster, 'admin')
    .makeApiClient(CoreV1Api)
    .createNamespace({
      body: {
        metadata: {
          name,
          annotations:
            options.optedIn === false
              ? {}
              : { [CONTRACT.optInAnnotation]: CONTRACT.enabledValue },
        },
      },
    });
  return name;
}
