import type { EnvironmentTopology } from '@internal/plugin-secrets-sync-common';
import { hopHealth, withHopHealth } from './hopHealth';

/** A synced environment; each test changes the facts it is about. */
function synced(): EnvironmentTopology {
  return {
    environment: {
      name: 'dev',
      title: 'Development',
      restricted: false,
      engine: 'namespace-annotation',
      aws: { accountId: '111111111111', region: 'us-east-1' },
      cluster: { name: 'dev' },
    },
    status: 'synced',
    aws: {
      accountId: '111111111111',
      region: 'us-east-1',
      secretName: 'sites/checkout/build',
      exists: true,
      managed: true,
    },
    kubernetes: {
      cluster: 'dev',
      namespace: 'sites-checkout',
      namespaceExists: true,
      optedIn: true,
      secretName: 'build-secrets',
      secret: { owned: true, resourceVersion: '1' },
    },
    keys: [
      { name: 'A', inAws: true, inSecret: true, inSync: true },
      { name: 'B', inAws: true, inSecret: true, inSync: true },
    ],
    consumers: [
      { kind: 'Deployment', name: 'web', via: ['envFrom'], stalePods: [] },
      { kind: 'CronJob', name: 'report', via: ['env'], stalePods: [] },
    ],
  };
}

const stalePod = { name: 'web-1', startedAt: new Date(0) };

describe('hopHealth', () => {
  it('finds every hop of a synced environment healthy', () => {
    expect(hopHealth(synced())).toEqual({
      aws: { health: 'ok' },
      namespace: { health: 'ok', state: 'sync enabled' },
      secret: { health: 'ok', state: '2/2 keys in sync' },
      workloads: [{ health: 'ok' }, { health: 'ok' }],
    });
  });

  it('marks the hop an error names, with its code', () => {
    const awsFailing = {
      ...synced(),
      status: 'error' as const,
      reason: {
        code: 'access-denied' as const,
        hop: 'aws' as const,
        message: 'm',
      },
    };
    const clusterFailing = {
      ...awsFailing,
      reason: {
        ...awsFailing.reason,
        code: 'unreachable' as const,
        hop: 'kubernetes' as const,
      },
    };

    expect(hopHealth(awsFailing)).toMatchObject({
      aws: { health: 'error', state: 'access-denied' },
      namespace: { health: 'ok' },
      secret: { health: 'error', state: '2/2 keys in sync' },
    });
    expect(hopHealth(clusterFailing)).toMatchObject({
      aws: { health: 'ok' },
      namespace: { health: 'error', state: 'unreachable' },
    });
  });

  it('says what is missing along the way', () => {
    const env = synced();
    const missing: EnvironmentTopology = {
      ...env,
      status: 'namespace-missing',
      aws: { ...env.aws, exists: false },
      kubernetes: {
        ...env.kubernetes,
        namespaceExists: false,
        optedIn: false,
        secret: undefined,
      },
    };

    expect(hopHealth(missing)).toEqual({
      aws: { health: 'inactive', state: 'not created' },
      namespace: { health: 'warning', state: 'missing' },
      secret: { health: 'inactive', state: 'not created' },
      workloads: [{ health: 'inactive' }, { health: 'inactive' }],
    });
    expect(
      hopHealth({
        ...env,
        status: 'not-enabled',
        kubernetes: { ...env.kubernetes, optedIn: false },
      }).namespace,
    ).toEqual({ health: 'inactive', state: 'sync not enabled' });
  });

  it('warns of a secret scheduled for deletion', () => {
    const env = synced();
    expect(
      hopHealth({
        ...env,
        status: 'upstream-missing',
        aws: { ...env.aws, deletionScheduledAt: new Date(0) },
      }).aws,
    ).toEqual({ health: 'warning', state: 'deletion scheduled' });
  });

  it('tones the Secret by the status, and a Secret the operator does not own', () => {
    const env = synced();
    const secretOf = (status: EnvironmentTopology['status']) =>
      hopHealth({ ...env, status }).secret.health;

    expect(secretOf('pending')).toBe('progress');
    expect(secretOf('drifted')).toBe('warning');
    expect(
      hopHealth({
        ...env,
        status: 'unowned',
        kubernetes: {
          ...env.kubernetes,
          secret: { owned: false, resourceVersion: '2' },
        },
      }).secret,
    ).toEqual({ health: 'error', state: 'not owned by the operator' });
    expect(
      hopHealth({
        ...env,
        status: 'drifted',
        keys: [{ ...env.keys[0], inSync: false }, env.keys[1]],
      }).secret,
    ).toEqual({ health: 'warning', state: '1/2 keys in sync' });
  });

  it('warns of each workload still running pods on old values, and only those', () => {
    const env = synced();
    env.consumers[0].stalePods = [stalePod, { ...stalePod, name: 'web-2' }];

    expect(hopHealth(env).workloads).toEqual([
      { health: 'warning', state: '2 pods on old values' },
      { health: 'ok' },
    ]);
    env.consumers[0].stalePods = [stalePod];
    expect(hopHealth(env).workloads[0].state).toBe('1 pod on old values');
  });

  it('adds the hops to the environment and keeps its facts', () => {
    const env = synced();
    expect(withHopHealth(env)).toEqual({ ...env, hops: hopHealth(env) });
  });
});
