import {
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  SANDBOX_ACCOUNTS,
  awsClientConfigFor,
  kubeConfigFor,
} from '@internal/sandbox';
import {
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  RbacAuthorizationV1Api,
  setHeaderOptions,
} from '@kubernetes/client-node';
import type { EnvironmentTopology } from '@internal/plugin-secrets-sync-common';
import { readSecretsSyncConfig } from '../../../../config';
import {
  sandboxConfig,
  sandboxConfigData,
  uniqueName,
} from '../../../../__testUtils__/sandboxConfig';
import { createAwsClients, createAwsSecretsService } from '../../../AwsSecrets';
import { createKubernetesService } from '../../../Kubernetes';
import type { SyncTarget } from '../../types';
import { useEsoController } from './__testUtils__/esoController';
import { createPushSecretEngine } from '.';

const GROUP = 'external-secrets.io';
const DEV_STORE = `aws-${SANDBOX_ACCOUNTS.dev}`;
/** The controller class of the stack's ESO (seedExternalSecretStores). */
const CONTROLLER_CLASS = 'secrets-sync-sandbox';

/**
 * The push-secret engine against the real External Secrets Operator on the
 * dev cluster, pushing to moto through the dev account's
 * ClusterSecretStore. The test waits for what ESO writes; it never writes
 * ESO's status itself.
 */
