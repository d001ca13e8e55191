import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import type { EntityTopology } from '@internal/plugin-secrets-sync-common';
import { backendConfigData } from '../harness/backendConfig';
import { tenantComponent, uniqueName } from '../harness/entities';
import { createTenantNamespace } from '../harness/kubeFixtures';
import {
  RunningBackend,
  startSecretsSyncBackend,
} from '../harness/startBackend';

jest.setTimeout(180_000);

const POSTGRES_URL =
  process.env.POSTGRES_URL ??
  'postgresql://postgres:sandbox-only@127.0.0.1:5433/postgres';

/**
 * Two replicas of a new deployment starting at the same moment on an
 * empty PostgreSQL: both create the plugin's database and migrate it
 * (the scheduler's tables and the plugin's), and both come up.
 */
describe('two backend replicas starting together on an empty PostgreSQL', () => {
  const tenant = uniqueName('fresh-db');
  const path = `/entities/component/default/${tenant}`;
  let replicas: PromiseSettledResult<RunningBackend>[] = [];

  const stopReplicas = async () => {
    await Promise.all(
      replicas.map(replica =>
        replica.status === 'fulfilled' ? replica.value.stop() : undefined,
      ),
    );
    replicas = [];
  };

  afterAll(stopReplicas);

  it('brings both up, each answering a write and a view', async () => {
    const config = backendConfigData();
    const entities = [tenantComponent({ name: tenant, environments: ['dev'] })];
    const startTogether = async () => {
      const shared = {
        ...config,
        backend: {
          database: {
            client: 'pg',
            connection: POSTGRES_URL,
            // databases no run has created yet
            prefix: `${uniqueName('fresh').replace(/-/g, '_')}_`,
          },
        },
        secretsSync: {
          ...config.secretsSync,
          history: { digestSecret: 'fresh-database-test-deployment-secret' },
        },
      };
      const start = () =>
        startSecretsSyncBackend({
          config: shared,
          entities,
          extraFeatures: [databaseServiceFactory],
        });
      replicas = await Promise.allSettled([start(), start()]);
      return replicas.map(replica =>
        replica.status === 'rejected' ? String(replica.reason) : 'up',
      );
    };
    // a race is lost only some of the time: five new deployments
    for (let round = 0; round < 5; round++) {
      if (round > 0) {
        await stopReplicas();
      }
      expect(await startTogether()).toEqual(['up', 'up']);
    }
    const [a, b] = replicas.map(
      replica => (replica as PromiseFulfilledResult<RunningBackend>).value,
    );

    await createTenantNamespace('dev', tenant);
    const write = await fetch(`${a.baseUrl}${path}/values`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ environments: ['dev'], set: { FRESH: 'v' } }),
    });
    expect(write.status).toBe(200);
    const view = await fetch(`${b.baseUrl}${path}/topology`);
    expect(view.status).toBe(200);
    const topology = (await view.json()) as EntityTopology;
    expect(topology.environments[0].keys).toContainEqual(
      expect.objectContaining({ name: 'FRESH', inAws: true }),
    );
  });
});
