import type { ExternalSecret } from '../../../Kubernetes';
import {
  ExternalSecretStatusFacts,
  deriveExternalSecretStatus,
} from './deriveExternalSecretStatus';
import { forceSyncNoOpReason } from './externalSecretFacts';

const NOW = new Date('2026-01-01T12:00:00Z');
const minutesAgo = (minutes: number) =>
  new Date(NOW.getTime() - minutes * 60_000);

function externalSecret(
  name: string,
  ready?: 'True' | 'False' | 'Unknown',
  refreshTime?: Date,
  spec: ExternalSecret['spec'] = {},
): ExternalSecret {
  return {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name, namespace: 'sites-web' },
    spec: { dataFrom: [{ extract: { key: 'sites/web/build' } }], ...spec },
    status: {
      // ESO writes both when it syncs
      ...(refreshTime
        ? {
            refreshTime: refreshTime.toISOString(),
            syncedResourceVersion: '1-0123456789abcdef',
          }
        : {}),
      ...(ready
        ? {
            conditions: [
              {
                type: 'Ready',
                status: ready,
                reason:
                  ready === 'False' ? 'SecretSyncedError' : 'SecretSynced',
                message:
                  ready === 'False'
                    ? 'ResourceNotFoundException: Secrets Manager can’t find the specified secret'
                    : 'secret synced',
              },
            ],
          }
        : {}),
    },
  };
}

function facts(
  overrides: Partial<ExternalSecretStatusFacts> = {},
): ExternalSecretStatusFacts {
  return {
    now: NOW,
    gracePeriodMs: 120_000,
    aws: { exists: true, lastChangedAt: minutesAgo(10) },
    namespace: { exists: true },
    externalSecrets: {
      items: [externalSecret('build', 'True', minutesAgo(5))],
    },
    pulled: {
      name: 'sites/web/build',
      accountId: '111111111111',
      region: 'us-east-1',
    },
    ...overrides,
  };
}

describe('deriveExternalSecretStatus', () => {
  it('is synced when Ready and refreshed after the AWS secret last changed', () => {
    expect(deriveExternalSecretStatus(facts()).status).toBe('synced');
  });

  it('counts a refresh in the same second as the change', () => {
    const changed = new Date('2026-01-01T11:59:00.700Z');
    expect(
      deriveExternalSecretStatus(
        facts({
          aws: { exists: true, lastChangedAt: changed },
          externalSecrets: {
            items: [
              externalSecret('build', 'True', new Date('2026-01-01T11:59:00Z')),
            ],
          },
        }),
      ).status,
    ).toBe('synced');
  });

  it('is pending after a change ESO has not pulled yet, drifted past the grace period', () => {
    const items = [externalSecret('build', 'True', minutesAgo(30))];
    expect(
      deriveExternalSecretStatus(
        facts({
          aws: { exists: true, lastChangedAt: minutesAgo(1) },
          externalSecrets: { items },
        }),
      ).status,
    ).toBe('pending');
    expect(
      deriveExternalSecretStatus(
        facts({
          aws: { exists: true, lastChangedAt: minutesAgo(10) },
          externalSecrets: { items },
        }),
      ).status,
    ).toBe('drifted');
    expect(
      deriveExternalSecretStatus(
        facts({
          aws: { exists: true, lastChangedAt: minutesAgo(10) },
          externalSecrets: { items },
          lastForceSyncAt: minutesAgo(1),
        }),
      ).status,
    ).toBe('pending');
  });

  it('lets the failing ExternalSecret speak when several pull the key', () => {
    const derived = deriveExternalSecretStatus(
      facts({
        externalSecrets: {
          items: [
            externalSecret('a', 'True', minutesAgo(1)),
            externalSecret('b', 'False'),
          ],
        },
      }),
    );
    expect(derived.status).toBe('error');
    expect(derived.primary?.metadata.name).toBe('b');
    expect(derived.reason).toEqual({
      code: 'not-found',
      hop: 'eso',
      message:
        'ExternalSecret sites-web/b is not ready: SecretSyncedError: ResourceNotFoundException: Secrets Manager can’t find the specified secret',
    });
  });

  it.each([
    [
      'a failed read',
      {
        aws: {
          exists: false,
          error: { code: 'throttled' as const, message: 'slow down' },
        },
      },
      'error',
    ],
    [
      'a missing namespace',
      { namespace: { exists: false } },
      'namespace-missing',
    ],
    ['no ExternalSecret', { externalSecrets: { items: [] } }, 'not-enabled'],
    ['nothing in AWS', { aws: { exists: false } }, 'upstream-missing'],
    [
      'an ExternalSecret ESO has not reconciled since its creation a minute ago',
      {
        externalSecrets: {
          items: [
            {
              ...externalSecret('build'),
              metadata: {
                name: 'build',
                creationTimestamp: minutesAgo(1),
              },
            },
          ],
        },
      },
      'pending',
    ],
    [
      'an ExternalSecret ESO has not reconciled past the grace period',
      { externalSecrets: { items: [externalSecret('build')] } },
      'drifted',
    ],
  ])('is %s → %s', (_what, overrides, status) => {
    expect(deriveExternalSecretStatus(facts(overrides)).status).toBe(status);
  });
});

