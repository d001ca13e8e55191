import {
  CreateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DEFAULT_BINDING_ANNOTATION } from '@internal/plugin-secrets-sync-common';
import {
  SANDBOX_ACCOUNTS,
  awsClientConfigFor,
  kubeConfigFor,
  readSandbox,
} from '@internal/sandbox';
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import request from 'supertest';
import { secretsSyncPlugin } from '../../../../plugin';
import { countRequests } from '../../../../__testUtils__/countRequests';
import {
  sandboxConfigData,
  uniqueName,
} from '../../../../__testUtils__/sandboxConfig';

const ENTITIES = 100;
const WITH_SYNCED_SECRET = 5;

/**
 * A fleet summary of a synced-secret environment, its calls counted at the
 * HTTP layer on the local stack: AWS listing pages, and for the cluster one
 * list and watch per cached resource (SyncedSecrets among them), never a
 * call per entity.
 */
describe('fleet summary of the synced-secret engine, calls counted', () => {
  const sandbox = readSandbox();
  const run = uniqueName('kfleet');
  const config = sandboxConfigData();
  const [dev] = config.secretsSync.environments;
  config.secretsSync.environments = [
    {
      ...dev,
      engine: {
        type: 'synced-secret',
        namespaceTemplate: `${run}-{tenant}`,
        awsKeyTemplate: `${run}/{tenant}/build`,
      },
    } as typeof dev,
  ];
  Object.assign(config.secretsSync, { tenantKeyPattern: '^t[0-9]{1,4}$' });
  const tenants = Array.from({ length: ENTITIES }, (_, i) => `t${i}`);
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

  beforeAll(async () => {
    const admin = kubeConfigFor('dev', 'admin');
    const core = admin.makeApiClient(CoreV1Api);
    const custom = admin.makeApiClient(CustomObjectsApi);
    const aws = new SecretsManagerClient(
      await awsClientConfigFor(SANDBOX_ACCOUNTS.dev),
    );
    // one at a time: moto's secret store is not safe for concurrent creates
    for (const tenant of tenants) {
      await aws.send(
        new CreateSecretCommand({
          Name: `${run}/${tenant}/build`,
          SecretString: '{"A":"1"}',
        }),
      );
    }
    for (const tenant of tenants.slice(0, WITH_SYNCED_SECRET)) {
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
            dataFrom: { secretRef: { name: `${run}/${tenant}/build` } },
          },
        },
      });
      // as kube-secret-syncer writes it
      await core.createNamespacedSecret({
        namespace,
        body: { metadata: { name: 'build-secrets' }, stringData: { A: '1' } },
      });
    }
    counter.take();
  }, 120_000);

  afterAll(() => counter.stop());

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
      synced: WITH_SYNCED_SECRET,
      'namespace-missing': ENTITIES - WITH_SYNCED_SECRET,
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
    // namespaces, Secrets, six workload kinds and SyncedSecrets: a list and a watch each
    expect(coldCalls.kubernetesTotal).toBeLessThanOrEqual(2 * 9 + 2);
    expect(warmCalls.kubernetesTotal).toBe(0);
    // eslint-disable-next-line no-console
    console.log(JSON.stringify({ coldCalls, warmCalls }));
  }, 90_000);
});
