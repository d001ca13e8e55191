import { StatusFacts, deriveStatus } from './deriveStatus';

const NOW = new Date('2026-01-01T12:00:00Z');
const minutesAgo = (minutes: number) =>
  new Date(NOW.getTime() - minutes * 60_000);

/** An opted-in environment whose owned Secret matches AWS: `synced`. */
function facts(
  overrides: {
    aws?: Partial<StatusFacts['aws']>;
    namespace?: Partial<StatusFacts['namespace']>;
    secret?: Partial<StatusFacts['secret']>;
  } = {},
): StatusFacts {
  return {
    now: NOW,
    gracePeriodMs: 120_000,
    aws: {
      exists: true,
      lastChangedAt: minutesAgo(10),
      values: { A: '1', B: '2' },
      ...overrides.aws,
    },
    namespace: { exists: true, optedIn: true, ...overrides.namespace },
    secret: {
      exists: true,
      owned: true,
      updatedAt: minutesAgo(9),
      values: { A: '1', B: '2' },
      ...overrides.secret,
    },
  };
}

describe('deriveStatus, row by row of docs/status-model.md', () => {
  it('synced: the Secret exists, is owned, and every key matches AWS', () => {
    expect(deriveStatus(facts())).toEqual({
      status: 'synced',
      keys: [
        { name: 'A', inAws: true, inSecret: true, inSync: true },
        { name: 'B', inAws: true, inSecret: true, inSync: true },
      ],
    });
  });

  it('synced also holds for an empty document mirrored by an empty Secret', () => {
    expect(
      deriveStatus(facts({ aws: { values: {} }, secret: { values: {} } }))
        .status,
    ).toBe('synced');
  });

  it('pending: AWS changed within the grace period and the Secret does not reflect it yet', () => {
    const result = deriveStatus(
      facts({
        aws: {
          lastChangedAt: minutesAgo(1),
          values: { A: '1', B: 'new', C: '3' },
        },
      }),
    );
    expect(result.status).toBe('pending');
    expect(result.keys).toEqual([
      { name: 'A', inAws: true, inSecret: true, inSync: true },
      { name: 'B', inAws: true, inSecret: true, inSync: false },
      { name: 'C', inAws: true, inSecret: false, inSync: false },
    ]);
  });

  it('pending: a recent force sync restarts the grace period', () => {
    expect(
      deriveStatus(
        facts({
          aws: { lastChangedAt: minutesAgo(30), values: { A: 'new' } },
          namespace: { lastForceSyncAt: minutesAgo(1) },
          secret: { updatedAt: minutesAgo(20) },
        }),
      ).status,
    ).toBe('pending');
  });

  it('pending: opted in with data in AWS and no Secret yet, within the grace period', () => {
    expect(
      deriveStatus(
        facts({
          aws: { lastChangedAt: minutesAgo(1) },
          secret: { exists: false, owned: false, values: undefined },
        }),
      ).status,
    ).toBe('pending');
  });

  it('drifted: the same mismatch past the grace period', () => {
    expect(
      deriveStatus(
        facts({
          aws: { lastChangedAt: minutesAgo(3), values: { A: '1', B: 'new' } },
          secret: { updatedAt: minutesAgo(20) },
        }),
      ).status,
    ).toBe('drifted');
  });

  it('drifted: the Secret was edited in the cluster after the last change, even within the grace period', () => {
    expect(
      deriveStatus(
        facts({
          aws: { lastChangedAt: minutesAgo(1) },
          secret: {
            updatedAt: minutesAgo(0.5),
            values: { A: 'edited', B: '2' },
          },
        }),
      ).status,
    ).toBe('drifted');
  });

  it('says why: no Secret means the operator has not acted', () => {
    const { status, reason } = deriveStatus(
      facts({
        aws: { lastChangedAt: minutesAgo(30) },
        secret: { exists: false, values: undefined, updatedAt: undefined },
      }),
    );
    expect(status).toBe('drifted');
    expect(reason).toMatchObject({
      code: 'not-found',
      hop: 'kubernetes',
      message: expect.stringMatching(/operator/),
    });
  });

  it('says why: a Secret edited in the cluster is named as such', () => {
    const { reason } = deriveStatus(
      facts({ secret: { updatedAt: minutesAgo(1), values: { A: 'x' } } }),
    );
    expect(reason).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/changed in the cluster/),
    });
  });

  it('drifted: a key only in the Secret counts as a mismatch', () => {
    const result = deriveStatus(
      facts({ secret: { values: { A: '1', B: '2', EXTRA: 'x' } } }),
    );
    expect(result.status).toBe('drifted');
    expect(result.keys).toContainEqual({
      name: 'EXTRA',
      inAws: false,
      inSecret: true,
      inSync: false,
    });
  });

  it('not-enabled: AWS has data but the namespace has not opted in', () => {
    expect(
      deriveStatus(
        facts({
          namespace: { optedIn: false },
          secret: { exists: false, owned: false },
        }),
      ).status,
    ).toBe('not-enabled');
  });

  it('upstream-missing: opted in, nothing in AWS', () => {
    const result = deriveStatus(
      facts({
        aws: { exists: false, values: undefined, lastChangedAt: undefined },
        secret: { exists: false, owned: false },
      }),
    );
    expect(result).toEqual({ status: 'upstream-missing', keys: [] });
  });

  it('upstream-missing: opted in, the AWS secret is scheduled for deletion', () => {
    expect(
      deriveStatus(
        facts({
          aws: {
            deletionScheduledAt: minutesAgo(-7 * 24 * 60),
            values: undefined,
          },
        }),
      ).status,
    ).toBe('upstream-missing');
  });

  it('unowned: a Secret of that name exists without the owner labels', () => {
    expect(deriveStatus(facts({ secret: { owned: false } })).status).toBe(
      'unowned',
    );
    expect(
      deriveStatus(
        facts({ secret: { owned: false }, namespace: { optedIn: false } }),
      ).status,
    ).toBe('unowned');
  });

  it('namespace-missing: the namespace does not exist', () => {
    expect(
      deriveStatus(
        facts({
          namespace: { exists: false, optedIn: false },
          secret: { exists: false, owned: false },
        }),
      ).status,
    ).toBe('namespace-missing');
  });

  it('error: a read failed, carrying its reason', () => {
    const reason = {
      code: 'access-denied' as const,
      message: 'AccessDenied',
      hop: 'aws' as const,
    };
    expect(
      deriveStatus(facts({ aws: { error: reason, values: undefined } })),
    ).toMatchObject({ status: 'error', reason });
    const throttled = {
      code: 'throttled' as const,
      message: 'slow down',
      hop: 'kubernetes' as const,
    };
    expect(deriveStatus(facts({ secret: { error: throttled } }))).toMatchObject(
      { status: 'error', reason: throttled },
    );
    const denied = {
      code: 'access-denied' as const,
      message: 'cannot list deployments',
      hop: 'kubernetes' as const,
    };
    expect(
      deriveStatus({ ...facts(), consumers: { error: denied } }),
    ).toMatchObject({ status: 'error', reason: denied });
    const unreachable = {
      code: 'unreachable' as const,
      message: 'ECONNREFUSED',
      hop: 'kubernetes' as const,
    };
    expect(
      deriveStatus(facts({ namespace: { error: unreachable } })),
    ).toMatchObject({ status: 'error', reason: unreachable });
  });

  it('error: while AWS cannot be read, each key says the AWS side is unknown, not absent', () => {
    const unreachable = {
      code: 'unreachable' as const,
      message: 'ECONNREFUSED',
      hop: 'aws' as const,
    };
    const result = deriveStatus(
      facts({ aws: { error: unreachable, exists: false, values: undefined } }),
    );
    expect(result.status).toBe('error');
    expect(result.keys).toEqual([
      { name: 'A', inSecret: true, unknown: ['aws'] },
      { name: 'B', inSecret: true, unknown: ['aws'] },
    ]);
  });

  it('error: while the Secret cannot be read, each key says the Secret side is unknown', () => {
    const throttled = {
      code: 'throttled' as const,
      message: 'slow down',
      hop: 'kubernetes' as const,
    };
    const result = deriveStatus(
      facts({ secret: { error: throttled, exists: false, values: undefined } }),
    );
    expect(result.keys).toEqual([
      { name: 'A', inAws: true, unknown: ['secret'] },
      { name: 'B', inAws: true, unknown: ['secret'] },
    ]);
  });

  it('error: the AWS document is not a JSON object of strings', () => {
    expect(
      deriveStatus(
        facts({ aws: { values: undefined, invalidDocument: true } }),
      ),
    ).toMatchObject({
      status: 'error',
      reason: { code: 'invalid', hop: 'aws' },
    });
  });
});
