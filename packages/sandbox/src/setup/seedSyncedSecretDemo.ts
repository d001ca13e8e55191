import {
  CreateSecretCommand,
  DescribeSecretCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  DEFAULT_BINDING_ANNOTATION,
  SECRETS_SYNC_ENTITY_TAG,
  SECRETS_SYNC_MANAGED_TAG,
  SECRETS_SYNC_MANAGED_TAG_VALUE,
} from '@internal/plugin-secrets-sync-common';
import { awsClientConfigFor } from '../aws';
import { kubeConfigFor } from '../kube';
import { SANDBOX_ACCOUNTS } from '../sandboxInfo';

/**
 * The demo's `dev-kss` environment (app-config.yaml): the `synced-secret`
 * engine on the dev cluster, namespace `kss-<tenant>`, AWS key
 * `kss/<tenant>/build`. kube-secret-syncer's controller is not in the stack
 * (docs/engines.md), so the seed writes each Secret as it would: named
 * after the SyncedSecret, holding `inSecret`.
 */
export const SYNCED_SECRET_DEMO_TENANTS: ReadonlyArray<{
  tenantKey: string;
  shows: 'synced' | 'drifted';
  inAws: Record<string, string>;
  inSecret: Record<string, string>;
}> = [
  {
    tenantKey: 'newsletter',
    shows: 'synced',
    inAws: { SMTP_PASSWORD: 'demo-smtp', LIST_API_KEY: 'demo-list' },
    inSecret: { SMTP_PASSWORD: 'demo-smtp', LIST_API_KEY: 'demo-list' },
  },
  {
    tenantKey: 'search-api',
    shows: 'drifted',
    inAws: { INDEX_TOKEN: 'demo-index-v2' },
    inSecret: { INDEX_TOKEN: 'demo-index-v1' },
  },
];

async function ignoreStatus(promise: Promise<unknown>, code: number) {
  try {
    await promise;
  } catch (error) {
    if ((error as { code?: number }).code !== code) {
      throw error;
    }
  }
}

/** Seeds the `dev-kss` demo tenants. Idempotent. */
export async function seedSyncedSecretDemo(): Promise<void> {
  const admin = kubeConfigFor('dev', 'admin');
  const core = admin.makeApiClient(CoreV1Api);
  const custom = admin.makeApiClient(CustomObjectsApi);
  const client = new SecretsManagerClient(
    await awsClientConfigFor(SANDBOX_ACCOUNTS.dev),
  );
  for (const tenant of SYNCED_SECRET_DEMO_TENANTS) {
    const { tenantKey } = tenant;
    const namespace = `kss-${tenantKey}`;
    const key = `kss/${tenantKey}/build`;
    const entityRef = `component:default/${tenantKey}`;
    try {
      await client.send(new DescribeSecretCommand({ SecretId: key }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) {
        throw error;
      }
      await client.send(
        new CreateSecretCommand({
          Name: key,
          SecretString: JSON.stringify(tenant.inAws),
          Tags: [
            {
              Key: SECRETS_SYNC_MANAGED_TAG,
              Value: SECRETS_SYNC_MANAGED_TAG_VALUE,
            },
            { Key: SECRETS_SYNC_ENTITY_TAG, Value: entityRef },
          ],
        }),
      );
    }
    const binding = { [DEFAULT_BINDING_ANNOTATION]: entityRef };
    await ignoreStatus(
      core.createNamespace({
        body: { metadata: { name: namespace, annotations: binding } },
      }),
      409,
    );
    await core.patchNamespace(
      { name: namespace, body: { metadata: { annotations: binding } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await ignoreStatus(
      custom.createNamespacedCustomObject({
        group: 'secrets.contentful.com',
        version: 'v1',
        namespace,
        plural: 'syncedsecrets',
        body: {
          apiVersion: 'secrets.contentful.com/v1',
          kind: 'SyncedSecret',
          metadata: { name: 'build-secrets' },
          spec: {
            IAMRole: 'secret-syncer',
            dataFrom: { secretRef: { name: key } },
          },
        },
      }),
      409,
    );
    const body = {
      metadata: { name: 'build-secrets', namespace },
      stringData: tenant.inSecret,
    };
    try {
      await core.replaceNamespacedSecret({
        name: 'build-secrets',
        namespace,
        body,
      });
    } catch {
      await core.createNamespacedSecret({ namespace, body });
    }
  }
}
