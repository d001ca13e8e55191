import type {
  Consumer,
  EnvironmentTopology,
} from '@internal/plugin-secrets-sync-common';
import type { EnvironmentConfig } from '../../config';
import type { KubernetesService } from '../Kubernetes';
import type { BoundSyncEngine } from '../SyncEngine';
import { createWorkloadsService } from './createWorkloadsService';

const DEV = {
  name: 'dev',
  kubernetes: { name: 'dev' },
  aws: { accountId: '111111111111', region: 'eu-west-1' },
} as EnvironmentConfig;
const TARGET = {
  environment: DEV,
  tenantKey: 'web',
  entityRef: 'component:default/web',
};

const consumer = (over: Partial<Consumer>): Consumer => ({
  kind: 'Deployment',
  name: 'web',
  via: ['envFrom'],
  stalePods: [],
  restart: 'rollout',
  ...over,
});

function serviceWith(consumers: Consumer[]) {
  const engine = {
    readStatus: jest.fn(
      async () =>
        ({
          kubernetes: { namespace: 'sites-web' },
          consumers,
        } as unknown as EnvironmentTopology),
    ),
  } as unknown as BoundSyncEngine;
  const kubernetes = {
    restartWorkload: jest.fn(async () => ({})),
    readRollout: jest.fn(async () => undefined),
  } as unknown as jest.Mocked<KubernetesService>;
  const service = createWorkloadsService({
    engines: () => engine,
    kubernetes,
    now: () => new Date('2026-12-03T12:00:00.123Z'),
  });
  return { service, kubernetes };
}

describe('createWorkloadsService', () => {
  it('plans only the workloads found consuming the Secret that the portal restarts, once each', async () => {
    const { service } = serviceWith([
      consumer({}),
      consumer({ name: 'reloaded', restart: 'reloader' }),
      consumer({ kind: 'CronJob', name: 'nightly', restart: 'next-run' }),
    ]);
    await expect(
      service.plan(TARGET, [
        { kind: 'Deployment', name: 'web' },
        { kind: 'Deployment', name: 'web' },
      ]),
    ).resolves.toEqual({
      target: TARGET,
      namespace: 'sites-web',
      workloads: [{ kind: 'Deployment', name: 'web' }],
    });
    for (const refused of [
      { kind: 'Deployment' as const, name: 'reloaded' },
      { kind: 'StatefulSet' as const, name: 'web' },
      { kind: 'Deployment' as const, name: 'not-there' },
    ]) {
      const error = await service.plan(TARGET, [refused]).catch(e => e);
      expect(error.name).toBe('InputError');
      expect(error.message).not.toContain(refused.name);
    }
  });

  it('stamps each planned workload with one RFC 3339 second, as kubectl does', async () => {
    const { service, kubernetes } = serviceWith([consumer({})]);
    await service.restart({
      target: TARGET,
      namespace: 'sites-web',
      workloads: [{ kind: 'Deployment', name: 'web' }],
    });
    expect(kubernetes.restartWorkload).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'dev' }),
      'sites-web',
      { kind: 'Deployment', name: 'web' },
      '2026-12-03T12:00:00Z',
    );
  });
});
