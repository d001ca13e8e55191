import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
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
} from '@internal/sandbox';
import {
  AppsV1Api,
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { DEFAULT_BINDING_ANNOTATION } from '@internal/plugin-secrets-sync-common';
import request from 'supertest';
import { secretsSyncPlugin } from './plugin';
import {
  capturingAuditor,
  capturingRootLogger,
} from './__testUtils__/captureOutput';
import { sandboxConfigData, uniqueName } from './__testUtils__/sandboxConfig';

const CANARY = `CANARY-e2e-${Math.random().toString(36).slice(2)}`;

// A first write assumes a role in each account and checks each binding on
// the API server; on a busy machine that outlasts jest's default 5 s.
jest.setTimeout(30_000);

/**
 * The whole flow on the local stack: moto for AWS (two accounts) and the
 * real kube-apiservers, with the Secret created in the test as the
 * operator would.
 */
describe('secrets-sync end to end on the local stack', () => {
  const tenant = uniqueName('e2e');
  const clash = uniqueName('e2e-clash');
  const untagged = uniqueName('e2e-untagged');
  const entity = (
    name: string,
    tenantKey: string,
    environments: string,
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'secrets-sync.io/tenant-key': tenantKey,
        'secrets-sync.io/environments': environments,
      },
    },
    spec: {
      type: 'website',
      owner: 'group:default/team',
      lifecycle: 'production',
    },
  });
  const config = sandboxConfigData();
  // A contract of our own (every key is configurable), so an operator
  // running on the local stack, which follows the default contract keys
  // (docs/operator-contract.md), leaves this
  // test's namespaces and Secret alone; the Secret is created here, as the
  // operator would.
  const OPT_IN = 'e2e.secrets-sync.io/build-secrets-managed';
  const SYNC = 'e2e.secrets-sync.io/build-secrets-sync';
  const SECRET = 'e2e-build-secrets';
  const OWNER_LABELS = {
    'e2e.secrets-sync.io/managed-by': 'operator',
    'e2e.secrets-sync.io/feature': 'build-secrets',
  };
  const engine = {
    type: 'namespace-annotation',
    optInAnnotation: OPT_IN,
    forceSyncAnnotation: SYNC,
    secretName: SECRET,
    ownerLabels: OWNER_LABELS,
  };
  for (const env of config.secretsSync.environments) {
    Object.assign(env, { engine });
  }
  // an environment whose cluster does not answer, to show it fails alone
  const broken = {
    ...config.secretsSync.environments[0],
    // its own AWS keys: two environments never share a secret
    engine: { ...engine, awsKeyTemplate: 'broken/{tenant}/build' },
    name: 'broken',
    title: 'Broken',
    kubernetes: {
      ...config.secretsSync.environments[0].kubernetes,
      name: 'broken',
      url: 'https://127.0.0.1:1',
    },
  };
  config.secretsSync.environments.push(broken);
  const auditor = capturingAuditor();
  const logs = capturingRootLogger();
  const bodies: string[] = [];
  const admin = {
    dev: kubeConfigFor('dev', 'admin').makeApiClient(CoreV1Api),
    prod: kubeConfigFor('prod', 'admin').makeApiClient(CoreV1Api),
  };
  const operator = kubeConfigFor('dev', 'operator').makeApiClient(CoreV1Api);
  const namespace = `sites-${tenant}`;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  async function call(
    method: 'get' | 'post' | 'put',
    path: string,
    body?: object | string,
  ) {
    let req = request(server)[method](`/api/secrets-sync${path}`);
    if (typeof body === 'string') {
      req = req.set('Content-Type', 'application/json').send(body);
    } else if (body) {
      req = req.send(body);
    }
    const response = await req;
    bodies.push(response.text);
    return response;
  }
  const base = `/entities/component/default/${tenant}`;
  const topologyOf = async (env: string) =>
    (await call('get', `${base}/topology`)).body.environments.find(
      (e: { environment: { name: string } }) => e.environment.name === env,
    );
  /**
   * The topology once it shows what another writer (the operator, an admin)
   * just did in the cluster: the backend reads through watch caches, which
   * see others' writes after the watch delivers them.
   */
  const topologyShowing = async (
    env: string,
    shows: (topology: { status: string; consumers: unknown[] }) => boolean,
  ) => {
    // 10 s: a watch event can take seconds to arrive on a loaded machine
    const deadline = Date.now() + 10_000;
    let topology = await topologyOf(env);
    while (!shows(topology) && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 50));
      topology = await topologyOf(env);
    }
    return topology;
  };
  const aws = async (account: 'dev' | 'prod') =>
    new SecretsManagerClient(
      await awsClientConfigFor(SANDBOX_ACCOUNTS[account]),
    );

  beforeAll(async () => {
    // bound by the platform, as tenant namespaces are: the tenant's in both
    // clusters, the clash's to its first claimant, the untagged one's to it
    const bound = (name: string, entityName: string) => ({
      body: {
        metadata: {
          name,
          annotations: {
            [DEFAULT_BINDING_ANNOTATION]: `component:default/${entityName}`,
          },
        },
      },
    });
    for (const cluster of ['dev', 'prod'] as const) {
      await admin[cluster].createNamespace(bound(namespace, tenant));
    }
    await admin.dev.createNamespace(bound(`sites-${clash}`, `${clash}-a`));
    await admin.dev.createNamespace(bound(`sites-${untagged}`, untagged));
    await (
      await aws('dev')
    ).send(
      new CreateSecretCommand({
        Name: `sites/${untagged}/build`,
        SecretString: '{"THEIRS":"x"}',
      }),
    );
    ({ server } = await startTestBackend({
      features: [
        secretsSyncPlugin,
        catalogServiceMock.factory({
          entities: [
            entity(tenant, tenant, 'dev, prod, broken'),
            entity(`${clash}-a`, clash, 'dev'),
            entity(`${clash}-b`, clash, 'dev'),
            entity(untagged, untagged, 'dev'),
          ],
        }),
        mockServices.rootConfig.factory({ data: config }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        auditor.factory,
        logs.factory,
      ],
    }));
  });

  it('starts not enabled, with the unreachable environment failing alone', async () => {
    const response = await call('get', `${base}/topology`);
    expect(response.status).toBe(200);
    expect(
      response.body.environments.map(
        (e: {
          environment: { name: string };
          status: string;
          reason?: { code: string };
        }) => [e.environment.name, e.status, e.reason?.code],
      ),
    ).toEqual([
      ['dev', 'not-enabled', undefined],
      ['prod', 'not-enabled', undefined],
      ['broken', 'error', 'unreachable'],
    ]);
  });

  it('writes to the secret of each environment in its own account, tagged', async () => {
    const response = await call('post', `${base}/values`, {
      environments: ['dev', 'prod'],
      set: { API_KEY: CANARY, REGION: `${CANARY}-eu` },
      confirmRestricted: true,
    });
    expect(response.status).toBe(200);
    expect(response.body.results).toEqual([
      expect.objectContaining({
        environment: 'dev',
        outcome: 'written',
        keys: ['API_KEY', 'REGION'],
        syncRequested: false,
      }),
      expect.objectContaining({
        environment: 'prod',
        outcome: 'written',
        keys: ['API_KEY', 'REGION'],
        syncRequested: false,
      }),
    ]);
    for (const [account, accountId] of [
      ['dev', '111111111111'],
      ['prod', '222222222222'],
    ] as const) {
      const client = await aws(account);
      const described = await client.send(
        new DescribeSecretCommand({ SecretId: `sites/${tenant}/build` }),
      );
      expect(described.ARN).toContain(
        `:${accountId}:secret:sites/${tenant}/build`,
      );
      expect(described.Tags).toContainEqual({
        Key: 'secrets-sync.io/entity',
        Value: `component:default/${tenant}`,
      });
      const stored = await client.send(
        new GetSecretValueCommand({ SecretId: `sites/${tenant}/build` }),
      );
      expect(JSON.parse(stored.SecretString!)).toEqual({
        API_KEY: CANARY,
        REGION: `${CANARY}-eu`,
      });
      const result = response.body.results.find(
        (r: { environment: string }) => r.environment === account,
      );
      expect(result.versionId).toBe(stored.VersionId);
    }
    const audited = auditor.events.filter(
      e => e.eventId === 'secret-write' && e.outcome === 'success',
    );
    expect(
      audited.map(e => [
        e.outcomeMeta?.environment,
        e.outcomeMeta?.accountId,
        e.outcomeMeta?.keyNames,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['dev', '111111111111', ['API_KEY', 'REGION']],
        ['prod', '222222222222', ['API_KEY', 'REGION']],
      ]),
    );
  });

  it('enables sync with the opt-in annotation, then shows pending until the Secret exists', async () => {
    const response = await call('put', `${base}/environments/dev/enabled`, {
      enabled: true,
    });
    expect(response.body).toEqual({ environment: 'dev', enabled: true });
    const { metadata } = await admin.dev.readNamespace({ name: namespace });
    expect(metadata?.annotations?.[OPT_IN]).toBe('enabled');
    const dev = await topologyOf('dev');
    expect(dev.status).toBe('pending');
    expect(dev.keys).toEqual([
      { name: 'API_KEY', inAws: true, inSecret: false, inSync: false },
      { name: 'REGION', inAws: true, inSecret: false, inSync: false },
    ]);
  });

  it('is synced once the operator has written the Secret', async () => {
    await operator.createNamespacedSecret({
      namespace,
      body: {
        metadata: { name: SECRET, labels: OWNER_LABELS },
        stringData: { API_KEY: CANARY, REGION: `${CANARY}-eu` },
      },
    });
    const dev = await topologyShowing('dev', t => t.status === 'synced');
    expect(dev.status).toBe('synced');
    expect(dev.kubernetes).toMatchObject({
      namespaceExists: true,
      optedIn: true,
      secret: { owned: true },
    });
    expect(dev.kubernetes.secret.resourceVersion).toMatch(/^\d+$/);
    expect(dev.aws).toMatchObject({
      exists: true,
      managed: true,
      accountId: '111111111111',
    });
    expect((await topologyOf('prod')).status).toBe('not-enabled');
  });

  it('lists the workloads consuming the Secret, flagging pods that started before it changed', async () => {
    const apps = kubeConfigFor('dev', 'admin').makeApiClient(AppsV1Api);
    const labels = { app: 'web' };
    const spec = {
      containers: [
        {
          name: 'web',
          image: 'web:1',
          envFrom: [{ secretRef: { name: SECRET } }],
        },
      ],
    };
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: 'web' },
        spec: {
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec },
        },
      },
    });
    // no kubelet here: the pod's status is written as a kubelet would
    await admin.dev.createNamespacedPod({
      namespace,
      body: { metadata: { name: 'web-1', labels, ownerReferences: [] }, spec },
    });
    const startTime = new Date(Date.now() - 3_600_000);
    await admin.dev.patchNamespacedPodStatus(
      {
        namespace,
        name: 'web-1',
        body: { status: { phase: 'Running', startTime } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const dev = await topologyShowing(
      'dev',
      t =>
        t.consumers.length === 2 &&
        JSON.stringify(t.consumers).includes('stalePods":[{'),
    );
    expect(dev.consumers).toEqual([
      {
        kind: 'Deployment',
        name: 'web',
        via: ['envFrom'],
        stalePods: [
          {
            name: 'web-1',
            startedAt: new Date(
              Math.floor(startTime.getTime() / 1000) * 1000,
            ).toISOString(),
          },
        ],
        restart: 'rollout',
      },
      {
        kind: 'Pod',
        name: 'web-1',
        via: ['envFrom'],
        stalePods: [expect.objectContaining({ name: 'web-1' })],
        restart: 'manual',
      },
    ]);
  });

  it('forces a sync by bumping the sync annotation to the current unix time', async () => {
    const before = Math.floor(Date.now() / 1000);
    const response = await call('post', `${base}/environments/dev/sync`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      environment: 'dev',
      targets: [`namespace/${namespace}`],
    });
    const { metadata } = await admin.dev.readNamespace({ name: namespace });
    const stamp = Number(metadata?.annotations?.[SYNC]);
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(stamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect((await topologyOf('dev')).kubernetes.lastForceSyncAt).toBe(
      new Date(stamp * 1000).toISOString(),
    );
  });

  it('requests a sync after a write to an opted-in namespace, then shows the new key pending', async () => {
    const response = await call('post', `${base}/values`, {
      environments: ['dev'],
      set: { NEW_KEY: CANARY },
    });
    expect(response.body.results[0]).toMatchObject({
      outcome: 'written',
      syncRequested: true,
      keys: ['API_KEY', 'NEW_KEY', 'REGION'],
    });
    const dev = await topologyOf('dev');
    expect(dev.status).toBe('pending');
    expect(dev.keys).toContainEqual({
      name: 'NEW_KEY',
      inAws: true,
      inSecret: false,
      inSync: false,
    });
  });

  it('is drifted when the Secret is edited in the cluster after the last change', async () => {
    // Timestamps are whole seconds, and a bump within the second of the one
    // before it is stamped a second ahead: edit once that second has passed.
    const { metadata } = await admin.dev.readNamespace({ name: namespace });
    const stampMs = (Number(metadata?.annotations?.[SYNC]) + 1) * 1000;
    await new Promise(resolve =>
      setTimeout(resolve, Math.max(0, stampMs - Date.now()) + 100),
    );
    await admin.dev.patchNamespacedSecret(
      {
        namespace,
        name: SECRET,
        body: { stringData: { API_KEY: 'edited', NEW_KEY: CANARY } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(
      (await topologyShowing('dev', t => t.status === 'drifted')).status,
    ).toBe('drifted');
  });

  it('disables sync by removing the opt-in annotation', async () => {
    const response = await call('put', `${base}/environments/dev/enabled`, {
      enabled: false,
    });
    expect(response.body).toEqual({ environment: 'dev', enabled: false });
    const { metadata } = await admin.dev.readNamespace({ name: namespace });
    expect(Object.keys(metadata?.annotations ?? {}).sort()).toEqual(
      [DEFAULT_BINDING_ANNOTATION, SYNC].sort(),
    );
    expect((await topologyOf('dev')).status).toBe('not-enabled');
  });

  it('refuses the untagged secret and the claimant the platform did not bind, saying why', async () => {
    const refused = await call(
      'post',
      `/entities/component/default/${untagged}/values`,
      { environments: ['dev'], set: { A: CANARY } },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(
      'is not managed by secrets-sync',
    );
    const stored = await (
      await aws('dev')
    ).send(new GetSecretValueCommand({ SecretId: `sites/${untagged}/build` }));
    expect(stored.SecretString).toBe('{"THEIRS":"x"}');

    // the claimant the platform bound keeps working; the other is refused
    // without learning who holds the key
    const holder = await call(
      'post',
      `/entities/component/default/${clash}-a/values`,
      { environments: ['dev'], set: { A: CANARY } },
    );
    expect(holder.status).toBe(200);
    const newcomer = await call(
      'post',
      `/entities/component/default/${clash}-b/values`,
      { environments: ['dev'], set: { A: CANARY } },
    );
    expect(newcomer.status).toBe(403);
    expect(newcomer.body.error.message).toContain('bound to another entity');
    expect(newcomer.text).not.toContain(`${clash}-a`);
    const malformed = await call(
      'post',
      `${base}/values`,
      `{"environments":["dev"],"set":{"A":${CANARY}}}`,
    );
    expect(malformed.status).toBe(400);
  });

  it('never let a value into a response, a log line or an audit event', () => {
    const fragment = CANARY.slice(0, 10);
    expect({
      responseBodies: bodies.some(text => text.includes(fragment)),
      logLines: logs.lines.some(text => text.includes(fragment)),
      auditEvents: auditor.text().includes(fragment),
    }).toEqual({ responseBodies: false, logLines: false, auditEvents: false });
  });
});
