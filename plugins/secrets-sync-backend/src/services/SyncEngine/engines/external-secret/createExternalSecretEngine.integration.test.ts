import {
  CreateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import type { ExternalSecretContract } from '@internal/plugin-secrets-sync-common';
import {
  SANDBOX_ACCOUNTS,
  awsClientConfigFor,
  kubeConfigFor,
} from '@internal/sandbox';
import {
  ApiextensionsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  RbacAuthorizationV1Api,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { readSecretsSyncConfig } from '../../../../config';
import {
  sandboxConfig,
  sandboxConfigData,
  uniqueName,
} from '../../../../__testUtils__/sandboxConfig';
import { createAwsClients, createAwsSecretsService } from '../../../AwsSecrets';
import { createKubernetesService } from '../../../Kubernetes';
import { createExternalSecretEngine } from '.';
import type { SyncTarget } from '../../types';

const GROUP = 'external-secrets.io';

/**
 * The external-secret engine on the local stack: moto, and the dev
 * kube-apiserver serving ExternalSecret at v1 and v1beta1. No ESO runs
 * there, so each test writes the ExternalSecret's status as ESO would.
 */
describe('external-secret engine against the real kube-apiserver', () => {
  const admin = kubeConfigFor('dev', 'admin');
  const core = admin.makeApiClient(CoreV1Api);
  const custom = admin.makeApiClient(CustomObjectsApi);
  const credentialsManager = DefaultAwsCredentialsManager.fromConfig(
    sandboxConfig(),
  );
  const aws = createAwsSecretsService({
    clients: createAwsClients({ credentialsManager }),
  });
  const engine = createExternalSecretEngine({
    aws,
    kubernetes: createKubernetesService({ credentialsManager }),
    pendingGracePeriodMs: 120_000,
  });

  function environmentWith(engineConfig: JsonObject) {
    const data = sandboxConfigData();
    const [dev] = data.secretsSync.environments;
    return readSecretsSyncConfig(
      new ConfigReader({
        ...data,
        secretsSync: {
          ...data.secretsSync,
          environments: [{ ...dev, engine: engineConfig }],
        },
      }),
    ).environments[0];
  }
  const environment = environmentWith({
    type: 'external-secret',
    namespaceTemplate: 'eso-{tenant}',
  });

  /** A tenant with its namespace and its AWS secret (created outside secrets-sync). */
  async function tenant(
    env = environment,
  ): Promise<{ target: SyncTarget; namespace: string; key: string }> {
    const tenantKey = uniqueName('eso');
    const namespace = `eso-${tenantKey}`;
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    const key = `sites/${tenantKey}/build`;
    const client = new SecretsManagerClient(
      await awsClientConfigFor(SANDBOX_ACCOUNTS.dev),
    );
    await client.send(
      new CreateSecretCommand({ Name: key, SecretString: '{"A":"1"}' }),
    );
    return {
      target: {
        environment: env,
        tenantKey,
        entityRef: `component:default/${tenantKey}`,
      },
      namespace,
      key,
    };
  }

  async function externalSecret(options: {
    namespace: string;
    name: string;
    key: string;
    spec?: object;
    status?: object;
    group?: string;
    version?: string;
  }) {
    const { group = GROUP, version = 'v1' } = options;
    await custom.createNamespacedCustomObject({
      group,
      version,
      namespace: options.namespace,
      plural: 'externalsecrets',
      body: {
        apiVersion: `${group}/${version}`,
        kind: 'ExternalSecret',
        metadata: { name: options.name },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws' },
          target: { name: `${options.name}-secret` },
          dataFrom: [{ extract: { key: options.key } }],
          ...options.spec,
        },
      },
    });
    if (options.status) {
      // written through the status subresource, as ESO's controller does
      await custom.patchNamespacedCustomObjectStatus(
        {
          group,
          version,
          namespace: options.namespace,
          plural: 'externalsecrets',
          name: options.name,
          body: { status: options.status },
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    }
  }

  const readyStatus = (ready: 'True' | 'False', extra: object = {}) => ({
    refreshTime: new Date(Date.now() + 2000).toISOString(),
    syncedResourceVersion: '1-abc',
    conditions: [
      {
        type: 'Ready',
        status: ready,
        reason: ready === 'True' ? 'SecretSynced' : 'SecretSyncedError',
        message:
          ready === 'True'
            ? 'secret synced'
            : 'could not get secret data from provider: AccessDeniedException: not authorized',
        lastTransitionTime: new Date().toISOString(),
      },
    ],
    ...extra,
  });

  it('is synced when the ExternalSecret pulling the key is Ready, with its facts', async () => {
    const { target, namespace, key } = await tenant();
    await externalSecret({
      namespace,
      name: 'build',
      key,
      status: readyStatus('True'),
    });
    // an ExternalSecret of another key in the same namespace is not ours
    await externalSecret({
      namespace,
      name: 'other',
      key: 'sites/someone-else/build',
      status: readyStatus('False'),
    });
    const status = await engine.readStatus(target);
    expect(status.status).toBe('synced');
    expect(status.reason).toBeUndefined();
    expect(status.eso).toEqual({
      resourceName: 'build',
      apiVersion: `${GROUP}/v1`,
      ready: 'True',
      reason: 'SecretSynced',
      message: 'secret synced',
      refreshTime: expect.any(Date),
      syncedResourceVersion: '1-abc',
      refreshInterval: '1h',
    });
    expect(status.kubernetes).toMatchObject({
      namespace,
      optedIn: true,
      secretName: 'build-secret',
    });
  });

  it('is an error with ESO reason and message when the ExternalSecret is not Ready', async () => {
    const { target, namespace, key } = await tenant();
    await externalSecret({
      namespace,
      name: 'build',
      key,
      status: readyStatus('False'),
    });
    const status = await engine.readStatus(target);
    expect(status.status).toBe('error');
    expect(status.reason).toEqual({
      code: 'access-denied',
      hop: 'eso',
      message: `ExternalSecret ${namespace}/build is not ready: SecretSyncedError: could not get secret data from provider: AccessDeniedException: not authorized`,
    });
    expect(status.eso).toMatchObject({ ready: 'False' });
  });

  it('is pending while ESO has not reconciled a new ExternalSecret', async () => {
    const { target, namespace, key } = await tenant();
    await externalSecret({ namespace, name: 'build', key });
    expect((await engine.readStatus(target)).status).toBe('pending');
  });

  it('is not enabled when no ExternalSecret pulls the key, and says so on write and force sync', async () => {
    const { target } = await tenant();
    const status = await engine.readStatus(target);
    expect(status.status).toBe('not-enabled');
    expect(status.eso).toBeUndefined();
    expect(status.kubernetes.optedIn).toBe(false);
    await expect(engine.afterWrite(target)).resolves.toEqual({
      syncRequested: false,
      warning: expect.stringContaining('No ExternalSecret in namespace'),
    });
    await expect(engine.forceSync(target)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('Create an ExternalSecret for it first'),
    });
  });

  it('bumps force-sync on every ExternalSecret pulling the key, to a new value each time', async () => {
    const { target, namespace, key } = await tenant();
    await externalSecret({ namespace, name: 'a', key });
    await externalSecret({ namespace, name: 'b', key });
    const stamps = async () =>
      Promise.all(
        ['a', 'b'].map(async name => {
          const object = (await custom.getNamespacedCustomObject({
            group: GROUP,
            version: 'v1',
            namespace,
            plural: 'externalsecrets',
            name,
          })) as { metadata: { annotations?: Record<string, string> } };
          return object.metadata.annotations?.['force-sync'];
        }),
      );
    const frozen = new Date();
    const sameSecond = createExternalSecretEngine({
      aws,
      kubernetes: createKubernetesService({ credentialsManager }),
      pendingGracePeriodMs: 120_000,
      now: () => frozen,
    });
    await expect(sameSecond.forceSync(target)).resolves.toEqual({
      targets: [
        `externalsecret/${namespace}/a`,
        `externalsecret/${namespace}/b`,
      ],
    });
    const first = await stamps();
    await expect(sameSecond.afterWrite(target)).resolves.toEqual({
      syncRequested: true,
    });
    const second = await stamps();
    // both bumps fell in the same second of the frozen clock, and still differ
    const frozenSeconds = Math.floor(frozen.getTime() / 1000);
    expect(first.map(Number)).toEqual([frozenSeconds, frozenSeconds]);
    expect(second.map(Number)).toEqual([frozenSeconds + 1, frozenSeconds + 1]);
  });

  it.each([
    [
      'CreatedOnce',
      { refreshPolicy: 'CreatedOnce' },
      'refreshPolicy CreatedOnce',
    ],
    [
      'Periodic with 0s',
      { refreshPolicy: 'Periodic', refreshInterval: '0s' },
      'refreshPolicy Periodic with refreshInterval 0s',
    ],
  ])(
    'warns that a force sync is a no-op with %s after the first sync',
    async (_what, spec, text) => {
      const { target, namespace, key } = await tenant();
      await externalSecret({
        namespace,
        name: 'build',
        key,
        spec,
        status: readyStatus('True'),
      });
      const status = await engine.readStatus(target);
      expect(status.eso?.warning).toContain(text);
      expect(status.eso?.warning).toContain('a force sync does nothing');
      const forced = await engine.forceSync(target);
      expect(forced.warning).toContain(text);
      await expect(engine.afterWrite(target)).resolves.toEqual({
        syncRequested: true,
        warning: expect.stringContaining(text),
      });
    },
  );

  it('does not warn for a policy that refreshes on a bump', async () => {
    const { target, namespace, key } = await tenant();
    await externalSecret({
      namespace,
      name: 'build',
      key,
      spec: { refreshPolicy: 'OnChange' },
      status: readyStatus('True'),
    });
    expect((await engine.readStatus(target)).eso?.warning).toBeUndefined();
    expect((await engine.forceSync(target)).warning).toBeUndefined();
  });

  it('refuses to enable or disable sync: the ExternalSecret is the cluster’s', async () => {
    const { target } = await tenant();
    await expect(engine.setEnabled(target, true)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('uses the external-secret engine'),
    });
  });

  /*
   * The v1beta1 fallback. The sandbox serves external-secrets.io at both v1
   * and v1beta1, and a second API server is not available, so an older
   * cluster is stood in for by a CRD of this test's own, in a group of its
   * own that serves ExternalSecret at v1beta1 only: asked for v1 first, the
   * API server answers 404, and the engine must read and patch v1beta1.
   * The backend's identity is granted on that group as on ESO's.
   */
  it('falls back to v1beta1 on a cluster that does not serve v1', async () => {
    const group = `${uniqueName('eso')}.secrets-sync.test`;
    const crds = admin.makeApiClient(ApiextensionsV1Api);
    await crds.createCustomResourceDefinition({
      body: {
        metadata: { name: `externalsecrets.${group}` },
        spec: {
          group,
          scope: 'Namespaced',
          names: {
            kind: 'ExternalSecret',
            listKind: 'ExternalSecretList',
            plural: 'externalsecrets',
            singular: 'externalsecret',
          },
          versions: [
            {
              name: 'v1beta1',
              served: true,
              storage: true,
              subresources: { status: {} },
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  properties: {
                    spec: {
                      type: 'object',
                      x_kubernetes_preserve_unknown_fields: true,
                    },
                    status: {
                      type: 'object',
                      x_kubernetes_preserve_unknown_fields: true,
                    },
                  },
                },
              },
            },
          ],
        },
      },
    });
    const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    await rbac.createClusterRole({
      body: {
        metadata: { name: group },
        rules: [
          {
            apiGroups: [group],
            resources: ['externalsecrets'],
            verbs: ['get', 'list', 'watch', 'patch'],
          },
        ],
      },
    });
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name: group },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: group,
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
    // a CRD is served once Established
    for (let i = 0; i < 50; i++) {
      const crd = await crds.readCustomResourceDefinition({
        name: `externalsecrets.${group}`,
      });
      if (
        crd.status?.conditions?.some(
          c => c.type === 'Established' && c.status === 'True',
        )
      ) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    const older = environmentWith({
      type: 'external-secret',
      namespaceTemplate: 'eso-{tenant}',
      apiGroup: group,
    });
    expect(
      older.engine.type === 'external-secret' &&
        (older.engine.contract as ExternalSecretContract).apiVersions,
    ).toEqual(['v1', 'v1beta1']);
    const { target, namespace, key } = await tenant(older);
    await externalSecret({
      namespace,
      name: 'build',
      key,
      group,
      version: 'v1beta1',
      status: readyStatus('True'),
    });
    const status = await engine.readStatus(target);
    expect(status.status).toBe('synced');
    expect(status.eso?.apiVersion).toBe(`${group}/v1beta1`);
    await expect(engine.forceSync(target)).resolves.toEqual({
      targets: [`externalsecret/${namespace}/build`],
    });
    const patched = (await custom.getNamespacedCustomObject({
      group,
      version: 'v1beta1',
      namespace,
      plural: 'externalsecrets',
      name: 'build',
    })) as { metadata: { annotations?: Record<string, string> } };
    expect(patched.metadata.annotations?.['force-sync']).toMatch(/^\d+$/);
  });
});
