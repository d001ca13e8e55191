import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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
  readExternalSecret,
  secretValues,
  waitFor,
} from '../external-secret/__testUtils__/realEso';

const SHARED_SECRETS = 20;
const DISTRIBUTED = 5;

/**
 * A fleet summary of a cluster-external-secret environment, its calls
 * counted at the HTTP layer on the local stack: one catalog Resource per
 * shared secret, bound by the platform's tenant list, a few of them
 * distributed by a ClusterExternalSecret the stack's ESO reconciles. AWS
 * costs listing pages, the cluster one list and watch per cached resource
 * (ClusterExternalSecrets and ExternalSecrets among them), never a call
 * per shared secret.
 */
describe('fleet summary of the cluster-external-secret engine, calls counted', () => {
  const sandbox = readSandbox();
  const run = uniqueName('cfleet');
  const label = `secrets-sync-test/${run}`;
  const tenants = Array.from({ length: SHARED_SECRETS }, (_, i) => `t${i}`);
  const distributed = tenants.slice(0, DISTRIBUTED);
  const config = sandboxConfigData();
  const [dev] = config.secretsSync.environments;
  config.secretsSync.environments = [
    {
      ...dev,
      engine: {
        type: 'cluster-external-secret',
        clusterExternalSecretTemplate: `${run}-{tenant}`,
        awsKeyTemplate: `${run}/{tenant}`,
      },
      binding: {
        tenants: Object.fromEntries(
          tenants.map(tenant => [tenant, `resource:default/${tenant}`]),
        ),
      },
    } as typeof dev,
  ];
  Object.assign(config.secretsSync, {
    tenantKeyPattern: '^t[0-9]{1,4}$',
    tenantKinds: ['component', 'resource'],
  });
  const entities: Entity[] = tenants.map(tenant => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: tenant,
      namespace: 'default',
      annotations: { 'secrets-sync.io/environments': 'dev' },
    },
    spec: { type: 'secret', owner: 'group:default/platform-team' },
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
          Name: `${run}/${tenant}`,
          SecretString: '{"TOKEN":"1"}',
        }),
      );
    }
    for (const tenant of distributed) {
      await core.createNamespace({
        body: {
          metadata: { name: `${run}-${tenant}`, labels: { [label]: tenant } },
        },
      });
      await custom.createClusterCustomObject({
        group: ESO_GROUP,
        version: 'v1',
        plural: 'clusterexternalsecrets',
        body: {
          apiVersion: `${ESO_GROUP}/v1`,
          kind: 'ClusterExternalSecret',
          metadata: { name: `${run}-${tenant}` },
          spec: {
            namespaceSelectors: [{ matchLabels: { [label]: tenant } }],
            externalSecretName: 'shared-token',
            refreshTime: '1m',
            externalSecretSpec: {
              refreshInterval: '1h',
              secretStoreRef: { kind: 'ClusterSecretStore', name: DEV_STORE },
              target: { name: 'shared-token' },
              dataFrom: [{ extract: { key: `${run}/${tenant}` } }],
            },
          },
        },
      });
    }
    // what the stack's ESO makes of them: the ExternalSecret, its Secret,
    // and the namespace in the ClusterExternalSecret's status
    for (const tenant of distributed) {
      const namespace = `${run}-${tenant}`;
      await waitFor(
        `ExternalSecret shared-token in ${namespace} ready`,
        async () => {
          const generated = await readExternalSecret(
            namespace,
            'shared-token',
          ).catch(() => undefined);
          return generated?.status?.conditions?.some(
            condition =>
              condition.type === 'Ready' && condition.status === 'True',
          )
            ? true
            : undefined;
        },
      );
      await waitFor(`Secret shared-token in ${namespace}`, async () =>
        (await secretValues(namespace, 'shared-token'))?.TOKEN === '1'
          ? true
          : undefined,
      );
      await waitFor(
        `ClusterExternalSecret ${namespace} provisioned`,
        async () => {
          const ces = (await custom.getClusterCustomObject({
            group: ESO_GROUP,
            version: 'v1',
            plural: 'clusterexternalsecrets',
            name: namespace,
          })) as { status?: { provisionedNamespaces?: string[] } };
          return ces.status?.provisionedNamespaces?.includes(namespace)
            ? true
            : undefined;
        },
      );
    }
    counter.take();
  }, 180_000);

  // cluster-scoped, and reconciled by ESO every minute: leave none behind
  afterAll(async () => {
    counter.stop();
    for (const tenant of distributed) {
      await custom
        .deleteClusterCustomObject({
          group: ESO_GROUP,
          version: 'v1',
          plural: 'clusterexternalsecrets',
          name: `${run}-${tenant}`,
        })
        .catch(() => undefined);
      await core
        .deleteNamespace({ name: `${run}-${tenant}` })
        .catch(() => undefined);
    }
  });

  it('costs AWS listing pages and one list and watch per cached resource, not calls per shared secret', async () => {
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
      synced: DISTRIBUTED,
      'not-enabled': SHARED_SECRETS - DISTRIBUTED,
    });
    const warm = await get('/fleet?limit=1000');
    const warmCalls = counter.take();
    expect(warm.body.statusCounts).toEqual(cold.body.statusCounts);

    // 20 secrets: 1 ListSecrets page of 100, 1 BatchGetSecretValue of 20
    expect(coldCalls.aws.DescribeSecret).toBeUndefined();
    expect(coldCalls.aws.GetSecretValue).toBeUndefined();
    expect(coldCalls.aws.ListSecrets).toBeLessThanOrEqual(2);
    expect(coldCalls.aws.BatchGetSecretValue).toBeLessThanOrEqual(5);
    expect(warmCalls.aws.BatchGetSecretValue).toBeUndefined();
    // namespaces, Secrets, six workload kinds, ExternalSecrets and
    // ClusterExternalSecrets: a list and a watch each
    expect(coldCalls.kubernetesTotal).toBeLessThanOrEqual(2 * 10 + 2);
    // and none of them names one shared secret's objects or namespace
    expect(
      Object.keys(coldCalls.kubernetes).filter(path => path.includes(run)),
    ).toEqual([]);
    expect(warmCalls.kubernetesTotal).toBe(0);
    // eslint-disable-next-line no-console
    console.log(JSON.stringify({ coldCalls, warmCalls }));
  }, 90_000);
});
