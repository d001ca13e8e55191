import {
  SyncedSecretStatusFacts,
  deriveSyncedSecretStatus,
} from './deriveSyncedSecretStatus';
import type { SyncedSecret } from './syncedSecretFacts';

const NOW = new Date('2026-01-01T12:00:00Z');
const minutesAgo = (minutes: number) =>
  new Date(NOW.getTime() - minutes * 60_000);
const AWS_KEY = 'sites/web/build';

function syncedSecret(
  name = 'build-secrets',
  currentVersionID?: string,
  spec: SyncedSecret['spec'] = { dataFrom: { secretRef: { name: AWS_KEY } } },
): SyncedSecret {
  return {
    apiVersion: 'secrets.contentful.com/v1',
    kind: 'SyncedSecret',
    metadata: {
      name,
      namespace: 'sites-web',
      creationTimestamp: minutesAgo(60),
    },
    spec,
    ...(currentVersionID !== undefined ? { status: { currentVersionID } } : {}),
  };
}

function facts(
  overrides: Partial<SyncedSecretStatusFacts> = {},
): SyncedSecretStatusFacts {
  return {
    now: NOW,
    gracePeriodMs: 120_000,
    // 300 s poll + 120 s resync
    followWithinMs: 420_000,
    aws: {
      name: AWS_KEY,
      exists: true,
      versionId: 'v2',
      lastChangedAt: minutesAgo(30),
      valueDigests: { A: 'a1', B: 'b1' },
    },
    namespace: { exists: true },
    syncedSecrets: { items: [syncedSecret()] },
    secret: { digests: { A: 'a1', B: 'b1' } },
    ...overrides,
  };
}

const failure = {
  code: 'access-denied' as const,
  hop: 'kubernetes' as const,
  message: 'forbidden',
};

describe('deriveSyncedSecretStatus (docs/status-model.md rows 26-33)', () => {
  it('1: a failed read is error with its reason', () => {
    expect(
      deriveSyncedSecretStatus(
        facts({ syncedSecrets: { error: failure, items: [] } }),
      ),
    ).toEqual({ status: 'error', reason: failure });
  });

  it('2: no namespace is namespace-missing', () => {
    expect(
      deriveSyncedSecretStatus(facts({ namespace: { exists: false } })).status,
    ).toBe('namespace-missing');
  });

  it('3: no SyncedSecret taking the AWS secret is not-enabled', () => {
    expect(
      deriveSyncedSecretStatus(facts({ syncedSecrets: { items: [] } })).status,
    ).toBe('not-enabled');
  });

  it('4: a missing or deleted AWS secret is upstream-missing', () => {
    expect(
      deriveSyncedSecretStatus(
        facts({ aws: { ...facts().aws, exists: false } }),
      ).status,
    ).toBe('upstream-missing');
    expect(
      deriveSyncedSecretStatus(
        facts({ aws: { ...facts().aws, deletionScheduledAt: NOW } }),
      ).status,
    ).toBe('upstream-missing');
  });

  it('5: every key matching is synced, with or without currentVersionID', () => {
    expect(deriveSyncedSecretStatus(facts()).status).toBe('synced');
    expect(
      deriveSyncedSecretStatus(
        facts({ syncedSecrets: { items: [syncedSecret('s', 'v2')] } }),
      ).status,
    ).toBe('synced');
  });

  it('5: a stale currentVersionID is not synced even when the keys match', () => {
    const derived = deriveSyncedSecretStatus(
      facts({
        aws: { ...facts().aws, lastChangedAt: minutesAgo(2) },
        syncedSecrets: { items: [syncedSecret('s', 'v1')] },
      }),
    );
    expect(derived.status).toBe('pending');
    expect(derived.dueBy).toEqual(new Date(minutesAgo(2).getTime() + 420_000));
  });

  it('6: the AWS version with a differing key is drifted (edited in the cluster)', () => {
    const derived = deriveSyncedSecretStatus(
      facts({
        syncedSecrets: { items: [syncedSecret('s', 'v2')] },
        secret: { digests: { A: 'a1', B: 'edited' } },
      }),
    );
    expect(derived.status).toBe('drifted');
    expect(derived.keys).toEqual([
      { name: 'A', inAws: true, inSecret: true, inSync: true },
      { name: 'B', inAws: true, inSecret: true, inSync: false },
    ]);
  });

  it('7: a change not yet polled is pending until the poll, resync and grace period have passed', () => {
    const derived = deriveSyncedSecretStatus(
      facts({
        aws: { ...facts().aws, lastChangedAt: minutesAgo(8) },
        secret: { digests: { A: 'a1', B: 'old' } },
      }),
    );
    expect(derived.status).toBe('pending');
    expect(derived.dueBy).toEqual(new Date(minutesAgo(1).getTime()));
  });

  it('7: a SyncedSecret whose Secret does not exist yet is pending after its creation', () => {
    const fresh = syncedSecret();
    fresh.metadata.creationTimestamp = minutesAgo(1);
    expect(
      deriveSyncedSecretStatus(
        facts({ syncedSecrets: { items: [fresh] }, secret: {} }),
      ).status,
    ).toBe('pending');
  });

  it('8: a change the Secret has not followed past that is drifted', () => {
    expect(
      deriveSyncedSecretStatus(
        facts({
          aws: { ...facts().aws, lastChangedAt: minutesAgo(10) },
          secret: { digests: { A: 'a1', B: 'old' } },
        }),
      ).status,
    ).toBe('drifted');
    expect(deriveSyncedSecretStatus(facts({ secret: {} })).status).toBe(
      'drifted',
    );
  });

  it('compares the fields of data by the AWS key they name, ignoring literal values', () => {
    const derived = deriveSyncedSecretStatus(
      facts({
        syncedSecrets: {
          items: [
            syncedSecret('s', undefined, {
              data: [
                { name: 'user', value: 'contentful' },
                {
                  name: 'DB_PASSWORD',
                  valueFrom: { secretKeyRef: { name: AWS_KEY, key: 'A' } },
                },
              ],
            }),
          ],
        },
        secret: { digests: { user: 'x', DB_PASSWORD: 'a1' } },
      }),
    );
    expect(derived.status).toBe('synced');
    expect(derived.keys).toEqual([
      { name: 'DB_PASSWORD', inAws: true, inSecret: true, inSync: true },
    ]);
  });

  it('takes the AWS secret by ARN as well as by name', () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:x-AbCdEf';
    expect(
      deriveSyncedSecretStatus(
        facts({
          aws: { ...facts().aws, arn },
          syncedSecrets: {
            items: [
              syncedSecret('s', undefined, {
                dataFrom: { secretRef: { name: arn } },
              }),
            ],
          },
        }),
      ).status,
    ).toBe('synced');
  });
});
