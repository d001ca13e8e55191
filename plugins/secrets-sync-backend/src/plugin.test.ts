import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockClient } from 'aws-sdk-client-mock';
import request from 'supertest';
import { secretsSyncPlugin } from './plugin';
import {
  capturingAuditor,
  capturingRootLogger,
} from './__testUtils__/captureOutput';

const CANARY = 'CANARY-5f1e0c2a-value-never-leaves';

function component(
  name: string,
  annotations: Record<string, string>,
  system?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'service',
      owner: 'group:default/team',
      lifecycle: 'production',
      ...(system ? { system } : {}),
    },
  };
}

const ENTITIES: Entity[] = [
  component('web', {
    'secrets-sync.io/tenant-key': 'web',
    'secrets-sync.io/environments': 'dev, prod',
  }),
  component('plain', {}),
  component('clash-a', {
    'secrets-sync.io/tenant-key': 'clash',
    'secrets-sync.io/environments': 'dev',
  }),
  component('clash-b', {
    'secrets-sync.io/tenant-key': 'clash',
    'secrets-sync.io/environments': 'dev',
  }),
  component('badkey', {
    'secrets-sync.io/tenant-key': 'Not_A_Label',
    'secrets-sync.io/environments': 'dev',
  }),
  component('inherits', { 'secrets-sync.io/tenant-key': 'inherits' }, 'shop'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'shop',
      namespace: 'default',
      annotations: { 'secrets-sync.io/environments': 'dev, staging' },
    },
    spec: { owner: 'group:default/team' },
  },
];

/** Which entity the platform bound each tenant key to; clash-b is the newcomer. */
const BINDINGS = {
  web: 'component:default/web',
  clash: 'component:default/clash-a',
  inherits: 'component:default/inherits',
  badkey: 'component:default/badkey',
};

// Kubernetes points at a closed port: the cluster hop is unreachable, which
// the routes must report per environment without failing the request.
const CONFIG = {
  aws: {
    accounts: ['111111111111', '222222222222'].map(accountId => ({
      accountId,
      accessKeyId: 'test',
      secretAccessKey: 'test',
    })),
  },
  secretsSync: {
    environments: ['dev', 'prod'].map((name, index) => ({
      name,
      restricted: name === 'prod',
      aws: {
        accountId: index ? '222222222222' : '111111111111',
        region: 'us-east-1',
      },
      kubernetes: {
        name,
        url: `https://127.0.0.${index + 1}:1`,
        auth: { type: 'serviceAccountToken', token: 't' },
      },
      // the platform's tenant list: these routes never reach a cluster to
      // read a namespace's binding
      binding: { tenants: BINDINGS },
    })),
  },
};

