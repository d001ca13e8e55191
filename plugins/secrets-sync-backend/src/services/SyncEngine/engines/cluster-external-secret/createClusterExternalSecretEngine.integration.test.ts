import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { readSecretsSyncConfig } from '../../../../config';
import {
  sandboxConfig,
  sandboxConfigData,
  uniqueName,
} from '../../../../__testUtils__/sandboxConfig';
import { createAwsClients, createAwsSecretsService } from '../../../AwsSecrets';
import { createKubernetesService } from '../../../Kubernetes';
import type { SyncTarget } from '../../types';
import {
  DEV_STORE,
  ESO_GROUP,
  assertEsoRunning,
  createAwsSecret,
  devClients,
  putAwsSecret,
  secretValues,
  waitFor,
} from '../external-secret/__testUtils__/realEso';
import { createClusterExternalSecretEngine } from '.';

/**
 * The cluster-external-secret engine against the stack's real External
 * Secrets Operator on the dev cluster: a ClusterExternalSecret selecting
 * namespaces by label, one of which ESO cannot provision because an
 * ExternalSecret of the same name, not its own, is already there.
 */
describe('cluster-external-secret engine with the real ESO', () => {
  const { core, custom } = devClients();
  const credentialsManager = DefaultAwsCredentialsManager.fromConfig(
    sandboxConfig(),
  );
  const engine = createClusterExternalSecretEngine({
    aws: createAwsSecretsService({
      clients: createAwsClients({ credentialsManager }),
    }),
    kubernetes: createKubernetesService({ credentialsManager }),
    pendingGracePeriodMs: 120_000,
  });
  const data = sandboxConfigData();
  const [dev] = data.secretsSync.environments;
  const environment = readSecretsSyncConfig(
    new ConfigReader({
      ...data,
      secretsSync: {
        ...data.secretsSync,
        environments: [{ ...dev, engine: { type: 'cluster-external-secret' } }],
      },
    }),
  ).environments[0];

  const tenantKey = uniqueName('ces');
  const label = `secrets-sync-test/${tenantKey}`;
  const healthy = `${tenantKey}-a`;
  const taken = `${tenantKey}-b`;
  const awsKey = `shared/${tenantKey}`;
  const target: SyncTarget = {
    environment,
    tenantKey,
    entityRef: `resource:default/${tenantKey}`,
  };
  // never in any answer of the engine: the values live in AWS and the Secret
  const canary = `canary-${tenantKey}`;

  beforeAll(async () => {
    assertEsoRunning();
    await createAwsSecret(awsKey, { TOKEN: `${canary}-1` });
    for (const name of [healthy, taken]) {
      await core.createNamespace({
        body: { metadata: { name, labels: { [label]: 'true' } } },
      });
    }
    // an ExternalSecret the ClusterExternalSecret does not own: ESO refuses to take it over
    await custom.createNamespacedCustomObject({
      group: ESO_GROUP,
      version: 'v1',
      namespace: taken,
      plural: 'externalsecrets',
      body: {
        apiVersion: `${ESO_GROUP}/v1`,
        kind: 'ExternalSecret',
        metadata: { name: 'shared-token' },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { kind: 'ClusterSecretStore', name: 'nowhere' },
          target: { name: 'someone-elses' },
          dataFrom: [{ extract: { key: 'elsewhere' } }],
        },
      },
    });
    await custom.createClusterCustomObject({
      group: ESO_GROUP,
      version: 'v1',
      plural: 'clusterexternalsecrets',
      body: {
        apiVersion: `${ESO_GROUP}/v1`,
        kind: 'ClusterExternalSecret',
        metadata: { name: tenantKey },
        spec: {
          namespaceSelectors: [{ matchLabels: { [label]: 'true' } }],
          externalSecretName: 'shared-token',
          refreshTime: '1m',
          externalSecretSpec: {
            refreshInterval: '1h',
            secretStoreRef: { kind: 'ClusterSecretStore', name: DEV_STORE },
            target: { name: 'shared-token' },
            dataFrom: [{ extract: { key: awsKey } }],
          },
        },
      },
    });
  });

  afterAll(async () => {
    await custom
      .deleteClusterCustomObject({
        group: ESO_GROUP,
        version: 'v1',
        plural: 'clusterexternalsecrets',
        name: tenantKey,
      })
      .catch(() => undefined);
    for (const name of [healthy, taken]) {
      await core.deleteNamespace({ name }).catch(() => undefined);
    }
  });

  it('reports the fan-out: one namespace synced with its Secret, one failed with ESO’s reason', async () => {
    const topology = await waitFor(
      'the healthy namespace synced and the taken one failed',
      async () => {
        const read = await engine.readStatus(target);
        const states = read.clusterExternalSecret?.namespaces.map(
          namespace => `${namespace.namespace}:${namespace.status}`,
        );
        return states?.join() === `${healthy}:synced,${taken}:error`
          ? read
          : undefined;
      },
      60_000,
    );
    expect(topology.clusterExternalSecret).toEqual({
      resourceName: tenantKey,
      exists: true,
      ready: 'False',
      refreshInterval: '1m',
      externalSecretName: 'shared-token',
      namespaces: [
        {
          namespace: healthy,
          state: 'provisioned',
          status: 'synced',
          secretName: 'shared-token',
          secretExists: true,
          consumers: [],
        },
        {
          namespace: taken,
          state: 'failed',
          status: 'error',
          reason: `ESO could not create ExternalSecret shared-token in namespace ${taken}: external secret already exists in namespace`,
          consumers: [],
        },
      ],
    });
    // one failed namespace is enough for the shared secret not to be synced
    expect(topology.status).toBe('error');
    expect(topology.reason?.message).toContain(taken);
    expect(topology.supports).toEqual({ forceSync: true, setEnabled: false });
    expect(JSON.stringify(topology)).not.toContain(canary);
  });

  it('force sync makes ESO refresh every provisioned namespace at once', async () => {
    await waitFor('the first value in the Secret', async () =>
      (await secretValues(healthy, 'shared-token'))?.TOKEN === `${canary}-1`
        ? true
        : undefined,
    );
    await putAwsSecret(awsKey, { TOKEN: `${canary}-2` });
    // refreshInterval 1h: without the bump ESO would not read AWS again for an hour
    await expect(engine.forceSync(target)).resolves.toEqual({
      targets: [`clusterexternalsecret/${tenantKey}`],
    });
    await waitFor(
      'the new value in the Secret',
      async () =>
        (await secretValues(healthy, 'shared-token'))?.TOKEN === `${canary}-2`
          ? true
          : undefined,
      30_000,
    );
    const generated = (await custom.getNamespacedCustomObject({
      group: ESO_GROUP,
      version: 'v1',
      namespace: healthy,
      plural: 'externalsecrets',
      name: 'shared-token',
    })) as { metadata: { annotations?: Record<string, string> } };
    expect(generated.metadata.annotations?.['force-sync']).toMatch(/^\d+$/);
  });

  it('says what is missing when no ClusterExternalSecret has the name, and refuses to enable', async () => {
    const missing = { ...target, tenantKey: uniqueName('ces-none') };
    const topology = await engine.readStatus(missing);
    expect(topology.status).toBe('not-enabled');
    expect(topology.clusterExternalSecret).toMatchObject({
      exists: false,
      namespaces: [],
    });
    await expect(engine.forceSync(missing)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining('No ClusterExternalSecret'),
    });
    await expect(engine.afterWrite(missing)).resolves.toEqual({
      syncRequested: false,
      warning: expect.stringContaining('nothing distributes the shared secret'),
    });
    await expect(engine.setEnabled(target, true)).rejects.toMatchObject({
      name: 'InputError',
    });
  });
});
