import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DEFAULT_BINDING_ANNOTATION } from '@internal/plugin-secrets-sync-common';
import { readSandbox } from '@internal/sandbox';
import request from 'supertest';
import { secretsSyncPlugin } from '../../../../plugin';
import { countRequests } from '../../../../__testUtils__/countRequests';
import {
  sandboxConfigData,
  uniqueName,
} from '../../../../__testUtils__/sandboxConfig';
import {
  DEV_STORE,
  ESO_GROUP,
  assertEsoRunning,
  devClients,
  secretValues,
  waitFor,
  waitForReady,
} from './__testUtils__/realEso';

const ENTITIES = 100;
const WITH_EXTERNAL_SECRET = 5;

/**
 * A fleet summary of an external-secret environment, its calls counted at
 * the HTTP layer on the local stack: AWS listing pages, and for the cluster
 * one list and watch per cached resource (ExternalSecrets and their stores
 * among them), never a call per entity. The stack's ESO reconciles the
 * ExternalSecrets and writes their Secrets, as in a real cluster.
 */
describe('fleet summary of the external-secret engine, calls counted', () => {
  const sandbox = readSandbox();
  const run = uniqueName('efleet');
  const config = sandboxConfigData();
  const [dev] = config.secretsSync.environments;
  config.secretsSync.environments = [
    {
      ...dev,
      engine: {
        type: 'external-secret',
        namespaceTemplate: `${run}-{tenant}`,
        awsKeyTemplate: `${run}/{tenant}/build`,
      },
    } as typeof dev,
  ];
  Object.assign(config.secretsSync, { tenantKeyPattern: '^t[0-9]{1,4}$' });
  const tenants = Array.from({ length: ENTITIES }, (_, i) => `t${i}`);
  const withExternalSecret = tenants.slice(0, WITH_EXTERNAL_SECRET);
  const entities: Entity[] = tenants.map(tenant => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: tenant,
      namespace: 'default',
      annotations: { 'secrets-sync.io/environments': 'dev' },
    },
    spec: {
      type: 'service',
      owner: 'group:default/team',
      lifecycle: 'production',
    },
  }));
  const counter = countRequests({
    aws: new URL(sandbox.aws.endpoint).host,
    kubernetes: [new URL(sandbox.clusters.dev.server).host],
  });
  const { core, custom } = devClients();

  beforeAll(async () => {
    assertEsoRunning();
    const aws = await devClients().aws();
    // one at a time: moto's secret store is not safe for concurrent creates
    for (const tenant of tenants) {
      await aws.send(
        new CreateSecretCommand({
          Name: `${run}/${tenant}/build`,
          SecretString: '{"A":"1"}',
        }),
      );
    }
    for (const tenant of withExternalSecret) {
      const namespace = `${run}-${tenant}`;
      await core.createNamespace({
        body: {
          metadata: {
            name: namespace,
            annotations: {
              [DEFAULT_BINDING_ANNOTATION]: `component:default/${tenant}`,
            },
          },
        },
      });
      await custom.createNamespacedCustomObject({
        group: ESO_GROUP,
        version: 'v1',
        namespace,
        plural: 'externalsecrets',
        body: {
          apiVersion: `${ESO_GROUP}/v1`,
          kind: 'ExternalSecret',
          metadata: { name: 'build' },
          spec: {
            refreshInterval: '1h',
            secretStoreRef: { kind: 'ClusterSecretStore', name: DEV_STORE },
            target: { name: 'build-secrets' },
            dataFrom: [{ extract: { key: `${run}/${tenant}/build` } }],
          },
        },
      });
    }
    // the Secrets as the stack's ESO writes them
    for (const tenant of withExternalSecret) {
      const namespace = `${run}-${tenant}`;
      await waitForReady(namespace, 'build', 'True');
      await waitFor(`Secret build-secrets in ${namespace}`, async () =>
        (await secretValues(namespace, 'build-secrets'))?.A === '1'
          ? true
          : undefined,
      );
    }
    counter.take();
  }, 180_000);

  // ESO keeps reconciling what it finds: leave nothing of this run behind
  afterAll(async () => {
    counter.stop();
    await Promise.all(
      withExternalSecret.map(tenant =>
        core
          .deleteNamespace({ name: `${run}-${tenant}` })
          .catch(() => undefined),
      ),
    );
  });

  it('costs AWS listing pages and one list and watch per cached resource, not calls per entity', async () => {
    const { server } = await startTestBackend({
      features: [
        secretsSyncPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({ data: config }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
    const get = (path: string) =>
      request(server).get(`/api/secrets-sync${path}`);
    counter.take();
    const cold = await get('/fleet?limit=1000');
    const coldCalls = counter.take();
    expect(cold.status).toBe(200);
    expect(cold.body.statusCounts).toEqual({
      synced: WITH_EXTERNAL_SECRET,
      'namespace-missing': ENTITIES - WITH_EXTERNAL_SECRET,
    });
    const warm = await get('/fleet?limit=1000');
    const warmCalls = counter.take();
    expect(warm.body.statusCounts).toEqual(cold.body.statusCounts);

    // 100 secrets: 1 or 2 ListSecrets pages of 100, 5 BatchGetSecretValue of 20
    expect(coldCalls.aws.DescribeSecret).toBeUndefined();
    expect(coldCalls.aws.GetSecretValue).toBeUndefined();
    expect(coldCalls.aws.ListSecrets).toBeLessThanOrEqual(2);
    expect(coldCalls.aws.BatchGetSecretValue).toBeLessThanOrEqual(5);
    expect(warmCalls.aws.BatchGetSecretValue).toBeUndefined();
    // namespaces, Secrets, six workload kinds, ExternalSecrets, SecretStores
    // and ClusterSecretStores: a list and a watch each
    expect(coldCalls.kubernetesTotal).toBeLessThanOrEqual(2 * 11 + 2);
    // and none of them names one entity's namespace or objects
    expect(
      Object.keys(coldCalls.kubernetes).filter(path => path.includes(run)),
    ).toEqual([]);
    expect(warmCalls.kubernetesTotal).toBe(0);
    // eslint-disable-next-line no-console
    console.log(JSON.stringify({ coldCalls, warmCalls }));
  }, 90_000);
});