describe('secrets-sync routes', () => {
  const aws = mockClient(SecretsManagerClient);
  const auditor = capturingAuditor();
  const logs = capturingRootLogger();
  let denied: string[] = [];
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result: denied.includes(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })),
  });
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const bodies: string[] = [];
  const sentToAws: string[] = [];

  async function call(
    method: 'get' | 'post' | 'put',
    path: string,
    body?: unknown,
    raw?: string,
  ) {
    let req = request(server)[method](`/api/secrets-sync${path}`);
    if (raw !== undefined) {
      req = req.set('Content-Type', 'application/json').send(raw);
    } else if (body !== undefined) {
      req = req.send(body as object);
    }
    const response = await req;
    bodies.push(response.text);
    return response;
  }

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        secretsSyncPlugin,
        catalogServiceMock.factory({ entities: ENTITIES }),
        mockServices.rootConfig.factory({ data: CONFIG }),
        permissions.factory,
        auditor.factory,
        logs.factory,
      ],
    }));
  });

  beforeEach(() => {
    denied = [];
    aws.reset();
    aws
      .on(DescribeSecretCommand)
      .rejects(
        new ResourceNotFoundException({ message: 'not found', $metadata: {} }),
      );
    aws.on(CreateSecretCommand).resolves({ VersionId: 'v-created' });
  });

  afterEach(() => {
    sentToAws.push(
      ...aws
        .commandCalls(CreateSecretCommand)
        .map(c => c.args[0].input.SecretString ?? ''),
      ...aws
        .commandCalls(PutSecretValueCommand)
        .map(c => c.args[0].input.SecretString ?? ''),
    );
  });

  it('lists the configured environments without credentials or endpoints', async () => {
    const response = await call('get', '/environments');
    expect(response.status).toBe(200);
    expect(
      response.body.items.map((env: { name: string }) => env.name),
    ).toEqual(['dev', 'prod']);
    expect(response.text).not.toContain('"token"');
  });

  describe('DENY answers 403 on every route', () => {
    it.each([
      [
        'topology',
        'secrets-sync.topology.read',
        'get',
        '/entities/component/default/web/topology',
        undefined,
      ],
      [
        'write',
        'secrets-sync.secret.write',
        'post',
        '/entities/component/default/web/values',
        { environments: ['dev'], set: { A: CANARY } },
      ],
      [
        'restricted write',
        'secrets-sync.secret.write-restricted',
        'post',
        '/entities/component/default/web/values',
        { environments: ['prod'], set: { A: CANARY }, confirmRestricted: true },
      ],
      [
        'force sync',
        'secrets-sync.sync.trigger',
        'post',
        '/entities/component/default/web/environments/dev/sync',
        undefined,
      ],
      [
        'enable',
        'secrets-sync.sync.configure',
        'put',
        '/entities/component/default/web/environments/dev/enabled',
        { enabled: true },
      ],
      [
        'restricted force sync',
        'secrets-sync.secret.write-restricted',
        'post',
        '/entities/component/default/web/environments/prod/sync',
        { confirmRestricted: true },
      ],
      [
        'restricted enable',
        'secrets-sync.secret.write-restricted',
        'put',
        '/entities/component/default/web/environments/prod/enabled',
        { enabled: true, confirmRestricted: true },
      ],
      [
        'restricted disable',
        'secrets-sync.secret.write-restricted',
        'put',
        '/entities/component/default/web/environments/prod/enabled',
        { enabled: false, confirmRestricted: true },
      ],
    ] as const)('%s', async (_route, permission, method, path, body) => {
      denied = [permission];
      const eventsBefore = auditor.events.length;
      const response = await call(method, path, body);
      expect(response.status).toBe(403);
      expect(response.body.error.message).toContain(permission);
      expect(aws.commandCalls(CreateSecretCommand)).toHaveLength(0);
      // reads are not audited; a refused mutation is, with who and what
      const refusal = expect.objectContaining({
        outcome: 'fail',
        error: expect.stringContaining(
          `NotAllowedError: You are not allowed to ${permission}`,
        ),
        outcomeMeta: expect.objectContaining({
          actor: 'user:default/mock',
          entityRef: 'component:default/web',
        }),
      });
      expect(auditor.events.slice(eventsBefore)).toEqual(
        method === 'get' ? [] : [refusal],
      );
    });
  });

  describe('bad input', () => {
    const values = '/entities/component/default/web/values';
    it.each([
      [
        'an unknown environment',
        values,
        { environments: ['staging'], set: { A: CANARY } },
        400,
        'Unknown environment "staging"; configured: dev, prod',
      ],
      [
        'an unknown entity',
        '/entities/component/default/nobody/values',
        { environments: ['dev'], set: { A: CANARY } },
        404,
        'component:default/nobody was not found',
      ],
      [
        'an entity not opted in',
        '/entities/component/default/plain/values',
        { environments: ['dev'], set: { A: CANARY } },
        400,
        'has not opted in',
      ],
      [
        'an environment the entity does not run in',
        '/entities/component/default/inherits/values',
        { environments: ['prod'], set: { A: CANARY } },
        400,
        'does not run in prod',
      ],
      [
        'invalid key names',
        values,
        { environments: ['dev'], set: { '1ST': CANARY, 'with-dash': CANARY } },
        400,
        'set key 1 is not a valid environment variable name',
      ],
      [
        'a non-string value',
        values,
        { environments: ['dev'], set: { A: 42 } },
        400,
        'The value of set key 1 must be a string',
      ],
      [
        'a nested value',
        values,
        { environments: ['dev'], set: { A: { v: CANARY } } },
        400,
        'The value of set key 1 must be a string',
      ],
      [
        'an oversized document',
        values,
        { environments: ['dev'], set: { A: 'x'.repeat(65_530) } },
        400,
        'AWS Secrets Manager accepts at most 65536',
      ],
      [
        'an empty request',
        values,
        {},
        400,
        "must have required property 'environments'",
      ],
      [
        'no environments',
        values,
        { environments: [], set: { A: CANARY } },
        400,
        'must NOT have fewer than 1 items',
      ],
      [
        'nothing to write',
        values,
        { environments: ['dev'] },
        400,
        'Nothing to write',
      ],
      [
        'a key both set and unset',
        values,
        { environments: ['dev'], set: { A: CANARY }, unset: ['A'] },
        400,
        'Keys both set and unset: A',
      ],
      [
        'an unknown field',
        values,
        { environments: ['dev'], set: { A: CANARY }, values: { B: CANARY } },
        400,
        'must NOT have additional properties',
      ],
      [
        'a restricted write without confirmation',
        values,
        { environments: ['prod'], set: { A: CANARY } },
        400,
        'prod is restricted: set confirmRestricted',
      ],
      [
        'a claimant of a key the platform bound to another entity',
        '/entities/component/default/clash-b/values',
        { environments: ['dev'], set: { A: CANARY } },
        403,
        'to another entity, so component:default/clash-b may not see or change its secrets there',
      ],
      [
        'a tenant key outside the pattern',
        '/entities/component/default/badkey/values',
        { environments: ['dev'], set: { A: CANARY } },
        409,
        'does not match the allowed pattern',
      ],
      [
        'a restricted force sync without confirmation',
        '/entities/component/default/web/environments/prod/sync',
        undefined,
        400,
        'prod is restricted: set confirmRestricted to true to force a sync there',
      ],
      [
        'a restricted disable without confirmation',
        '/entities/component/default/web/environments/prod/enabled',
        { enabled: false },
        400,
        'prod is restricted: set confirmRestricted to true to disable sync there',
      ],
      [
        'a value typed into a key field',
        values,
        { environments: ['dev'], set: { [`DB_PASSWORD=${CANARY}`]: 'x' } },
        400,
        'set key 1 is not a valid environment variable name',
      ],
      [
        'a value typed into a key field whose value is not a string',
        values,
        { environments: ['dev'], set: { [`DB_PASSWORD=${CANARY}`]: 5 } },
        400,
        'The value of set key 1 must be a string',
      ],
      [
        'a reserved key name',
        values,
        { environments: ['dev'], set: { constructor: 'x' } },
        400,
        'set key 1 is a reserved name',
      ],
      [
        'a NUL in a value',
        values,
        { environments: ['dev'], set: { A: `${CANARY}\u0000` } },
        400,
        'The value of A contains the control character U+0000',
      ],
      [
        'a System, which is never a tenant',
        '/entities/system/default/shop/values',
        { environments: ['dev'], set: { A: CANARY } },
        400,
        'system:default/shop has not opted in',
      ],
      [
        'enable with a non-boolean',
        '/entities/component/default/web/environments/dev/enabled',
        { enabled: 'yes' },
        400,
        'request/body/enabled must be boolean',
      ],
      [
        'force sync of an unknown environment',
        '/entities/component/default/web/environments/qa/sync',
        undefined,
        400,
        'Unknown environment "qa"',
      ],
    ] as const)('%s', async (_what, path, body, status, message) => {
      const method = path.endsWith('/enabled') ? 'put' : 'post';
      const response = await call(method, path, body);
      expect({
        status: response.status,
        message: response.body.error?.message,
      }).toEqual({
        status,
        message: expect.stringContaining(message),
      });
      expect(aws.commandCalls(CreateSecretCommand)).toHaveLength(0);
    });

    it.each([
      ['a traversal as the namespace', '/entities/component/%2E%2E/web/values'],
      ['a traversal as the kind', '/entities/%2E%2E/default/web/values'],
      [
        'a traversal that would resolve another entity',
        '/entities/%2E%2E/by-uid/0a1b2c3d/values',
      ],
    ])(
      'refuses %s before the catalog or the audit log hears of it',
      async (_what, path) => {
        const eventsBefore = auditor.events.length;
        const response = await call('post', path, {
          environments: ['dev'],
          set: { A: CANARY },
        });
        expect({
          status: response.status,
          message: response.body.error?.message,
          audited: auditor.events.slice(eventsBefore),
        }).toEqual({
          status: 400,
          message: expect.stringMatching(
            /^The entity (kind|namespace) in the request path is not a catalog/,
          ),
          audited: [],
        });
      },
    );

    it('audits a refused write with only the key names that passed validation', async () => {
      const eventsBefore = auditor.events.length;
      await call('post', values, {
        environments: ['dev'],
        set: { GOOD_KEY: CANARY, [`PASSWORD=${CANARY}`]: 'x' },
      });
      expect(
        auditor.events.slice(eventsBefore).map(e => e.outcomeMeta?.keyNames),
      ).toEqual([['GOOD_KEY']]);
    });

    it('a key that appears twice in one object', async () => {
      const response = await call(
        'post',
        values,
        undefined,
        `{"environments":["dev"],"set":{"A":"${CANARY}","A":"other"}}`,
      );
      expect(response.status).toBe(400);
      expect(response.text).not.toContain(CANARY);
      expect(aws.commandCalls(CreateSecretCommand)).toHaveLength(0);
    });

    it.each([
      ['truncated', `{"environments":["dev"],"set":{"A":"${CANARY}"`],
      ['an unquoted value', `{"environments":["dev"],"set":{"A":${CANARY}}}`],
    ])('malformed JSON (%s), without quoting the body', async (_what, raw) => {
      const response = await call('post', values, undefined, raw);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe(
        'The request body is not valid JSON',
      );
    });

    it('a body over 256 KiB', async () => {
      const response = await call('post', values, {
        environments: ['dev'],
        set: { A: CANARY + 'x'.repeat(300_000) },
      });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain('larger than 262144 bytes');
    });

    it('an untagged pre-existing AWS secret: 409 saying why, nothing written', async () => {
      aws.on(DescribeSecretCommand).resolves({
        Name: 'web',
        Tags: [],
        VersionIdsToStages: { v1: ['AWSCURRENT'] },
      });
      const response = await call('post', values, {
        environments: ['dev'],
        set: { A: CANARY },
      });
      expect(response.status).toBe(409);
      expect(response.body.error.message).toContain(
        'is not managed by secrets-sync (it lacks the tag secrets-sync.io/managed-by=secrets-sync)',
      );
      expect(aws.commandCalls(PutSecretValueCommand)).toHaveLength(0);
    });
  });

  describe('fleet', () => {
    beforeEach(() => {
      aws.on(ListSecretsCommand).resolves({ SecretList: [] });
    });

    it('summarises every opted-in entity the user may read, in one authorization batch', async () => {
      const response = await call('get', '/fleet');
      expect(response.status).toBe(200);
      expect(
        response.body.items.map(
          (item: { entityRef: string }) => item.entityRef,
        ),
      ).toEqual([
        'component:default/badkey',
        'component:default/clash-a',
        'component:default/clash-b',
        'component:default/inherits',
        'component:default/web',
      ]);
      const web = response.body.items.find(
        (item: { entityRef: string }) =>
          item.entityRef === 'component:default/web',
      );
      expect(web).toMatchObject({
        tenantKey: 'web',
        owner: 'group:default/team',
        environments: [
          {
            environment: 'dev',
            status: 'error',
            reason: { code: 'unreachable', hop: 'kubernetes' },
          },
          { environment: 'prod', status: 'error' },
        ],
      });
      expect(
        response.body.items.find(
          (item: { entityRef: string }) =>
            item.entityRef === 'component:default/clash-a',
        ).conflict,
      ).toContain('Another catalog entity also claims tenant key "clash"');
      expect(response.body).toMatchObject({
        totalEntities: 5,
        offset: 0,
        limit: 500,
        statusCounts: { error: 6 },
      });
      // AWS is read account-wide, never per entity
      expect(aws.commandCalls(DescribeSecretCommand)).toHaveLength(0);
      expect(
        aws.commandCalls(ListSecretsCommand).map(c => c.args[0].input.Filters),
      ).toEqual([
        [{ Key: 'name', Values: ['sites/'] }],
        [{ Key: 'name', Values: ['sites/'] }],
      ]);
    });

    it('filters by environment, status and owner, and pages', async () => {
      const prodOnly = await call('get', '/fleet?environment=prod');
      expect(
        prodOnly.body.items.map(
          (item: { entityRef: string }) => item.entityRef,
        ),
      ).toEqual(['component:default/web']);
      expect(
        (await call('get', '/fleet?status=synced')).body.totalEntities,
      ).toBe(0);
      expect(
        (await call('get', '/fleet?owner=team&limit=2&offset=1')).body,
      ).toMatchObject({
        totalEntities: 5,
        offset: 1,
        limit: 2,
        items: [
          { entityRef: 'component:default/clash-a' },
          { entityRef: 'component:default/clash-b' },
        ],
      });
      expect(
        (
          await call(
            'get',
            `/fleet?owner=${encodeURIComponent('group:default/others')}`,
          )
        ).body.totalEntities,
      ).toBe(0);
    });

    it('filters by engine and by a search over reference, title and tenant key', async () => {
      const refs = async (path: string) =>
        (await call('get', path)).body.items.map(
          (item: { entityRef: string }) => item.entityRef,
        );
      expect(await refs('/fleet?search=CLASH')).toEqual([
        'component:default/clash-a',
        'component:default/clash-b',
      ]);
      expect(await refs('/fleet?search=not_a_label')).toEqual([
        'component:default/badkey',
      ]);
      expect(await refs('/fleet?engine=namespace-annotation')).toHaveLength(5);
      const noMatch = await call('get', '/fleet?search=nothing-like-it');
      expect(noMatch.body).toMatchObject({
        items: [],
        totalEntities: 0,
        statusCounts: {},
      });
    });

    it('leaves out entities the user may not read', async () => {
      denied = ['secrets-sync.topology.read'];
      const response = await call('get', '/fleet');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ items: [], totalEntities: 0 });
    });

    it.each([
      [
        'an unknown environment',
        '/fleet?environment=qa',
        'Unknown environment "qa"',
      ],
      [
        'an unknown status',
        '/fleet?status=fine',
        'must be equal to one of the allowed values',
      ],
      ['a limit over 1000', '/fleet?limit=5000', 'must be <= 1000'],
      [
        'an engine no environment uses',
        '/fleet?engine=external-secret',
        'No configured environment uses that sync engine; they use: namespace-annotation',
      ],
      [
        'a search longer than 200 characters',
        `/fleet?search=${'a'.repeat(201)}`,
        'must NOT have more than 200 characters',
      ],
      [
        'a malformed owner',
        `/fleet?owner=${encodeURIComponent('group:/x')}`,
        'is not an entity reference',
      ],
    ])('answers 400 on %s', async (_what, path, message) => {
      const response = await call('get', path);
      expect({
        status: response.status,
        message: response.body.error?.message,
      }).toEqual({ status: 400, message: expect.stringContaining(message) });
    });
  });

  it('tells both claimants of a key that another exists, naming neither', async () => {
    for (const name of ['clash-a', 'clash-b']) {
      const response = await call(
        'get',
        `/entities/component/default/${name}/topology`,
      );
      expect(response.status).toBe(200);
      expect(response.body.mapping.conflict.claimants).toEqual([
        `component:default/${name}`,
      ]);
    }
  });

  it('inherits environments from the System and lists unknown ones', async () => {
    const response = await call(
      'get',
      '/entities/component/default/inherits/topology',
    );
    expect(response.body.mapping).toEqual({
      tenantKey: 'inherits',
      environments: ['dev', 'staging'],
      environmentsSource: 'system',
      unknownEnvironments: ['staging'],
    });
    expect(
      response.body.environments.map(
        (env: { environment: { name: string } }) => env.environment.name,
      ),
    ).toEqual(['dev']);
  });

  it('answers topology of an unreachable cluster per environment, as an error with its reason', async () => {
    const response = await call(
      'get',
      '/entities/component/default/web/topology',
    );
    expect(response.status).toBe(200);
    expect(response.body.environments).toHaveLength(2);
    for (const env of response.body.environments) {
      expect(env.status).toBe('error');
      expect(env.reason).toMatchObject({
        code: 'unreachable',
        hop: 'kubernetes',
      });
      expect(env.aws).toMatchObject({
        exists: false,
        secretName: 'sites/web/build',
      });
    }
  });

  it('answers not opted in for an entity without annotations', async () => {
    const response = await call(
      'get',
      '/entities/component/default/plain/topology',
    );
    expect(response.body).toEqual({
      entityRef: 'component:default/plain',
      optedIn: false,
      environments: [],
    });
  });

  it('writes to AWS, audits key names and version, and never returns the value', async () => {
    const response = await call(
      'post',
      '/entities/component/default/web/values',
      {
        environments: ['dev', 'prod'],
        set: { API_KEY: CANARY },
        confirmRestricted: true,
      },
    );
    expect(response.body.error?.message).toBeUndefined();
    expect(response.status).toBe(200);
    expect(response.body.results).toEqual([
      expect.objectContaining({
        environment: 'dev',
        outcome: 'written',
        versionId: 'v-created',
        keys: ['API_KEY'],
        syncRequested: false,
      }),
      expect.objectContaining({
        environment: 'prod',
        outcome: 'written',
        versionId: 'v-created',
        keys: ['API_KEY'],
        syncRequested: false,
      }),
    ]);
    expect(response.body.results[0].warning).toContain(
      'the sync could not be requested',
    );
    const created = aws.commandCalls(CreateSecretCommand)[0].args[0].input;
    expect(created).toMatchObject({
      Name: 'sites/web/build',
      Tags: [
        { Key: 'secrets-sync.io/managed-by', Value: 'secrets-sync' },
        { Key: 'secrets-sync.io/entity', Value: 'component:default/web' },
      ],
    });
    expect(created.ClientRequestToken).toMatch(/^[0-9a-f-]{36}$/);
    const writes = auditor.events.filter(
      e => e.eventId === 'secret-write' && e.outcome === 'success',
    );
    expect(writes.map(e => e.outcomeMeta)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          environment: 'dev',
          accountId: '111111111111',
          keyNames: ['API_KEY'],
          versionId: 'v-created',
          outcome: 'written',
          entityRef: 'component:default/web',
          actor: 'user:default/mock',
        }),
        expect.objectContaining({
          environment: 'prod',
          accountId: '222222222222',
          keyNames: ['API_KEY'],
          versionId: 'v-created',
          outcome: 'written',
        }),
      ]),
    );
  });

  it('names every environment when a write fails in all of them', async () => {
    aws.on(CreateSecretCommand).rejects(
      Object.assign(new Error('Service unavailable'), {
        name: 'ServiceUnavailableException',
        $metadata: { httpStatusCode: 503 },
      }),
    );
    const response = await call(
      'post',
      '/entities/component/default/web/values',
      {
        environments: ['dev', 'prod'],
        set: { API_KEY: CANARY },
        confirmRestricted: true,
      },
    );
    expect(response.status).toBe(503);
    expect(response.body.error.message).toMatch(
      /^dev: AWS Secrets Manager: CreateSecret sites\/web\/build in account 111111111111: .*; prod: AWS Secrets Manager: CreateSecret sites\/web\/build in account 222222222222: /,
    );
  });

  it('merges onto the stored document with a compare-and-swap of AWSCURRENT', async () => {
    aws.on(DescribeSecretCommand).resolves({
      Name: 'sites/web/build',
      Tags: [
        { Key: 'secrets-sync.io/managed-by', Value: 'secrets-sync' },
        { Key: 'secrets-sync.io/entity', Value: 'component:default/web' },
      ],
      VersionIdsToStages: { v1: ['AWSCURRENT'] },
    });
    aws
      .on(GetSecretValueCommand)
      .resolves({ VersionId: 'v1', SecretString: '{"KEEP":"old","DROP":"x"}' });
    aws.on(PutSecretValueCommand).resolves({ VersionId: 'v2' });
    aws.on(UpdateSecretVersionStageCommand).resolves({});
    const response = await call(
      'post',
      '/entities/component/default/web/values',
      {
        environments: ['dev'],
        set: { NEW: CANARY },
        unset: ['DROP'],
      },
    );
    expect(response.body.results[0]).toMatchObject({
      outcome: 'written',
      versionId: 'v2',
      keys: ['KEEP', 'NEW'],
    });
    expect(
      JSON.parse(
        aws.commandCalls(PutSecretValueCommand)[0].args[0].input.SecretString!,
      ),
    ).toEqual({ KEEP: 'old', NEW: CANARY });
    expect(
      aws.commandCalls(UpdateSecretVersionStageCommand)[0].args[0].input,
    ).toEqual({
      SecretId: 'sites/web/build',
      VersionStage: 'AWSCURRENT',
      MoveToVersionId: 'v2',
      RemoveFromVersionId: 'v1',
    });
  });

  it('reports an unreachable cluster on force sync and enable as 503, audited as failed', async () => {
    const sync = await call(
      'post',
      '/entities/component/default/web/environments/dev/sync',
    );
    expect(sync.status).toBe(503);
    expect(sync.body.error.message).toContain(
      'Kubernetes: read namespace sites-web in cluster dev: unreachable',
    );
    const enable = await call(
      'put',
      '/entities/component/default/web/environments/dev/enabled',
      { enabled: true },
    );
    expect(enable.status).toBe(503);
    expect(
      auditor.events
        .filter(e => e.eventId !== 'secret-write')
        .map(e => [e.eventId, e.outcome]),
    ).toEqual(
      expect.arrayContaining([
        ['sync-force', 'fail'],
        ['sync-configure', 'fail'],
      ]),
    );
  });

  // Defined last so it runs after every route above has carried the canary.
  it('never lets a value written through the routes into a response, log line or audit event', () => {
    const fragment = CANARY.slice(0, 8); // parsers quote only the first characters of a value
    expect({
      sentToAws: sentToAws.some(text => text.includes(CANARY)),
      responseBodies: bodies.some(text => text.includes(fragment)),
      logLines: logs.lines.some(text => text.includes(fragment)),
      auditEvents: auditor.text().includes(fragment),
    }).toEqual({
      sentToAws: true,
      responseBodies: false,
      logLines: false,
      auditEvents: false,
    });
  });
});
