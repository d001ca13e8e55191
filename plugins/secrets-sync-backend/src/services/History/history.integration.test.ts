import {
  DescribeSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DEFAULT_BINDING_ANNOTATION } from '@internal/plugin-secrets-sync-common';
import {
  SANDBOX_ACCOUNTS,
  awsClientConfigFor,
  kubeConfigFor,
} from '@internal/sandbox';
import { CoreV1Api } from '@kubernetes/client-node';
import request from 'supertest';
import { secretsSyncPlugin } from '../../plugin';
import {
  capturingAuditor,
  capturingRootLogger,
} from '../../__testUtils__/captureOutput';
import {
  sandboxConfigData,
  uniqueName,
} from '../../__testUtils__/sandboxConfig';

// The sandbox's PostgreSQL (packages/sandbox/scripts/postgres.sh start);
// scripts/test.sh exports POSTGRES_URL when it starts it.
process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??=
  process.env.POSTGRES_URL ??
  'postgresql://postgres:sandbox-only@127.0.0.1:5433/postgres';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

/**
 * History and rollback through the plugin's routes on the local stack:
 * moto for AWS, the dev kube-apiserver for the force sync, and the
 * plugin's tables in a real PostgreSQL 15 and in sqlite.
 */
describe.each([['POSTGRES_15'], ['SQLITE_3']] as Array<[TestDatabaseId]>)(
  'version history and rollback on %s',
  databaseId => {
    const CANARY = `CANARY-history-${Math.random().toString(36).slice(2)}`;
    const tenant = uniqueName('hist');
    const secretName = `sites/${tenant}/build`;
    const namespace = `sites-${tenant}`;
    const SYNC = 'history.secrets-sync.io/build-secrets-sync';
    const config = sandboxConfigData();
    // a contract of its own, so the stack's operator leaves this tenant alone
    for (const env of config.secretsSync.environments) {
      Object.assign(env, {
        engine: {
          type: 'namespace-annotation',
          optInAnnotation: 'history.secrets-sync.io/build-secrets-managed',
          forceSyncAnnotation: SYNC,
          secretName: 'history-build-secrets',
          ownerLabels: { 'history.secrets-sync.io/managed-by': 'operator' },
        },
      });
    }
    Object.assign(config.secretsSync, {
      history: { digestSecret: 'integration-digest-secret-0123456789' },
    });
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: tenant,
        namespace: 'default',
        annotations: {
          'secrets-sync.io/tenant-key': tenant,
          'secrets-sync.io/environments': 'dev, prod',
        },
      },
      spec: { type: 'service', owner: 'group:default/team', lifecycle: 'x' },
    };
    const auditor = capturingAuditor();
    const logs = capturingRootLogger();
    const bodies: string[] = [];
    const admin = kubeConfigFor('dev', 'admin').makeApiClient(CoreV1Api);
    const base = `/api/secrets-sync/entities/component/default/${tenant}`;
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    let stopBackend: () => Promise<void>;
    let aws: SecretsManagerClient;
    let database: Awaited<ReturnType<typeof databases.init>>;
    const versions: Record<'v1' | 'v2' | 'v3', string> = {
      v1: '',
      v2: '',
      v3: '',
    };

    async function call(
      method: 'get' | 'post' | 'put',
      path: string,
      body?: object,
    ) {
      const req = request(server)[method](`${base}${path}`);
      const response = await (body ? req.send(body) : req);
      bodies.push(response.text);
      return response;
    }
    const stagesOf = async () =>
      (await aws.send(new DescribeSecretCommand({ SecretId: secretName })))
        .VersionIdsToStages ?? {};

    beforeAll(async () => {
      if (!databases.supports(databaseId)) {
        throw new Error(
          `${databaseId} is not available: start it with packages/sandbox/scripts/postgres.sh start`,
        );
      }
      const knex = await databases.init(databaseId);
      database = knex;
      aws = new SecretsManagerClient(
        await awsClientConfigFor(SANDBOX_ACCOUNTS.dev),
      );
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
      const backend = await startTestBackend({
        features: [
          secretsSyncPlugin,
          catalogServiceMock.factory({ entities: [entity] }),
          mockServices.rootConfig.factory({ data: config }),
          mockServices.database.factory({ knex }),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
          auditor.factory,
          logs.factory,
        ],
      });
      server = backend.server;
      stopBackend = () => backend.stop();
    });

    afterAll(async () => {
      await stopBackend?.();
      await admin.deleteNamespace({ name: namespace }).catch(() => undefined);
      aws?.destroy();
    });

    it('records writes through the portal, and marks a version written outside it', async () => {
      const first = await call('post', '/values', {
        environments: ['dev'],
        set: { API_KEY: CANARY, REGION: `${CANARY}-eu` },
      });
      expect(first.status).toBe(200);
      versions.v1 = first.body.results[0].versionId;

      const outside = await aws.send(
        new PutSecretValueCommand({
          SecretId: secretName,
          SecretString: JSON.stringify({
            API_KEY: CANARY,
            REGION: `${CANARY}-us`,
            EXTRA: `${CANARY}-x`,
          }),
        }),
      );
      versions.v2 = outside.VersionId!;

      const third = await call('post', '/values', {
        environments: ['dev'],
        set: { API_KEY: `${CANARY}-rotated` },
        unset: ['EXTRA'],
      });
      expect(third.status).toBe(200);
      versions.v3 = third.body.results[0].versionId;

      const history = await call('get', '/environments/dev/history');
      expect(history.status).toBe(200);
      expect(history.body).toMatchObject({
        environment: 'dev',
        secretName,
        accountId: SANDBOX_ACCOUNTS.dev,
        unversioned: [],
      });
      const shown = history.body.versions.map(
        (v: {
          versionId: string;
          source: string;
          current: boolean;
          changes?: object;
          records: Array<{ actor: string; action: string }>;
        }) => ({
          versionId: v.versionId,
          source: v.source,
          current: v.current,
          changes: v.changes,
          actors: v.records.map(r => `${r.action} by ${r.actor}`),
        }),
      );
      expect(shown).toEqual([
        {
          versionId: versions.v1,
          source: 'portal',
          current: false,
          changes: { added: ['API_KEY', 'REGION'], changed: [], removed: [] },
          actors: ['write by user:default/mock'],
        },
        {
          versionId: versions.v2,
          source: 'outside',
          current: false,
          changes: { added: ['EXTRA'], changed: ['REGION'], removed: [] },
          actors: [],
        },
        {
          versionId: versions.v3,
          source: 'portal',
          current: true,
          changes: { added: [], changed: ['API_KEY'], removed: ['EXTRA'] },
          actors: ['write by user:default/mock'],
        },
      ]);
      expect(history.body.versions[2].records[0]).toMatchObject({
        keysSet: ['API_KEY'],
        keysUnset: ['EXTRA'],
        mode: 'merge',
        outcome: 'written',
      });
    });

    it('rolls back: AWSCURRENT moves to the earlier version, AWSPREVIOUS to the one it left, and a sync is asked for', async () => {
      await call('put', '/environments/dev/enabled', { enabled: true });
      const response = await call('post', '/environments/dev/rollback', {
        versionId: versions.v1,
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        environment: 'dev',
        versionId: versions.v1,
        previousVersionId: versions.v3,
        syncRequested: true,
      });

      const stages = await stagesOf();
      expect(stages[versions.v1]).toContain('AWSCURRENT');
      expect(stages[versions.v3]).toContain('AWSPREVIOUS');
      expect(stages[versions.v3]).not.toContain('AWSCURRENT');
      const { metadata } = await admin.readNamespace({ name: namespace });
      expect(Number(metadata?.annotations?.[SYNC])).toBeGreaterThan(0);

      const topology = await call('get', '/topology');
      const dev = topology.body.environments.find(
        (e: { environment: { name: string } }) => e.environment.name === 'dev',
      );
      expect(dev.aws.versionId).toBe(versions.v1);

      const history = await call('get', '/environments/dev/history');
      const v1 = history.body.versions.find(
        (v: { versionId: string }) => v.versionId === versions.v1,
      );
      expect(v1).toMatchObject({ current: true, source: 'portal' });
      expect(v1.records.map((r: { action: string }) => r.action)).toEqual([
        'write',
        'rollback',
      ]);
      expect(v1.records[1]).toMatchObject({
        actor: 'user:default/mock',
        fromVersionId: versions.v3,
        keysSet: ['API_KEY', 'REGION'],
        outcome: 'written',
      });
      expect(
        auditor.events.filter(
          e => e.eventId === 'secret-rollback' && e.outcome === 'success',
        ),
      ).toEqual([
        expect.objectContaining({
          outcomeMeta: expect.objectContaining({
            entityRef: `component:default/${tenant}`,
            environment: 'dev',
            versionId: versions.v1,
            previousVersionId: versions.v3,
          }),
        }),
      ]);
    });

    it('refuses to roll back to the current version or an unknown one, changing nothing', async () => {
      const current = await call('post', '/environments/dev/rollback', {
        versionId: versions.v1,
      });
      expect(current.status).toBe(409);
      const unknown = await call('post', '/environments/dev/rollback', {
        versionId: '00000000-0000-0000-0000-000000000000',
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).not.toContain('00000000');
      expect((await stagesOf())[versions.v1]).toContain('AWSCURRENT');
    });

    it('never lets a value out: not in an answer, a log line, an audit event or the database', async () => {
      const stored = JSON.stringify([
        await database('secrets_sync_writes').select(),
        await database('secrets_sync_version_digests').select(),
      ]);
      expect(stored).toContain('API_KEY');
      expect(stored).not.toContain(CANARY);
      expect(bodies.join('\n')).not.toContain(CANARY);
      expect(logs.lines.join('\n')).not.toContain(CANARY);
      expect(auditor.text()).not.toContain(CANARY);
    });
  },
);
