import { cacheServiceFactory } from '@backstage/backend-defaults/cache';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import type { EntityTopology } from '@internal/plugin-secrets-sync-common';
import { readSandbox } from '@internal/sandbox';
import { backendConfigData } from '../harness/backendConfig';
import { tenantComponent, uniqueName } from '../harness/entities';
import { createTenantNamespace } from '../harness/kubeFixtures';
import {
  RunningBackend,
  startSecretsSyncBackend,
} from '../harness/startBackend';
import { countUpstreamCalls } from '../upstream/countUpstreamCalls';
import { PrivateRedis, startPrivateRedis } from './sharedStores';

jest.setTimeout(180_000);

const POSTGRES_URL =
  process.env.POSTGRES_URL ??
  'postgresql://postgres:sandbox-only@127.0.0.1:5433/postgres';

async function call<T>(
  backend: RunningBackend,
  method: string,
  path: string,
  body?: object,
): Promise<T> {
  const response = await fetch(`${backend.baseUrl}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  }
  return JSON.parse(text) as T;
}

/**
 * Two backend replicas on the local stack sharing a real Redis (their
 * cache service) and a real PostgreSQL (their database), as a portal runs
 * behind a load balancer: what one replica read, the other reuses; what
 * one wrote, the other sees at once; concurrent merge writes through
 * both lose no key. (How a replica goes on when Redis fails is
 * createSharedCache's test: Backstage's Redis store leaves its client's
 * connection errors unhandled, which a backend logs as uncaught outside
 * NODE_ENV=test and jest fails on.)
 */
describe('two backend replicas sharing Redis and PostgreSQL', () => {
  const tenant = uniqueName('replicas');
  const path = `/entities/component/default/${tenant}`;
  let redis: PrivateRedis;
  let a: RunningBackend;
  let b: RunningBackend;
  const sandbox = readSandbox();
  const counter = countUpstreamCalls({
    [new URL(sandbox.aws.endpoint).host]: 'aws',
  });
  /** What a view sends to Secrets Manager (a fleet pass in the background lists instead). */
  const viewReads = () =>
    Object.fromEntries(
      Object.entries(counter.operations('aws')).filter(([operation]) =>
        ['DescribeSecret', 'GetSecretValue', 'BatchGetSecretValue'].includes(
          operation,
        ),
      ),
    );

  beforeAll(async () => {
    redis = await startPrivateRedis();
    const config = backendConfigData();
    const shared = {
      ...config,
      backend: {
        cache: { store: 'redis', connection: redis.url },
        database: {
          client: 'pg',
          connection: POSTGRES_URL,
          // databases of this run alone
          prefix: `${uniqueName('replicas').replace(/-/g, '_')}_`,
        },
      },
      secretsSync: {
        ...config.secretsSync,
        history: { digestSecret: 'replicas-test-deployment-secret' },
        // 50 writes in a moment are a test's, not a person's
        rateLimit: {
          writes: { perUser: 1_000, perEntity: 1_000 },
          forceSyncs: { perUser: 1_000, perEntity: 1_000 },
        },
      },
    };
    const entities = [tenantComponent({ name: tenant, environments: ['dev'] })];
    const start = () =>
      startSecretsSyncBackend({
        config: shared,
        entities,
        extraFeatures: [cacheServiceFactory, databaseServiceFactory],
      });
    // one after the other, as a rolling deployment starts them: two
    // replicas migrating a fresh database at the same moment race on
    // creating knex's migration tables
    a = await start();
    b = await start();
    await createTenantNamespace('dev', tenant);
    await call(a, 'POST', `${path}/values`, {
      environments: ['dev'],
      set: { FIRST: 'first-value' },
    });
  });

  afterAll(async () => {
    counter.stop();
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.kill();
  });

  it('answers a view on B right after A read it with no AWS call', async () => {
    await call(a, 'GET', `${path}/topology`);
    counter.reset();
    const view = await call<EntityTopology>(b, 'GET', `${path}/topology`);
    expect(view.environments[0].keys).toContainEqual(
      expect.objectContaining({ name: 'FIRST', inAws: true }),
    );
    expect(viewReads()).toEqual({});
  });

  it('shows a write through A at once through B', async () => {
    await call(b, 'GET', `${path}/topology`);
    await call(a, 'POST', `${path}/values`, {
      environments: ['dev'],
      set: { SECOND: 'second-value' },
    });
    const view = await call<EntityTopology>(b, 'GET', `${path}/topology`);
    expect(view.environments[0].keys).toContainEqual(
      expect.objectContaining({ name: 'SECOND', inAws: true }),
    );
  });

  it('keeps 50 of 50 keys when 50 merge writes race across both replicas', async () => {
    const keys = Array.from({ length: 50 }, (_, i) => `RACE_${i}`);
    await Promise.all(
      keys.map((key, i) =>
        call(i % 2 ? b : a, 'POST', `${path}/values`, {
          environments: ['dev'],
          set: { [key]: `value-${i}` },
        }),
      ),
    );
    const view = await call<EntityTopology>(a, 'GET', `${path}/topology`);
    const inAws = view.environments[0].keys
      .filter(key => key.inAws)
      .map(key => key.name);
    expect(keys.filter(key => inAws.includes(key))).toHaveLength(50);
  });
});
