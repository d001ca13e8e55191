import {
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  RbacAuthorizationV1Api,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { DEFAULT_BINDING_ANNOTATION } from '@internal/plugin-secrets-sync-common';
import { kubeConfigFor } from '../kube';
import { SANDBOX_ACCOUNTS, SANDBOX_REGION } from '../sandboxInfo';
import {
  EXTERNAL_SECRETS_CONTROLLER_CLASS,
  accountStoreName,
} from './seedExternalSecretStores';

/** A store of the stack's ESO whose credentials do not exist: every push to it fails. */
const BROKEN_STORE = 'aws-broken-credentials';

/**
 * The demo's `dev-push` environment (app-config.yaml): the `push-secret`
 * engine on the dev cluster as its management cluster, namespace
 * `push-<tenant>` with the source Secret `build-secrets`, pushed by the
 * stack's ESO to `push/<tenant>/build` in the dev account. The seed writes
 * the first source Secret as the portal would; ESO does the rest.
 */
export const PUSH_SECRET_DEMO_TENANTS: ReadonlyArray<{
  tenantKey: string;
  shows: 'synced' | 'error';
  stores: string[];
  values: Record<string, string>;
}> = [
  {
    tenantKey: 'order-events',
    shows: 'synced',
    stores: [accountStoreName(SANDBOX_ACCOUNTS.dev)],
    values: { KAFKA_PASSWORD: 'demo-kafka' },
  },
  {
    tenantKey: 'invoice-pdf',
    shows: 'error',
    stores: [accountStoreName(SANDBOX_ACCOUNTS.dev), BROKEN_STORE],
    values: { SIGNING_KEY: 'demo-signing' },
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

/** Seeds the `dev-push` demo tenants and the broken store. Idempotent. */
export async function seedPushSecretDemo(): Promise<void> {
  const admin = kubeConfigFor('dev', 'admin');
  const core = admin.makeApiClient(CoreV1Api);
  const custom = admin.makeApiClient(CustomObjectsApi);
  const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
  await ignoreStatus(
    custom.createClusterCustomObject({
      group: 'external-secrets.io',
      version: 'v1',
      plural: 'clustersecretstores',
      body: {
        apiVersion: 'external-secrets.io/v1',
        kind: 'ClusterSecretStore',
        metadata: { name: BROKEN_STORE },
        spec: {
          controller: EXTERNAL_SECRETS_CONTROLLER_CLASS,
          provider: {
            aws: {
              service: 'SecretsManager',
              region: SANDBOX_REGION,
              auth: {
                secretRef: {
                  accessKeyIDSecretRef: {
                    namespace: 'external-secrets',
                    name: 'no-such-credentials',
                    key: 'access-key-id',
                  },
                  secretAccessKeySecretRef: {
                    namespace: 'external-secrets',
                    name: 'no-such-credentials',
                    key: 'secret-access-key',
                  },
                },
              },
            },
          },
        },
      },
    }),
    409,
  );
  for (const tenant of PUSH_SECRET_DEMO_TENANTS) {
    const { tenantKey } = tenant;
    const namespace = `push-${tenantKey}`;
    const binding = {
      [DEFAULT_BINDING_ANNOTATION]: `component:default/${tenantKey}`,
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
    // the platform hands the management namespace's Secrets to the portal
    await ignoreStatus(
      rbac.createNamespacedRoleBinding({
        namespace,
        body: {
          metadata: { name: 'secrets-sync-backend-push-source' },
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: 'secrets-sync:backend-push-source',
          },
          subjects: [
            {
              apiGroup: 'rbac.authorization.k8s.io',
              kind: 'User',
              name: 'secrets-sync-backend',
            },
          ],
        },
      }),
      409,
    );
    await ignoreStatus(
      core.createNamespacedSecret({
        namespace,
        body: {
          metadata: {
            name: 'build-secrets',
            labels: { 'app.kubernetes.io/managed-by': 'secrets-sync' },
          },
          stringData: tenant.values,
        },
      }),
      409,
    );
    await ignoreStatus(
      custom.createNamespacedCustomObject({
        group: 'external-secrets.io',
        version: 'v1alpha1',
        namespace,
        plural: 'pushsecrets',
        body: {
          apiVersion: 'external-secrets.io/v1alpha1',
          kind: 'PushSecret',
          metadata: { name: 'to-aws' },
          spec: {
            refreshInterval: '1h',
            secretStoreRefs: tenant.stores.map(name => ({
              kind: 'ClusterSecretStore',
              name,
            })),
            selector: { secret: { name: 'build-secrets' } },
            data: [
              {
                match: { remoteRef: { remoteKey: `push/${tenantKey}/build` } },
              },
            ],
          },
        },
      }),
      409,
    );
  }
}
