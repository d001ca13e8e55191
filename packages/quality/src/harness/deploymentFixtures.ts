import {
  AppsV1Api,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { kubeConfigFor, SandboxCluster } from '@internal/sandbox';

/** The pod template annotation a restart stamps, as kubectl rollout restart does. */
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

const apps = (cluster: SandboxCluster) =>
  kubeConfigFor(cluster, 'admin').makeApiClient(AppsV1Api);

/**
 * A Deployment reading `secretName` through envFrom, as a tenant's
 * workload would, so the backend finds it consuming the Secret.
 *
 * @public
 */
export async function createConsumingDeployment(
  cluster: SandboxCluster,
  namespace: string,
  name: string,
  secretName: string,
): Promise<void> {
  const labels = { app: name };
  await apps(cluster).createNamespacedDeployment({
    namespace,
    body: {
      metadata: { name },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'app',
                image: 'app:1',
                envFrom: [{ secretRef: { name: secretName } }],
              },
            ],
          },
        },
      },
    },
  });
}

/**
 * The Deployment's restartedAt stamp, or `(no deployment)`.
 *
 * @public
 */
export async function restartedAtOf(
  cluster: SandboxCluster,
  namespace: string,
  name: string,
): Promise<string | undefined> {
  try {
    const deployment = await apps(cluster).readNamespacedDeployment({
      namespace,
      name,
    });
    return deployment.spec?.template.metadata?.annotations?.[RESTARTED_AT];
  } catch (error) {
    if ((error as { code?: number }).code === 404) {
      return '(no deployment)';
    }
    throw error;
  }
}

/**
 * Sets the restartedAt stamp to `value`, so that a restart, whose stamp
 * has a resolution of one second, always changes it.
 *
 * @public
 */
export async function stampRestartedAt(
  cluster: SandboxCluster,
  namespace: string,
  name: string,
  value: string,
): Promise<void> {
  await apps(cluster).patchNamespacedDeployment(
    {
      namespace,
      name,
      body: {
        spec: {
          template: { metadata: { annotations: { [RESTARTED_AT]: value } } },
        },
      },
    },
    setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
  );
}
