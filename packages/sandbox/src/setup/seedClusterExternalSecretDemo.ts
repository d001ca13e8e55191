import {
  CreateSecretCommand,
  ResourceExistsException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  SECRETS_SYNC_ENTITY_TAG,
  SECRETS_SYNC_MANAGED_TAG,
  SECRETS_SYNC_MANAGED_TAG_VALUE,
} from '@internal/plugin-secrets-sync-common';
import { awsClientConfigFor } from '../aws';
import { kubeConfigFor } from '../kube';
import { SANDBOX_ACCOUNTS } from '../sandboxInfo';
import { accountStoreName } from './seedExternalSecretStores';

/**
 * The demo's `dev-shared` environment (app-config.yaml): the
 * `cluster-external-secret` engine on the dev cluster. The shared secret
 * `registry-credentials` (a catalog Resource of the platform team) is at
 * AWS key `shared/registry-credentials`; its ClusterExternalSecret selects
 * the namespaces labelled {@link SHARED_SECRET_DEMO.label}: two dev-eso
 * tenants' (provisioned, a Deployment reading the Secret in one) and
 * `legacy-builds`, where an ExternalSecret of the same name that is not
 * the ClusterExternalSecret's already exists, so ESO fails there and says
 * why.
 */
export const SHARED_SECRET_DEMO = {
  name: 'registry-credentials',
  entityRef: 'resource:default/registry-credentials',
  awsKey: 'shared/registry-credentials',
  label: 'secrets-sync.io/shared-registry-credentials',
  provisioned: ['eso-loyalty-api', 'eso-reviews-api'],
  failing: 'legacy-builds',
  consumer: { namespace: 'eso-reviews-api', name: 'image-builder' },
} as const;

async function ignoreStatus(
  promise: Promise<unknown>,
  code: number,
): Promise<void> {
  try {
    await promise;
  } catch (error) {
    if ((error as { code?: number }).code !== code) {
      throw error;
    }
  }
}

const demo = SHARED_SECRET_DEMO;
const GROUP = 'external-secrets.io';

/** Creates the namespace when missing and labels it for the ClusterExternalSecret. */
async function labelled(core: CoreV1Api, name: string) {
  const labels = { [demo.label]: 'true' };
  await ignoreStatus(
    core.createNamespace({ body: { metadata: { name, labels } } }),
    409,
  );
  await core.patchNamespace(
    { name, body: { metadata: { labels } } },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
}

/**
 * Seeds the shared secret of `dev-shared`: its AWS secret (kept when it
 * exists, so values written in the portal survive a reseed), the selected
 * namespaces, the blocking ExternalSecret, a consumer and the
 * ClusterExternalSecret. Idempotent.
 */
export async function seedClusterExternalSecretDemo(): Promise<void> {
  const admin = kubeConfigFor('dev', 'admin');
  const core = admin.makeApiClient(CoreV1Api);
  const apps = admin.makeApiClient(AppsV1Api);
  const custom = admin.makeApiClient(CustomObjectsApi);
  const client = new SecretsManagerClient(
    await awsClientConfigFor(SANDBOX_ACCOUNTS.dev),
  );
  try {
    await client.send(
      new CreateSecretCommand({
        Name: demo.awsKey,
        SecretString: JSON.stringify({
          REGISTRY_USER: 'demo-robot',
          REGISTRY_TOKEN: 'demo-registry-token',
        }),
        Tags: [
          {
            Key: SECRETS_SYNC_MANAGED_TAG,
            Value: SECRETS_SYNC_MANAGED_TAG_VALUE,
          },
          { Key: SECRETS_SYNC_ENTITY_TAG, Value: demo.entityRef },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceExistsException)) {
      throw error;
    }
  }
  for (const namespace of [...demo.provisioned, demo.failing]) {
    await labelled(core, namespace);
  }
  // someone else's ExternalSecret of the same name: ESO will not take it over
  await ignoreStatus(
    custom.createNamespacedCustomObject({
      group: GROUP,
      version: 'v1',
      namespace: demo.failing,
      plural: 'externalsecrets',
      body: {
        apiVersion: `${GROUP}/v1`,
        kind: 'ExternalSecret',
        metadata: { name: demo.name },
        spec: {
          refreshInterval: '0',
          refreshPolicy: 'CreatedOnce',
          secretStoreRef: { kind: 'ClusterSecretStore', name: 'retired' },
          target: { name: 'legacy-registry' },
          data: [
            {
              secretKey: 'TOKEN',
              remoteRef: { key: 'legacy/registry', property: 'TOKEN' },
            },
          ],
        },
      },
    }),
    409,
  );
  await ignoreStatus(
    apps.createNamespacedDeployment({
      namespace: demo.consumer.namespace,
      body: {
        metadata: { name: demo.consumer.name },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: demo.consumer.name } },
          template: {
            metadata: { labels: { app: demo.consumer.name } },
            spec: {
              containers: [
                {
                  name: 'builder',
                  image: 'registry.example.com/image-builder:1',
                  envFrom: [{ secretRef: { name: demo.name } }],
                },
              ],
            },
          },
        },
      },
    }),
    409,
  );
  await ignoreStatus(
    custom.createClusterCustomObject({
      group: GROUP,
      version: 'v1',
      plural: 'clusterexternalsecrets',
      body: {
        apiVersion: `${GROUP}/v1`,
        kind: 'ClusterExternalSecret',
        metadata: { name: demo.name },
        spec: {
          namespaceSelectors: [{ matchLabels: { [demo.label]: 'true' } }],
          externalSecretName: demo.name,
          refreshTime: '1m',
          externalSecretSpec: {
            refreshInterval: '1h',
            secretStoreRef: {
              kind: 'ClusterSecretStore',
              name: accountStoreName(SANDBOX_ACCOUNTS.dev),
            },
            target: { name: demo.name },
            dataFrom: [{ extract: { key: demo.awsKey } }],
          },
        },
      },
    }),
    409,
  );
}
