import {
  CreateSecretCommand,
  DescribeSecretCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
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
import { accountStoreName } from './seedExternalSecretStores';

/**
 * The demo's `dev-eso` environment (app-config.yaml): the `external-secret`
 * engine on the dev cluster, namespace `eso-<tenant>`, AWS key
 * `eso/<tenant>/build` in the dev account, pulled by the stack's External
 * Secrets Operator through its ClusterSecretStore. With ESO running, each
 * tenant settles on the status named beside it.
 */
export const EXTERNAL_SECRET_DEMO_TENANTS: ReadonlyArray<{
  tenantKey: string;
  /** What the tenant shows in `dev-eso`. */
  shows: 'synced' | 'upstream-missing' | 'drifted';
  /** The AWS document's versions, oldest first; none for nothing in AWS. */
  versions: Array<Record<string, string>>;
  /** Pins the ExternalSecret to the first version (ESO never follows AWSCURRENT). */
  pinFirstVersion?: boolean;
}> = [
  {
    tenantKey: 'loyalty-api',
    shows: 'synced',
    versions: [{ POINTS_API_TOKEN: 'demo-loyalty-token', TIER_SALT: 'demo' }],
  },
  { tenantKey: 'gift-cards', shows: 'upstream-missing', versions: [] },
  {
    tenantKey: 'reviews-api',
    shows: 'drifted',
    versions: [
      { MODERATION_KEY: 'demo-moderation-v1' },
      { MODERATION_KEY: 'demo-moderation-v2' },
    ],
    pinFirstVersion: true,
  },
];

const namespaceOf = (tenantKey: string) => `eso-${tenantKey}`;
const awsKeyOf = (tenantKey: string) => `eso/${tenantKey}/build`;
const entityRefOf = (tenantKey: string) => `component:default/${tenantKey}`;

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

/** Writes the AWS versions when the secret is new; answers the first version's id. */
async function seedAwsSecret(
  client: SecretsManagerClient,
  tenantKey: string,
  versions: Array<Record<string, string>>,
): Promise<string | undefined> {
  const name = awsKeyOf(tenantKey);
  try {
    await client.send(new DescribeSecretCommand({ SecretId: name }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) {
      throw error;
    }
    const [first, ...later] = versions;
    await client.send(
      new CreateSecretCommand({
        Name: name,
        SecretString: JSON.stringify(first),
        Tags: [
          {
            Key: SECRETS_SYNC_MANAGED_TAG,
            Value: SECRETS_SYNC_MANAGED_TAG_VALUE,
          },
          { Key: SECRETS_SYNC_ENTITY_TAG, Value: entityRefOf(tenantKey) },
        ],
      }),
    );
    for (const document of later) {
      await client.send(
        new PutSecretValueCommand({
          SecretId: name,
          SecretString: JSON.stringify(document),
        }),
      );
    }
  }
  const listed = await client.send(
    new ListSecretVersionIdsCommand({ SecretId: name }),
  );
  return [...(listed.Versions ?? [])].sort(
    (a, b) => (a.CreatedDate?.getTime() ?? 0) - (b.CreatedDate?.getTime() ?? 0),
  )[0]?.VersionId;
}

/**
 * Seeds the `dev-eso` demo tenants: their AWS secrets, bound namespaces and
 * ExternalSecrets (replaced on every seed, so a pin follows a reseeded
 * emulator's version ids). Idempotent.
 */
export async function seedExternalSecretDemo(): Promise<void> {
  const admin = kubeConfigFor('dev', 'admin');
  const core = admin.makeApiClient(CoreV1Api);
  const custom = admin.makeApiClient(CustomObjectsApi);
  const client = new SecretsManagerClient(
    await awsClientConfigFor(SANDBOX_ACCOUNTS.dev),
  );
  for (const tenant of EXTERNAL_SECRET_DEMO_TENANTS) {
    const { tenantKey } = tenant;
    const namespace = namespaceOf(tenantKey);
    const firstVersion = tenant.versions.length
      ? await seedAwsSecret(client, tenantKey, tenant.versions)
      : undefined;
    const binding = {
      [DEFAULT_BINDING_ANNOTATION]: entityRefOf(tenantKey),
    };
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
    const where = {
      group: 'external-secrets.io',
      version: 'v1',
      namespace,
      plural: 'externalsecrets',
    };
    await ignoreStatus(
      custom.deleteNamespacedCustomObject({ ...where, name: 'build' }),
      404,
    );
    const pin =
      tenant.pinFirstVersion && firstVersion
        ? { version: `uuid/${firstVersion}` }
        : {};
    await custom.createNamespacedCustomObject({
      ...where,
      body: {
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: { name: 'build' },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: {
            kind: 'ClusterSecretStore',
            name: accountStoreName(SANDBOX_ACCOUNTS.dev),
          },
          target: { name: 'build-secrets' },
          dataFrom: [{ extract: { key: awsKeyOf(tenantKey), ...pin } }],
        },
      },
    });
  }
}
