import { decideAction, ReconcileFacts, sameData } from './decideAction';

const upstreamData = { API_TOKEN: 'from-aws', REGION: 'eu' };

describe('decideAction: the reconcile table of docs/operator-contract.md', () => {
  it.each<[string, ReconcileFacts, ReturnType<typeof decideAction>]>([
    [
      'row 1: off, no Secret -> no-op',
      { optedIn: false, local: { state: 'absent' } },
      { type: 'noop', reason: 'not-enabled' },
    ],
    [
      'row 2: off, owned Secret -> delete',
      { optedIn: false, local: { state: 'owned', data: upstreamData } },
      { type: 'delete' },
    ],
    [
      'row 3: off, unowned Secret -> leave alone',
      { optedIn: false, local: { state: 'unowned' } },
      { type: 'noop', reason: 'unowned' },
    ],
    [
      'row 4: on, upstream missing, no Secret -> no-op',
      {
        optedIn: true,
        upstream: { state: 'missing' },
        local: { state: 'absent' },
      },
      { type: 'noop', reason: 'upstream-missing' },
    ],
    [
      'row 5: on, upstream missing, owned Secret -> delete',
      {
        optedIn: true,
        upstream: { state: 'missing' },
        local: { state: 'owned', data: upstreamData },
      },
      { type: 'delete' },
    ],
    [
      'row 6: on, upstream present, no Secret -> create',
      {
        optedIn: true,
        upstream: { state: 'present', data: upstreamData },
        local: { state: 'absent' },
      },
      { type: 'create', data: upstreamData },
    ],
    [
      'row 7: on, upstream present, owned Secret drifted -> update',
      {
        optedIn: true,
        upstream: { state: 'present', data: upstreamData },
        local: { state: 'owned', data: { API_TOKEN: 'stale', REGION: 'eu' } },
      },
      { type: 'update', data: upstreamData },
    ],
    [
      'row 8: on, upstream present, owned Secret matches -> no write',
      {
        optedIn: true,
        upstream: { state: 'present', data: upstreamData },
        local: {
          state: 'owned',
          data: { REGION: 'eu', API_TOKEN: 'from-aws' },
        },
      },
      { type: 'noop', reason: 'in-sync' },
    ],
    [
      'row 9: on, upstream present, unowned Secret -> no-op',
      {
        optedIn: true,
        upstream: { state: 'present', data: upstreamData },
        local: { state: 'unowned' },
      },
      { type: 'noop', reason: 'unowned' },
    ],
  ])('%s', (_row, facts, expected) => {
    expect(decideAction(facts)).toEqual(expected);
  });

  it('never deletes an unowned Secret when the upstream document is gone', () => {
    expect(
      decideAction({
        optedIn: true,
        upstream: { state: 'missing' },
        local: { state: 'unowned' },
      }),
    ).toEqual({ type: 'noop', reason: 'unowned' });
  });

  it('updates an owned Secret that gained or lost a key', () => {
    expect(
      decideAction({
        optedIn: true,
        upstream: { state: 'present', data: { A: '1' } },
        local: { state: 'owned', data: { A: '1', B: '2' } },
      }),
    ).toEqual({ type: 'update', data: { A: '1' } });
    expect(
      decideAction({
        optedIn: true,
        upstream: { state: 'present', data: { A: '1', B: '2' } },
        local: { state: 'owned', data: { A: '1' } },
      }),
    ).toEqual({ type: 'update', data: { A: '1', B: '2' } });
  });

  describe('the AWS version stamp', () => {
    const present = { state: 'present' as const, data: upstreamData };

    it('is written with the data on create and on update', () => {
      expect(
        decideAction({
          optedIn: true,
          upstream: { ...present, versionId: 'v2' },
          local: { state: 'absent' },
        }),
      ).toEqual({ type: 'create', data: upstreamData, versionId: 'v2' });
      expect(
        decideAction({
          optedIn: true,
          upstream: { ...present, versionId: 'v2' },
          local: {
            state: 'owned',
            data: { API_TOKEN: 'old' },
            versionId: 'v1',
          },
        }),
      ).toEqual({ type: 'update', data: upstreamData, versionId: 'v2' });
    });

    it('costs no write when data and stamp both match', () => {
      expect(
        decideAction({
          optedIn: true,
          upstream: { ...present, versionId: 'v2' },
          local: { state: 'owned', data: upstreamData, versionId: 'v2' },
        }),
      ).toEqual({ type: 'noop', reason: 'in-sync' });
    });

    it('is corrected when the data matches a version it does not name', () => {
      expect(
        decideAction({
          optedIn: true,
          upstream: { ...present, versionId: 'v3' },
          local: { state: 'owned', data: upstreamData, versionId: 'v2' },
        }),
      ).toEqual({ type: 'update', data: upstreamData, versionId: 'v3' });
      expect(
        decideAction({
          optedIn: true,
          upstream: { ...present, versionId: 'v3' },
          local: { state: 'owned', data: upstreamData },
        }),
      ).toEqual({ type: 'update', data: upstreamData, versionId: 'v3' });
    });

    it('is left alone when AWS names no version', () => {
      expect(
        decideAction({
          optedIn: true,
          upstream: present,
          local: { state: 'owned', data: upstreamData, versionId: 'v2' },
        }),
      ).toEqual({ type: 'noop', reason: 'in-sync' });
    });
  });

  it('materialises an empty upstream object as an empty Secret', () => {
    expect(
      decideAction({
        optedIn: true,
        upstream: { state: 'present', data: {} },
        local: { state: 'absent' },
      }),
    ).toEqual({ type: 'create', data: {} });
  });
});

describe('sameData', () => {
  it('compares key sets and values, not key order', () => {
    expect(sameData({ A: '1', B: '2' }, { B: '2', A: '1' })).toBe(true);
    expect(sameData({ A: '1' }, { A: '2' })).toBe(false);
    expect(sameData({ A: '1' }, { B: '1' })).toBe(false);
    expect(sameData({}, {})).toBe(true);
  });

  it('does not treat inherited properties as keys', () => {
    expect(sameData({ toString: 'x' }, {})).toBe(false);
    expect(sameData({}, { constructor: 'x' })).toBe(false);
  });
});