describe('push-secret engine against the real External Secrets Operator', () => {
  const admin = kubeConfigFor('dev', 'admin');
  const core = admin.makeApiClient(CoreV1Api);
  const custom = admin.makeApiClient(CustomObjectsApi);
  const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
  const credentialsManager = DefaultAwsCredentialsManager.fromConfig(
    sandboxConfig(),
  );
  const engine = createPushSecretEngine({
    aws: createAwsSecretsService({
      clients: createAwsClients({ credentialsManager }),
    }),
    kubernetes: createKubernetesService({ credentialsManager }),
    pendingGracePeriodMs: 120_000,
  });
  let eso: { stop: () => Promise<void> };

  beforeAll(async () => {
    eso = await useEsoController('dev');
  }, 90_000);
  afterAll(() => eso?.stop());

  const data = sandboxConfigData();
  const [dev] = data.secretsSync.environments;
  const environment = readSecretsSyncConfig(
    new ConfigReader({
      ...data,
      secretsSync: {
        ...data.secretsSync,
        environments: [
          {
            ...dev,
            engine: { type: 'push-secret', namespaceTemplate: 'push-{tenant}' },
          },
        ],
      },
    }),
  ).environments[0];

  /** A management namespace the platform handed to the backend, with a PushSecret. */
  async function tenant(): Promise<{
    target: SyncTarget;
    namespace: string;
    key: string;
  }> {
    const tenantKey = uniqueName('push');
    const namespace = `push-${tenantKey}`;
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    await rbac.createNamespacedRoleBinding({
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
    });
    return {
      target: {
        environment,
        tenantKey,
        entityRef: `component:default/${tenantKey}`,
      },
      namespace,
      key: `sites/${tenantKey}/build`,
    };
  }

  async function pushSecret(namespace: string, key: string, stores: string[]) {
    await custom.createNamespacedCustomObject({
      group: GROUP,
      version: 'v1alpha1',
      namespace,
      plural: 'pushsecrets',
      body: {
        apiVersion: `${GROUP}/v1alpha1`,
        kind: 'PushSecret',
        metadata: { name: 'to-aws' },
        spec: {
          refreshInterval: '1h',
          secretStoreRefs: stores.map(name => ({
            kind: 'ClusterSecretStore',
            name,
          })),
          selector: { secret: { name: 'build-secrets' } },
          data: [{ match: { remoteRef: { remoteKey: key } } }],
        },
      },
    });
  }

  async function waitForStatus(
    target: SyncTarget,
    wanted: EnvironmentTopology['status'],
  ): Promise<EnvironmentTopology> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const topology = await engine.readStatus(target);
      if (topology.status === wanted) {
        return topology;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting for ${wanted}; last ${
            topology.status
          }: ${JSON.stringify({
            reason: topology.reason,
            pushSecret: topology.pushSecret,
          })}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }

  it('writes the source Secret, bumps the PushSecret, and is synced once ESO pushed it to AWS', async () => {
    const { target, namespace, key } = await tenant();
    await pushSecret(namespace, key, [DEV_STORE]);
    expect((await engine.readStatus(target)).status).toBe('upstream-missing');

    const canary = `canary-${uniqueName('v')}`;
    await expect(
      engine.writeValues!(target, {
        mode: 'merge',
        set: { API_TOKEN: canary },
        unset: [],
      }),
    ).resolves.toEqual({ outcome: 'written', keys: ['API_TOKEN'] });
    await expect(engine.afterWrite(target)).resolves.toEqual({
      syncRequested: true,
    });

    const synced = await waitForStatus(target, 'synced');
    expect(synced.keys).toEqual([
      { name: 'API_TOKEN', inAws: true, inSecret: true, inSync: true },
    ]);
    expect(synced.aws.versionId).toBeDefined();
    expect(synced.pushSecret).toMatchObject({
      sourceSecretName: 'build-secrets',
      pushSecrets: [
        {
          resourceName: 'to-aws',
          ready: 'True',
          stores: [
            { kind: 'ClusterSecretStore', name: DEV_STORE, pushed: true },
          ],
        },
      ],
    });
    expect(JSON.stringify(synced)).not.toContain(canary);
    const pushed = await (
      await new SecretsManagerClient(
        await awsClientConfigFor(SANDBOX_ACCOUNTS.dev),
      )
    ).send(new GetSecretValueCommand({ SecretId: key }));
    // ESO's AWS provider pushes the document as SecretBinary
    expect(
      JSON.parse(Buffer.from(pushed.SecretBinary!).toString('utf8')),
    ).toEqual({ API_TOKEN: canary });
    const source = await core.readNamespacedSecret({
      namespace,
      name: 'build-secrets',
    });
    expect(source.metadata?.labels).toEqual({
      'app.kubernetes.io/managed-by': 'secrets-sync',
    });
  }, 60_000);

  it('shows a store that fails beside the one that received the push', async () => {
    const { target, namespace, key } = await tenant();
    const broken = `broken-${namespace}`;
    await custom.createClusterCustomObject({
      group: GROUP,
      version: 'v1',
      plural: 'clustersecretstores',
      body: {
        apiVersion: `${GROUP}/v1`,
        kind: 'ClusterSecretStore',
        metadata: { name: broken },
        spec: {
          controller: CONTROLLER_CLASS,
          provider: {
            aws: {
              service: 'SecretsManager',
              region: 'us-east-1',
              auth: {
                secretRef: {
                  accessKeyIDSecretRef: {
                    namespace,
                    name: 'no-such-secret',
                    key: 'id',
                  },
                  secretAccessKeySecretRef: {
                    namespace,
                    name: 'no-such-secret',
                    key: 'key',
                  },
                },
              },
            },
          },
        },
      },
    });
    try {
      await pushSecret(namespace, key, [DEV_STORE]);
      await engine.writeValues!(target, {
        mode: 'merge',
        set: { A: '1' },
        unset: [],
      });
      await engine.afterWrite(target);
      await waitForStatus(target, 'synced');

      await custom.patchNamespacedCustomObject(
        {
          group: GROUP,
          version: 'v1alpha1',
          namespace,
          plural: 'pushsecrets',
          name: 'to-aws',
          body: {
            spec: {
              secretStoreRefs: [
                { kind: 'ClusterSecretStore', name: DEV_STORE },
                { kind: 'ClusterSecretStore', name: broken },
              ],
            },
          },
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      const failed = await waitForStatus(target, 'error');
      expect(failed.reason).toMatchObject({
        hop: 'eso',
        message: expect.stringContaining(`ClusterSecretStore ${broken}`),
      });
      const stores = failed.pushSecret!.pushSecrets[0].stores;
      expect(stores).toEqual([
        expect.objectContaining({ name: DEV_STORE, pushed: true }),
        expect.objectContaining({
          name: broken,
          pushed: false,
          error: expect.stringContaining(broken),
        }),
      ]);
      expect(stores[0].error).toBeUndefined();
    } finally {
      await custom.deleteClusterCustomObject({
        group: GROUP,
        version: 'v1',
        plural: 'clustersecretstores',
        name: broken,
      });
    }
  }, 60_000);

  it('refuses to write a Secret of that name the portal did not create', async () => {
    const { target, namespace } = await tenant();
    await core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'build-secrets' }, stringData: { X: 'y' } },
    });
    await expect(
      engine.writeValues!(target, {
        mode: 'merge',
        set: { A: '1' },
        unset: [],
      }),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(
        'not the portal’s to write'.replace('’', "'"),
      ),
    });
  });

  it('says nothing pushes the Secret when no PushSecret selects it', async () => {
    const { target } = await tenant();
    expect((await engine.readStatus(target)).status).toBe('not-enabled');
    await expect(engine.forceSync(target)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('Create a PushSecret for it first'),
    });
  });
});
