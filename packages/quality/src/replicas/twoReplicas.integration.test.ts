import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import type {
  EntityTopology,
  FleetStatus,
} from '@internal/plugin-secrets-sync-common';
import { resilientCacheServiceFactory } from '@internal/plugin-secrets-sync-backend';
import { readSandbox } from '@internal/sandbox';
import { backendConfigData } from '../harness/backendConfig';
import { tenantComponent, uniqueName } from '../harness/entities';
import { createTenantNamespace } from '../harness/kubeFixtures';
import {
  LoggedLine,
  recordingRootLogger,
} from '../harness/recordingRootLogger';
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
 * both lose no key; when Redis dies, each keeps answering from its own
 * memory with one warning, and shares again once Redis is back. The
 * cache service is the plugin's resilientCacheServiceFactory, as
 * packages/backend runs it: Backstage's default leaves the Redis
 * client's connection errors unhandled.
 */
describe('two backend replicas sharing Redis and PostgreSQL', () => {
  const tenant = uniqueName('replicas');
  const path = `/entities/component/default/${tenant}`;
  let redis: PrivateRedis;
  let a: RunningBackend;
  let b: RunningBackend;
  let logsOfA: LoggedLine[];
  let logsOfB: LoggedLine[];
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
    const start = async () => {
      const logger = recordingRootLogger();
      const backend = await startSecretsSyncBackend({
        config: shared,
        entities,
        extraFeatures: [
          resilientCacheServiceFactory,
          databaseServiceFactory,
          logger.factory,
        ],
      });
      return { backend, lines: logger.lines };
    };
    // one after the other, as a rolling deployment starts them (the
    // fresh-database test starts two at the same moment)
    ({ backend: a, lines: logsOfA } = await start());
    ({ backend: b, lines: logsOfB } = await start());
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

  it("shows a write through A in B's fleet summary at once", async () => {
    const versionInFleetOf = async (backend: RunningBackend) => {
      const fleet = await call<FleetStatus>(
        backend,
        'GET',
        `/fleet?search=${tenant}`,
      );
      return fleet.items[0]?.environments[0]?.versionId;
    };
    // B remembers the statuses of this summary for the next pages
    const before = await versionInFleetOf(b);
    expect(before).toBeDefined();
    const written = await call<{ results: { versionId?: string }[] }>(
      a,
      'POST',
      `${path}/values`,
      { environments: ['dev'], set: { FLEET: 'fleet-value' } },
    );
    const after = await versionInFleetOf(b);
    expect(after).not.toBe(before);
    expect(after).toBe(written.results[0].versionId);
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

  it('keeps answering through each replica from its own memory while Redis is down, and shares again once it is back', async () => {
    const degraded = (lines: LoggedLine[]) =>
      lines.filter(
        line =>
          line.level === 'warn' &&
          line.message.startsWith('The shared cache failed'),
      );
    const recovered = (lines: LoggedLine[]) =>
      lines.filter(
        line =>
          line.level === 'info' &&
          line.message.startsWith('The shared cache answers again'),
      );
    const keysOn = async (backend: RunningBackend) => {
      const view = await call<EntityTopology>(
        backend,
        'GET',
        `${path}/topology`,
      );
      return view.environments[0].keys
        .filter(key => key.inAws)
        .map(key => key.name);
    };
    await keysOn(a);
    await keysOn(b);

    await redis.kill();
    // every request answers (call throws on anything but 2xx), and right
    for (let i = 0; i < 3; i++) {
      for (const backend of [a, b]) {
        expect(await keysOn(backend)).toEqual(
          expect.arrayContaining(['FIRST', 'SECOND', 'RACE_0']),
        );
      }
    }
    await call(a, 'POST', `${path}/values`, {
      environments: ['dev'],
      set: { DURING_OUTAGE: 'outage-value' },
    });
    expect(await keysOn(a)).toContain('DURING_OUTAGE');
    // per replica: one warning of the plugin's and one of the cache
    // service's for the outage, not one per request, and no error
    for (const lines of [logsOfA, logsOfB]) {
      expect(degraded(lines)).toHaveLength(1);
      expect(
        lines.filter(line =>
          line.message.startsWith('The Redis cache connection failed'),
        ),
      ).toHaveLength(1);
      expect(lines.filter(line => line.level === 'error')).toEqual([]);
    }

    await redis.restart();
    // each replica tries the store again a few seconds after its last
    // failure; a request then finds it answering
    const deadline = Date.now() + 60_000;
    while (recovered(logsOfA).length === 0 || recovered(logsOfB).length === 0) {
      if (Date.now() > deadline) {
        throw new Error('a replica did not use the restarted Redis again');
      }
      await keysOn(a);
      await keysOn(b);
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    await call(a, 'POST', `${path}/values`, {
      environments: ['dev'],
      set: { AFTER_OUTAGE: 'after-value' },
    });
    await keysOn(a);
    counter.reset();
    expect(await keysOn(b)).toEqual(
      expect.arrayContaining(['DURING_OUTAGE', 'AFTER_OUTAGE']),
    );
    expect(viewReads()).toEqual({});
  });
});
