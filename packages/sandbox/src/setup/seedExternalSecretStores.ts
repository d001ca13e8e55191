import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { SANDBOX_MAIN_CREDENTIALS } from '../aws';
import { SANDBOX_REGION } from '../sandboxInfo';

/** Where the stores' static keys live. */
const CREDENTIALS = { namespace: 'external-secrets', name: 'sandbox-aws' };

/**
 * The controller class of the stack's ESO processes. Stores of another class
 * are left alone by them, as ESO does for several controllers in one cluster.
 */
export const EXTERNAL_SECRETS_CONTROLLER_CLASS = 'secrets-sync-sandbox';

/** The ClusterSecretStore reaching one account of the emulator. */
export function accountStoreName(accountId: string): string {
  return `aws-${accountId}`;
}

function clusterSecretStore(
  name: string,
  accountId: string,
  controller: string,
) {
  return {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ClusterSecretStore',
    metadata: { name },
    spec: {
      controller,
      provider: {
        aws: {
          service: 'SecretsManager',
          region: SANDBOX_REGION,
          // the static keys are the emulator's main account; the role makes
          // its STS hand out credentials acting in this account
          role: `arn:aws:iam::${accountId}:role/external-secrets`,
          auth: {
            secretRef: {
              accessKeyIDSecretRef: { ...CREDENTIALS, key: 'access-key-id' },
              secretAccessKeySecretRef: {
                ...CREDENTIALS,
                key: 'secret-access-key',
              },
            },
          },
        },
      },
    },
  };
}

async function ignoreConflict(promise: Promise<unknown>): Promise<void> {
  try {
    await promise;
  } catch (error) {
    if ((error as { code?: number }).code !== 409) {
      throw error;
    }
  }
}

/**
 * Seeds one cluster for ESO: the static keys, a ClusterSecretStore
 * `aws-<account>` for the cluster's account (reconciled by the stack's ESO),
 * and a ClusterSecretStore `aws` of a controller class no process runs:
 * tests that play ESO's part and write an ExternalSecret's status themselves
 * point at it, so the real controller leaves their objects alone.
 * Idempotent.
 */
export async function seedExternalSecretStores(
  admin: KubeConfig,
  accountId: string,
): Promise<void> {
  const core = admin.makeApiClient(CoreV1Api);
  const custom = admin.makeApiClient(CustomObjectsApi);
  await ignoreConflict(
    core.createNamespace({
      body: { metadata: { name: CREDENTIALS.namespace } },
    }),
  );
  await ignoreConflict(
    core.createNamespacedSecret({
      namespace: CREDENTIALS.namespace,
      body: {
        metadata: { name: CREDENTIALS.name },
        stringData: {
          'access-key-id': SANDBOX_MAIN_CREDENTIALS.accessKeyId,
          'secret-access-key': SANDBOX_MAIN_CREDENTIALS.secretAccessKey,
        },
      },
    }),
  );
  const stores = [
    clusterSecretStore(
      accountStoreName(accountId),
      accountId,
      EXTERNAL_SECRETS_CONTROLLER_CLASS,
    ),
    clusterSecretStore('aws', accountId, 'hand-written-status'),
  ];
  for (const body of stores) {
    await ignoreConflict(
      custom.createClusterCustomObject({
        group: 'external-secrets.io',
        version: 'v1',
        plural: 'clustersecretstores',
        body,
      }),
    );
  }
}
