import {
  CreateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  SANDBOX_ACCOUNTS,
  awsClientConfigFor,
  kubeConfigFor,
  readSandbox,
} from '@internal/sandbox';
import {
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { DEFAULT_BINDING_ANNOTATION } from '@internal/plugin-secrets-sync-common';
import request from 'supertest';
import { secretsSyncPlugin } from './plugin';
import { RequestCounts, countRequests } from './__testUtils__/countRequests';
import { sandboxConfigData, uniqueName } from './__testUtils__/sandboxConfig';

const ENTITIES = 500;
const OPTED_IN = 10;
const SYNCED = 5;
/** Tenants with an ExternalSecret in staging: the first ready, the others failing. */
const ESO_READY = 3;
const ESO_FAILING = 2;

function host(url: string) {
  return new URL(url).host;
}

async function inPool<T>(
  items: T[],
  size: number,
  run: (item: T) => Promise<unknown>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        await run(items[next++]);
      }
    }),
  );
}

/**
 * The calls behind a topology view, cold and warm, and behind a fleet
 * summary of 500 entities in two environments, counted at the HTTP layer
 * on the local stack. Keys, namespaces and annotations carry this run's
 * name, so what other runs left in moto and the clusters is not listed.
 */
describe('AWS and Kubernetes calls, counted', () => {
  const sandbox = readSandbox();
  const run = uniqueName('calls');
  const OPT_IN = 'calls.secrets-sync.io/managed';
  const OWNER = { 'calls.secrets-sync.io/managed-by': 'operator' };
  const config = sandboxConfigData();
  const staging = {
    ...config.secretsSync.environments[0],
    name: 'staging',
    title: 'Staging',
    engine: {
      type: 'external-secret',
      namespaceTemplate: `s-${run}-{tenant}`,
      awsKeyTemplate: `${run}-staging/{tenant}/build`,
    },
  };
  for (const env of config.secretsSync.environments) {
    Object.assign(env, {
      engine: {
        type: 'namespace-annotation',
        namespaceTemplate: `${run}-{tenant}`,
        awsKeyTemplate: `${run}/{tenant}/build`,
        optInAnnotation: OPT_IN,
        forceSyncAnnotation: 'calls.secrets-sync.io/sync',
        secretName: 'calls-secrets',
        ownerLabels: OWNER,
      },
    });
  }
  config.secretsSync.environments.push(staging);
  // the run's long namespace prefixes leave room for keys like t499 only
  Object.assign(config.secretsSync, { tenantKeyPattern: '^t[0-9]{1,4}$' });
  const tenants = Array.from({ length: ENTITIES }, (_, i) => `t${i}`);
  const entities: Entity[] = tenants.map(tenant => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: tenant,
      namespace: 'default',
      annotations: {
        'secrets-sync.io/environments': 'dev, prod, staging',
      },
    },
    spec: {
      type: 'service',
      owner: 'group:default/team',
      lifecycle: 'production',
    },
  }));
  const counter = countRequests({
    aws: host(sandbox.aws.endpoint),
    kubernetes: [
      host(sandbox.clusters.dev.server),
      host(sandbox.clusters.prod.server),
    ],
  });
  const figures: Record<string, RequestCounts> = {};

  async function startBackend() {
    const { server } = await startTestBackend({
      features: [
        secretsSyncPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({ data: config }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
    return (path: string) => request(server).get(`/api/secrets-sync${path}`);
  }

  beforeAll(async () => {
    const admin = kubeConfigFor('dev', 'admin').makeApiClient(CoreV1Api);
    const clients = {
      dev: new SecretsManagerClient(
        await awsClientConfigFor(SANDBOX_ACCOUNTS.dev),
      ),
      prod: new SecretsManagerClient(
        await awsClientConfigFor(SANDBOX_ACCOUNTS.prod),
      ),
    };
    const secrets = [
      ...tenants.map(tenant => ({ client: clients.dev, tenant, prefix: run })),
      ...tenants
        .slice(0, ENTITIES / 2)
        .map(tenant => ({ client: clients.prod, tenant, prefix: run })),
      ...tenants.slice(0, ENTITIES / 5).map(tenant => ({
        client: clients.dev,
        tenant,
        prefix: `${run}-staging`,
      })),
    ];
    // one at a time: moto's secret store is not safe for concurrent creates
    await inPool(secrets, 1, ({ client, tenant, prefix }) =>
      client.send(
        new CreateSecretCommand({
          Name: `${prefix}/${tenant}/build`,
          SecretString: '{"A":"1"}',
        }),
      ),
    );
    const custom = kubeConfigFor('dev', 'admin').makeApiClient(
      CustomObjectsApi,
    );
    await inPool(tenants.slice(0, ESO_READY + ESO_FAILING), 5, async tenant => {
      const namespace = `s-${run}-${tenant}`;
      const ready = tenants.indexOf(tenant) < ESO_READY;
      await admin.createNamespace({
        body: {
          metadata: {
            name: namespace,
            annotations: {
              [DEFAULT_BINDING_ANNOTATION]: `component:default/${tenant}`,
            },
          },
        },
      });
      const object = {
        group: 'external-secrets.io',
        version: 'v1',
        namespace,
        plural: 'externalsecrets',
      };
      await custom.createNamespacedCustomObject({
        ...object,
        body: {
          apiVersion: 'external-secrets.io/v1',
          kind: 'ExternalSecret',
          metadata: { name: 'build' },
          spec: {
            // the store of a controller class no process runs: the stack's
            // ESO leaves this status to the test
            secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws' },
            dataFrom: [{ extract: { key: `${run}-staging/${tenant}/build` } }],
          },
        },
      });
      await custom.patchNamespacedCustomObjectStatus(
        {
          ...object,
          name: 'build',
          body: {
            status: {
              refreshTime: new Date(Date.now() + 5000).toISOString(),
              conditions: [
                {
                  type: 'Ready',
                  status: ready ? 'True' : 'False',
                  reason: ready ? 'SecretSynced' : 'SecretSyncedError',
                },
              ],
            },
          },
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      if (ready) {
        // what ESO would have written: synced means the keys match
        await admin.createNamespacedSecret({
          namespace,
          body: { metadata: { name: 'build' }, stringData: { A: '1' } },
        });
      }
    });
    await inPool(tenants.slice(0, OPTED_IN), 5, async tenant => {
      const namespace = `${run}-${tenant}`;
      await admin.createNamespace({
        body: {
          metadata: {
            name: namespace,
            annotations: {
              [OPT_IN]: 'enabled',
              [DEFAULT_BINDING_ANNOTATION]: `component:default/${tenant}`,
            },
          },
        },
      });
      if (tenants.indexOf(tenant) < SYNCED) {
        await admin.createNamespacedSecret({
          namespace,
          body: {
            metadata: { name: 'calls-secrets', labels: OWNER },
            stringData: { A: '1' },
          },
        });
      }
    });
    counter.take();
  }, 120_000);

  afterAll(() => {
    counter.stop();
    // the figures the issue asks for, printed for the report
    // eslint-disable-next-line no-console
    console.log(JSON.stringify(figures, null, 2));
  });

  it('a cold topology view reads every hop; a warm one sends nothing', async () => {
    const get = await startBackend();
    counter.take();
    const cold = await get('/entities/component/default/t0/topology');
    figures.coldView = counter.take();
    expect(
      cold.body.environments.map((env: { status: string }) => env.status),
    ).toEqual(['synced', 'namespace-missing', 'synced']);
    // three secrets: metadata and value digests of each
    expect(figures.coldView.aws).toEqual({
      DescribeSecret: 3,
      GetSecretValue: 3,
    });

    // The watch caches list in the background, and a view reads a cluster
    // directly until they have: view again until one is served from them
    // (AWS answers come from the cold view's cache every time).
    const deadline = Date.now() + 15_000;
    let warm: Awaited<ReturnType<typeof get>>;
    do {
      counter.take();
      warm = await get('/entities/component/default/t0/topology');
      figures.warmView = counter.take();
      expect(figures.warmView.awsTotal).toBe(0);
      expect(warm.body).toEqual(cold.body);
      if (figures.warmView.kubernetesTotal > 0) {
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    } while (figures.warmView.kubernetesTotal > 0 && Date.now() < deadline);
    expect(figures.warmView.kubernetesTotal).toBe(0);
  });

  it('a fleet summary of 500 entities in 3 environments costs calls per page of secrets, not per entity', async () => {
    const get = await startBackend();
    counter.take();
    const cold = await get('/fleet?limit=1000');
    figures.fleetCold = counter.take();
    expect(cold.status).toBe(200);
    expect(cold.body.totalEntities).toBe(ENTITIES);
    expect(cold.body.statusCounts).toEqual({
      synced: SYNCED + ESO_READY,
      pending: OPTED_IN - SYNCED,
      error: ESO_FAILING,
      'namespace-missing': 3 * ENTITIES - OPTED_IN - ESO_READY - ESO_FAILING,
    });

    const again = await get('/fleet?limit=1000');
    figures.fleetWarm = counter.take();
    expect(again.body.statusCounts).toEqual(cold.body.statusCounts);

    // ListSecrets pages of 100 per account and key prefix, BatchGetSecretValue
    // of 20: 850 secrets need 5 + 3 + 1 pages (one more where a page ends
    // exactly on the last secret) and 25 + 13 + 5 batches
    expect(figures.fleetCold.aws.DescribeSecret).toBeUndefined();
    expect(figures.fleetCold.aws.GetSecretValue).toBeUndefined();
    expect(figures.fleetCold.aws.ListSecrets).toBeLessThanOrEqual(9 + 3);
    expect(figures.fleetCold.aws.BatchGetSecretValue).toBeLessThanOrEqual(
      25 + 13 + 5,
    );
    // the second summary lists again, and needs no value it has seen
    expect(figures.fleetWarm.aws.BatchGetSecretValue).toBeUndefined();
    expect(figures.fleetWarm.awsTotal).toBeLessThanOrEqual(9 + 3);
    // the clusters: one list and one watch per cached resource, whatever the fleet
    expect(figures.fleetCold.kubernetesTotal).toBeLessThan(ENTITIES / 5);
    expect(figures.fleetWarm.kubernetesTotal).toBe(0);
  }, 60_000);
});
