import {
  PushSecretStatusFacts,
  derivePushSecretStatus,
} from './derivePushSecretStatus';
import { PushSecret, storeStates } from './pushSecretFacts';

const NOW = new Date('2026-01-01T12:00:00Z');
const minutesAgo = (minutes: number) =>
  new Date(NOW.getTime() - minutes * 60_000);
const AWS_KEY = 'sites/web/build';

function pushSecret(
  ready?: 'True' | 'False',
  refreshTime?: Date,
  options: { message?: string; stores?: string[]; pushedTo?: string[] } = {},
): PushSecret {
  const { stores = ['aws-dev'], pushedTo = ready === 'True' ? stores : [] } =
    options;
  return {
    apiVersion: 'external-secrets.io/v1alpha1',
    kind: 'PushSecret',
    metadata: { name: 'to-aws', namespace: 'sites-web' },
    spec: {
      secretStoreRefs: stores.map(name => ({
        kind: 'ClusterSecretStore',
        name,
      })),
      selector: { secret: { name: 'build-secrets' } },
      data: [{ match: { remoteRef: { remoteKey: AWS_KEY } } }],
    },
    status: {
      ...(refreshTime ? { refreshTime: refreshTime.toISOString() } : {}),
      syncedPushSecrets: Object.fromEntries(
        pushedTo.map(name => [`ClusterSecretStore/${name}`, { [AWS_KEY]: {} }]),
      ),
      ...(ready
        ? {
            conditions: [
              {
                type: 'Ready',
                status: ready,
                message:
                  options.message ??
                  (ready === 'True' ? 'PushSecret synced successfully' : ''),
              },
            ],
          }
        : {}),
    },
  };
}

function facts(
  overrides: Partial<PushSecretStatusFacts> = {},
): PushSecretStatusFacts {
  return {
    now: NOW,
    gracePeriodMs: 120_000,
    aws: { name: AWS_KEY, exists: true, valueDigests: { A: 'a1' } },
    namespace: { exists: true },
    source: { exists: true, updatedAt: minutesAgo(10), digests: { A: 'a1' } },
    pushSecrets: { items: [pushSecret('True', minutesAgo(9))] },
    ...overrides,
  };
}

const failure = {
  code: 'unreachable' as const,
  hop: 'kubernetes' as const,
  message: 'down',
};

describe('derivePushSecretStatus (docs/status-model.md rows 34-41)', () => {
  it('1: a failed read is error with its reason', () => {
    expect(
      derivePushSecretStatus(
        facts({ pushSecrets: { error: failure, items: [] } }),
      ),
    ).toEqual({ status: 'error', reason: failure });
  });

  it('2: no management namespace is namespace-missing', () => {
    expect(
      derivePushSecretStatus(facts({ namespace: { exists: false } })).status,
    ).toBe('namespace-missing');
  });

  it('3: no PushSecret selecting the Secret is not-enabled', () => {
    expect(
      derivePushSecretStatus(facts({ pushSecrets: { items: [] } })).status,
    ).toBe('not-enabled');
  });

  it('4: no source Secret yet is upstream-missing, whatever ESO says of it', () => {
    expect(
      derivePushSecretStatus(
        facts({
          source: { exists: false },
          pushSecrets: {
            items: [
              pushSecret('False', undefined, {
                message: 'could not get source secret',
              }),
            ],
          },
        }),
      ).status,
    ).toBe('upstream-missing');
  });

  it('5: a PushSecret Ready=False is error naming the store that failed', () => {
    const message =
      'set secret failed: could not write remote ref sites/web/build to target secretstore aws-prod: AccessDeniedException';
    const derived = derivePushSecretStatus(
      facts({
        pushSecrets: {
          items: [
            pushSecret('False', minutesAgo(9), {
              message,
              stores: ['aws-dev', 'aws-prod'],
              pushedTo: ['aws-dev'],
            }),
          ],
        },
      }),
    );
    expect(derived).toEqual({
      status: 'error',
      reason: {
        code: 'access-denied',
        hop: 'eso',
        message: `PushSecret to-aws (store ClusterSecretStore aws-prod): ${message}`,
      },
    });
  });

  it('6: every PushSecret ready, pushed after the change, with AWS holding the keys, is synced', () => {
    expect(derivePushSecretStatus(facts()).status).toBe('synced');
  });

  it('6: a push in the same second as the Secret change counts', () => {
    const changed = new Date('2026-01-01T11:50:00.700Z');
    expect(
      derivePushSecretStatus(
        facts({
          source: { exists: true, updatedAt: changed, digests: { A: 'a1' } },
          pushSecrets: {
            items: [pushSecret('True', new Date('2026-01-01T11:50:00Z'))],
          },
        }),
      ).status,
    ).toBe('synced');
  });

  it('7: a change ESO has not pushed yet is pending within the grace period', () => {
    expect(
      derivePushSecretStatus(
        facts({
          source: {
            exists: true,
            updatedAt: minutesAgo(1),
            digests: { A: 'a2' },
          },
        }),
      ).status,
    ).toBe('pending');
  });

  it('7: a force sync restarts the grace period', () => {
    expect(
      derivePushSecretStatus(
        facts({
          aws: { name: AWS_KEY, exists: true, valueDigests: { A: 'old' } },
          lastForceSyncAt: minutesAgo(1),
        }),
      ).status,
    ).toBe('pending');
  });

  it('8: AWS still differing past the grace period is drifted, never synced', () => {
    expect(
      derivePushSecretStatus(
        facts({
          aws: { name: AWS_KEY, exists: true, valueDigests: { A: 'old' } },
        }),
      ).status,
    ).toBe('drifted');
  });
});

describe('storeStates', () => {
  it('says per store what was pushed and which store failed', () => {
    expect(
      storeStates(
        pushSecret('False', minutesAgo(1), {
          message:
            'set secret failed: could not get secrets client for store aws-prod: no credentials',
          stores: ['aws-dev', 'aws-prod', 'aws-dr'],
          pushedTo: ['aws-dev'],
        }),
        AWS_KEY,
      ),
    ).toEqual([
      {
        kind: 'ClusterSecretStore',
        name: 'aws-dev',
        pushed: true,
        remoteKeys: [AWS_KEY],
      },
      {
        kind: 'ClusterSecretStore',
        name: 'aws-prod',
        pushed: false,
        error:
          'set secret failed: could not get secrets client for store aws-prod: no credentials',
      },
      { kind: 'ClusterSecretStore', name: 'aws-dr', pushed: false },
    ]);
  });
});