describe('forceSyncNoOpReason', () => {
  it.each([
    ['CreatedOnce', { refreshPolicy: 'CreatedOnce' }, true],
    ['Periodic 0s', { refreshPolicy: 'Periodic', refreshInterval: '0s' }, true],
    [
      'Periodic 0h0m0s',
      { refreshPolicy: 'Periodic', refreshInterval: '0h0m0s' },
      true,
    ],
    [
      'Periodic 1h',
      { refreshPolicy: 'Periodic', refreshInterval: '1h' },
      false,
    ],
    ['OnChange', { refreshPolicy: 'OnChange' }, false],
    ['no policy', {}, false],
    // ESO's default branch is periodic
    ['no policy with 0s', { refreshInterval: '0s' }, true],
  ])('%s after the first sync: no-op %s', (_what, spec, noOp) => {
    expect(
      forceSyncNoOpReason(externalSecret('build', 'True', NOW, spec)) !==
        undefined,
    ).toBe(noOp);
  });

  it('is never a no-op before the first sync', () => {
    expect(
      forceSyncNoOpReason(
        externalSecret('build', undefined, undefined, {
          refreshPolicy: 'CreatedOnce',
        }),
      ),
    ).toBeUndefined();
  });
});

describe('deriveExternalSecretStatus, rows 18 to 23', () => {
  const differing = [{ name: 'A', inAws: true, inSecret: true, inSync: false }];

  it('is an error naming a store that is not ready, although the ExternalSecret says Ready', () => {
    const derived = deriveExternalSecretStatus(
      facts({
        stores: [
          {
            kind: 'ClusterSecretStore',
            name: 'aws-111111111111',
            ready: 'False',
            reason: 'InvalidProviderConfig',
            message: 'unable to create client',
            event: 'could not fetch SecretAccessKey secret: not found',
          },
        ],
      }),
    );
    expect(derived.status).toBe('error');
    expect(derived.reason).toMatchObject({ hop: 'eso', code: 'not-found' });
    expect(derived.reason?.message).toContain(
      'ClusterSecretStore aws-111111111111 is not ready',
    );
  });

  it('is upstream-missing, not an error, when ESO fails because AWS holds nothing', () => {
    expect(
      deriveExternalSecretStatus(
        facts({
          aws: { exists: false },
          externalSecrets: { items: [externalSecret('build', 'False')] },
          primaryEvent:
            'error processing spec.dataFrom[0].extract, err: Secret does not exist',
        }),
      ).status,
    ).toBe('upstream-missing');
  });

  it('takes the reason from ESO’s Event, not its generic condition', () => {
    const derived = deriveExternalSecretStatus(
      facts({
        externalSecrets: { items: [externalSecret('build', 'False')] },
        primaryEvent: 'AccessDeniedException: not authorized to GetSecretValue',
      }),
    );
    expect(derived.reason).toMatchObject({ code: 'access-denied', hop: 'eso' });
    expect(derived.reason?.message).toContain(
      'not authorized to GetSecretValue',
    );
  });

  it('is never synced while a compared key differs, even refreshed after the change', () => {
    expect(deriveExternalSecretStatus(facts({ keys: differing })).status).toBe(
      'drifted',
    );
    expect(
      deriveExternalSecretStatus(
        facts({
          aws: { exists: true, lastChangedAt: minutesAgo(1) },
          keys: differing,
        }),
      ).status,
    ).toBe('pending');
  });

  it.each([
    ['CreatedOnce', { refreshPolicy: 'CreatedOnce' }],
    ['a zero interval', { refreshInterval: '0s' }],
    [
      'a pinned version',
      {
        dataFrom: [{ extract: { key: 'sites/web/build', version: 'uuid/v1' } }],
      },
    ],
  ])('is drifted at once with %s, ESO will not repair it', (_what, spec) => {
    expect(
      deriveExternalSecretStatus(
        facts({
          aws: { exists: true, lastChangedAt: minutesAgo(1) },
          externalSecrets: {
            items: [externalSecret('build', 'True', minutesAgo(5), spec)],
          },
          keys: differing,
        }),
      ).status,
    ).toBe('drifted');
  });
});
