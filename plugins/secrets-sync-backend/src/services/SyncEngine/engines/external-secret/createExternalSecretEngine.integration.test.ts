import {
  CreateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  SANDBOX_ACCOUNTS,
  awsClientConfigFor,
  kubeConfigFor,
} from '@internal/sandbox';
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
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
import {
  DEV_STORE,
  ESO_CONTROLLER_CLASS,
  ESO_GROUP,
  assertEsoRunning,
  createAwsSecret,
  devClients,
  putAwsSecret,
  readExternalSecret,
  secretValues,
  waitFor,
  waitForReady,
} from './__testUtils__/realEso';

const GROUP = 'external-secrets.io';

/**
 * What the external-secret engine does before ESO has said anything: its
 * ExternalSecrets name the store `aws`, of a controller class no process
 * runs, so they stay unreconciled.
 */
describe('external-secret engine before ESO reconciles', () => {
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
  async function tenant(): Promise<{
    target: SyncTarget;
    namespace: string;
    key: string;
  }> {
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
        environment,
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
  }) {
    await custom.createNamespacedCustomObject({
      group: GROUP,
      version: 'v1',
      namespace: options.namespace,
      plural: 'externalsecrets',
      body: {
        apiVersion: `${GROUP}/v1`,
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
  }

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

  it('refuses to enable or disable sync: the ExternalSecret is the cluster’s', async () => {
    const { target } = await tenant();
    await expect(engine.setEnabled(target, true)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('uses the external-secret engine'),
    });
  });
});

/**
 * The engine against the External Secrets Operator the stack runs on dev
 * (`sandbox.sh start-eso`): ESO's own CRDs and controller, pulling from moto
 * through the ClusterSecretStore of the dev account. Each test waits for
 * what the controller writes, never writes ESO's status itself.
 */
describe('external-secret engine against the real External Secrets Operator', () => {
  // ESO reacts in about 0.25 s; a busy machine (two test workers) is slower
  jest.setTimeout(60_000);

  const { core, custom } = devClients();
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
  const data = sandboxConfigData();
  const environment = readSecretsSyncConfig(
    new ConfigReader({
      ...data,
      secretsSync: {
        ...data.secretsSync,
        environments: [
          {
            ...data.secretsSync.environments[0],
            engine: {
              type: 'external-secret',
              namespaceTemplate: 'eso-{tenant}',
            },
          },
        ],
      },
    }),
  ).environments[0];

  beforeAll(() => assertEsoRunning());

  // ESO keeps retrying a failing ExternalSecret: leave none behind
  const namespaces: string[] = [];
  afterAll(async () => {
    await Promise.all(
      namespaces.map(name => core.deleteNamespace({ name }).catch(() => {})),
    );
  });

  /** A tenant with its namespace; its AWS secret only when `document` is given. */
  async function tenant(document?: Record<string, string>) {
    const tenantKey = uniqueName('eso');
    const namespace = `eso-${tenantKey}`;
    const key = `sites/${tenantKey}/build`;
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    namespaces.push(namespace);
    const created = document ? await createAwsSecret(key, document) : undefined;
    const target: SyncTarget = {
      environment,
      tenantKey,
      entityRef: `component:default/${tenantKey}`,
    };
    return { target, namespace, key, ...created };
  }

  async function externalSecret(
    namespace: string,
    name: string,
    spec: Record<string, unknown>,
  ) {
    await custom.createNamespacedCustomObject({
      group: ESO_GROUP,
      version: 'v1',
      namespace,
      plural: 'externalsecrets',
      body: {
        apiVersion: `${ESO_GROUP}/v1`,
        kind: 'ExternalSecret',
        metadata: { name },
        spec: {
          secretStoreRef: { kind: 'ClusterSecretStore', name: DEV_STORE },
          target: { name: `${name}-secret` },
          ...spec,
        },
      },
    });
  }

  const statusOf = (target: SyncTarget, wanted: string) =>
    waitFor(`status ${wanted}`, async () => {
      const topology = await engine.readStatus(target);
      return topology.status === wanted ? topology : undefined;
    });

  it('is synced once ESO has pulled the key, and follows a write', async () => {
    const { target, namespace, key } = await tenant({ A: '1' });
    await externalSecret(namespace, 'build', {
      dataFrom: [{ extract: { key } }],
    });
    await waitForReady(namespace, 'build', 'True');
    const synced = await statusOf(target, 'synced');
    expect(synced.eso).toMatchObject({
      resourceName: 'build',
      apiVersion: `${ESO_GROUP}/v1`,
      ready: 'True',
      refreshInterval: '1h',
    });
    expect(synced.keys).toEqual([
      { name: 'A', inAws: true, inSecret: true, inSync: true },
    ]);

    await putAwsSecret(key, { A: '2' });
    await expect(engine.afterWrite(target)).resolves.toEqual({
      syncRequested: true,
    });
    await waitFor('the Secret to follow the write', async () =>
      (await secretValues(namespace, 'build-secret'))?.A === '2'
        ? true
        : undefined,
    );
    expect((await statusOf(target, 'synced')).keys).toEqual([
      { name: 'A', inAws: true, inSecret: true, inSync: true },
    ]);
  });

  // requirement 1: ESO's default refresh policy is periodic
  it('warns at once that force sync does nothing for a zero interval without a refresh policy', async () => {
    const { target, namespace, key } = await tenant({ A: '1' });
    await externalSecret(namespace, 'build', {
      refreshInterval: '0s',
      dataFrom: [{ extract: { key } }],
    });
    await waitForReady(namespace, 'build', 'True');
    const status = await engine.readStatus(target);
    expect(status.eso?.warning).toContain('refreshInterval 0s');
    expect(status.eso?.warning).toContain('a force sync does nothing');
    expect((await engine.forceSync(target)).warning).toContain(
      'a force sync does nothing',
    );
  });

  it('does not warn for a policy that refreshes on a bump', async () => {
    const { target, namespace, key } = await tenant({ A: '1' });
    await externalSecret(namespace, 'build', {
      refreshPolicy: 'OnChange',
      dataFrom: [{ extract: { key } }],
    });
    await waitForReady(namespace, 'build', 'True');
    expect((await statusOf(target, 'synced')).eso?.warning).toBeUndefined();
    expect((await engine.forceSync(target)).warning).toBeUndefined();
  });

  // requirement 2: the cause is in an Event, not in the condition
  it('is upstream-missing when the key ESO pulls does not exist in AWS yet, with ESO’s own words', async () => {
    const { target, namespace, key } = await tenant();
    await externalSecret(namespace, 'build', {
      dataFrom: [{ extract: { key } }],
    });
    await waitForReady(namespace, 'build', 'False');
    const status = await statusOf(target, 'upstream-missing');
    expect(status.eso?.message).toContain('Secret does not exist');
  });

  it('is an error with the Event’s reason when ESO fails for another cause', async () => {
    const { target, namespace, key } = await tenant({ A: '1' });
    await externalSecret(namespace, 'build', {
      // a property the document does not have: ESO fails, the key exists
      data: [{ secretKey: 'A', remoteRef: { key, property: 'NOPE' } }],
    });
    await waitForReady(namespace, 'build', 'False');
    const status = await statusOf(target, 'error');
    expect(status.reason).toMatchObject({ hop: 'eso' });
    expect(status.reason?.message).toContain('NOPE');
    expect(status.reason?.message).not.toContain('could not get secret data');
  });

  // requirement 3: status never contradicts the keys
  it('is not synced while a pinned version keeps a key behind AWS, and says the pin', async () => {
    const { target, namespace, key, versionId } = await tenant({ A: '1' });
    await putAwsSecret(key, { A: '2' });
    await externalSecret(namespace, 'build', {
      dataFrom: [{ extract: { key, version: `uuid/${versionId}` } }],
    });
    await waitForReady(namespace, 'build', 'True');
    await waitFor('the pinned value', async () =>
      (await secretValues(namespace, 'build-secret'))?.A === '1'
        ? true
        : undefined,
    );
    const status = await engine.readStatus(target);
    expect(status.keys).toEqual([
      { name: 'A', inAws: true, inSecret: true, inSync: false },
    ]);
    expect(status.status).not.toBe('synced');
    expect(status.eso?.warning).toContain(`uuid/${versionId}`);
  });

  it('is not synced when AWS changed in the second of ESO’s refresh, before it', async () => {
    const { target, namespace, key } = await tenant({ A: '1' });
    await externalSecret(namespace, 'build', {
      dataFrom: [{ extract: { key } }],
    });
    await waitForReady(namespace, 'build', 'True');
    // force a refresh early in a second, then change AWS within that second
    for (let attempt = 0; ; attempt++) {
      await new Promise(resolve =>
        setTimeout(resolve, 1000 - (Date.now() % 1000) + 20),
      );
      const second = Math.floor(Date.now() / 1000);
      const before = await readExternalSecret(namespace, 'build');
      await engine.forceSync(target);
      await waitFor('ESO’s refresh', async () => {
        const now = await readExternalSecret(namespace, 'build');
        return now.status?.syncedResourceVersion !==
          before.status?.syncedResourceVersion
          ? true
          : undefined;
      });
      if (Math.floor(Date.now() / 1000) === second) {
        await putAwsSecret(key, { A: `changed-${attempt}` });
        if (Math.floor(Date.now() / 1000) === second) {
          break;
        }
      }
      expect(attempt).toBeLessThan(10);
    }
    const status = await engine.readStatus(target);
    expect(status.keys.find(k => k.name === 'A')?.inSync).toBe(false);
    expect(status.status).toBe('pending');
  });

  // requirement 4
  it('sees an ExternalSecret that names the AWS secret by its ARN', async () => {
    const { target, namespace, arn } = await tenant({ A: '1' });
    await externalSecret(namespace, 'build', {
      dataFrom: [{ extract: { key: arn } }],
    });
    await waitForReady(namespace, 'build', 'True');
    const status = await statusOf(target, 'synced');
    expect(status.eso?.resourceName).toBe('build');
    await expect(engine.forceSync(target)).resolves.toMatchObject({
      targets: [`externalsecret/${namespace}/build`],
    });
  });

  // requirement 5
  it('shows a broken ClusterSecretStore at once, while the ExternalSecret still says Ready', async () => {
    const { target, namespace, key } = await tenant({ A: '1' });
    const store = uniqueName('eso-store');
    const storeBody = (secretName: string) => ({
      apiVersion: `${ESO_GROUP}/v1`,
      kind: 'ClusterSecretStore',
      metadata: { name: store },
      spec: {
        controller: ESO_CONTROLLER_CLASS,
        provider: {
          aws: {
            service: 'SecretsManager',
            region: 'us-east-1',
            role: `arn:aws:iam::${SANDBOX_ACCOUNTS.dev}:role/external-secrets`,
            auth: {
              secretRef: {
                accessKeyIDSecretRef: {
                  namespace: 'external-secrets',
                  name: secretName,
                  key: 'access-key-id',
                },
                secretAccessKeySecretRef: {
                  namespace: 'external-secrets',
                  name: secretName,
                  key: 'secret-access-key',
                },
              },
            },
          },
        },
      },
    });
    await custom.createClusterCustomObject({
      group: ESO_GROUP,
      version: 'v1',
      plural: 'clustersecretstores',
      body: storeBody('sandbox-aws'),
    });
    await externalSecret(namespace, 'build', {
      secretStoreRef: { kind: 'ClusterSecretStore', name: store },
      dataFrom: [{ extract: { key } }],
    });
    await waitForReady(namespace, 'build', 'True');
    await statusOf(target, 'synced');

    // the store loses its credentials
    const current = (await custom.getClusterCustomObject({
      group: ESO_GROUP,
      version: 'v1',
      plural: 'clustersecretstores',
      name: store,
    })) as { metadata: { resourceVersion: string } };
    await custom.replaceClusterCustomObject({
      group: ESO_GROUP,
      version: 'v1',
      plural: 'clustersecretstores',
      name: store,
      body: {
        ...storeBody('no-such-secret'),
        metadata: {
          name: store,
          resourceVersion: current.metadata.resourceVersion,
        },
      },
    });
    await waitFor('the store to be Ready=False', async () => {
      const object = (await custom.getClusterCustomObject({
        group: ESO_GROUP,
        version: 'v1',
        plural: 'clustersecretstores',
        name: store,
      })) as {
        status?: { conditions?: Array<{ type: string; status: string }> };
      };
      return object.status?.conditions?.some(
        c => c.type === 'Ready' && c.status === 'False',
      )
        ? true
        : undefined;
    });
    // ESO has not reconciled the ExternalSecret again
    expect(
      (await readExternalSecret(namespace, 'build')).status?.conditions?.[0]
        ?.status,
    ).toBe('True');
    const status = await engine.readStatus(target);
    expect(status.status).toBe('error');
    expect(status.reason).toMatchObject({ hop: 'eso' });
    expect(status.reason?.message).toContain(`ClusterSecretStore ${store}`);
    expect(status.reason?.message).toContain('no-such-secret');
    // a broken store keeps ESO retrying: this one is the test's
    await custom.deleteClusterCustomObject({
      group: ESO_GROUP,
      version: 'v1',
      plural: 'clustersecretstores',
      name: store,
    });
  });

  // requirement 6
  it.each([
    ['refreshPolicy CreatedOnce', { refreshPolicy: 'CreatedOnce' }],
    ['refreshInterval 0s', { refreshInterval: '0s' }],
  ])(
    'says at once after a write that ESO will not refresh (%s), with the way out',
    async (text, spec) => {
      const { target, namespace, key } = await tenant({ A: '1' });
      await externalSecret(namespace, 'build', {
        ...spec,
        dataFrom: [{ extract: { key } }],
      });
      await waitForReady(namespace, 'build', 'True');
      await statusOf(target, 'synced');
      await putAwsSecret(key, { A: '2' });
      const written = await engine.afterWrite(target);
      expect(written.warning).toContain(text);
      const status = await engine.readStatus(target);
      // within the grace period, and still not `pending`: nothing will come
      expect(status.status).toBe('drifted');
      expect(status.eso?.warning).toContain(text);
      expect(status.eso?.warning).toMatch(/Recreate|refreshInterval|OnChange/);
    },
  );

  // requirement 7: the real CRDs serve v1 (storage) and v1beta1
  it('reads an ExternalSecret at v1beta1 where the cluster is asked for a version it does not serve first', async () => {
    const older = readSecretsSyncConfig(
      new ConfigReader({
        ...data,
        secretsSync: {
          ...data.secretsSync,
          environments: [
            {
              ...data.secretsSync.environments[0],
              engine: {
                type: 'external-secret',
                namespaceTemplate: 'eso-{tenant}',
                apiVersions: ['v2', 'v1beta1'],
              },
            },
          ],
        },
      }),
    ).environments[0];
    const { target, namespace, key } = await tenant({ A: '1' });
    await externalSecret(namespace, 'build', {
      dataFrom: [{ extract: { key } }],
    });
    await waitForReady(namespace, 'build', 'True');
    const olderTarget = { ...target, environment: older };
    const status = await waitFor('synced at v1beta1', async () => {
      const topology = await engine.readStatus(olderTarget);
      return topology.status === 'synced' ? topology : undefined;
    });
    expect(status.eso?.apiVersion).toBe(`${ESO_GROUP}/v1beta1`);
    await expect(engine.forceSync(olderTarget)).resolves.toMatchObject({
      targets: [`externalsecret/${namespace}/build`],
    });
  });
});
