import { joinHistory, KnownDigests } from './joinHistory';
import type { WriteRecord } from './types';

const v = (versionId: string, stages: string[] = []) => ({
  versionId,
  stages,
  createdAt: new Date(0),
});

const write = (versionId: string, keysSet: string[]): WriteRecord => ({
  entityRef: 'component:default/web',
  environment: 'prod',
  accountId: '222222222222',
  secretName: 'sites/web/build',
  action: 'write',
  actor: 'user:default/ana',
  outcome: 'written',
  versionId,
  keysSet,
  keysUnset: [],
  recordedAt: new Date(1000),
});

const known = (entries: Record<string, Record<string, string> | string>) =>
  new Map<string, KnownDigests>(
    Object.entries(entries).map(([id, digests]) => [
      id,
      typeof digests === 'string'
        ? { ok: false, why: digests }
        : { ok: true, digests },
    ]),
  );

describe('joinHistory', () => {
  it('marks versions no portal write made as written outside the portal', () => {
    const { versions } = joinHistory({
      versions: [v('v1'), v('v2', ['AWSCURRENT'])],
      truncated: false,
      digests: known({ v1: { A: 'a' }, v2: { A: 'b' } }),
      records: [write('v1', ['A'])],
      restricted: false,
    });
    expect(versions.map(x => [x.versionId, x.source, x.current])).toEqual([
      ['v1', 'portal', false],
      ['v2', 'outside', true],
    ]);
    expect(versions[1].changes).toEqual({
      added: [],
      changed: ['A'],
      removed: [],
    });
  });

  it('in a restricted environment counts a key a portal write set as changed even when its digest is equal', () => {
    const args = {
      versions: [v('v1'), v('v2')],
      truncated: false,
      digests: known({ v1: { A: 'same', B: 'b' }, v2: { A: 'same', B: 'b' } }),
      records: [write('v2', ['A'])],
    };
    expect(
      joinHistory({ ...args, restricted: true }).versions[1].changes,
    ).toEqual({ added: [], changed: ['A'], removed: [] });
    expect(
      joinHistory({ ...args, restricted: false }).versions[1].changes,
    ).toEqual({ added: [], changed: [], removed: [] });
  });

  it('says why changes are unknown: an unreadable version, or the one before it not listed', () => {
    const { versions } = joinHistory({
      versions: [v('v2'), v('v3')],
      truncated: true,
      digests: known({
        v2: { A: 'a' },
        v3: 'its document is not a JSON object of string values',
      }),
      records: [],
      restricted: false,
    });
    expect(versions.map(x => x.changesUnknown)).toEqual([
      'the version before it is not listed',
      'its document is not a JSON object of string values',
    ]);
  });

  it('compares a version written after a rollback with the version the rollback made current', () => {
    const at = (ms: number) => new Date(ms);
    const rollback: WriteRecord = {
      ...write('v1', ['A']),
      action: 'rollback',
      fromVersionId: 'v2',
      recordedAt: at(2500),
    };
    const { versions } = joinHistory({
      versions: [v('v1'), v('v2'), v('v3', ['AWSCURRENT'])],
      truncated: false,
      digests: known({
        v1: { A: 'a' },
        v2: { A: 'a', EXTRA: 'x' },
        v3: { A: 'a', NEW: 'n' },
      }),
      records: [
        { ...write('v1', ['A']), recordedAt: at(1000) },
        { ...write('v2', ['EXTRA']), recordedAt: at(2000) },
        rollback,
        { ...write('v3', ['NEW']), recordedAt: at(3000) },
      ],
      restricted: false,
    });
    // v3 was written onto v1, which the rollback made current: EXTRA was never in its base
    expect(versions[2].changes).toEqual({
      added: ['NEW'],
      changed: [],
      removed: [],
    });
    expect(versions[1].changes).toEqual({
      added: ['EXTRA'],
      changed: [],
      removed: [],
    });
  });

  it('keeps records of failed writes, which made no version, apart', () => {
    const failed: WriteRecord = {
      ...write('v1', ['A']),
      versionId: undefined,
      outcome: 'failed',
    };
    const { versions, unversioned } = joinHistory({
      versions: [v('v1')],
      truncated: false,
      digests: known({ v1: { A: 'a' } }),
      records: [failed],
      restricted: false,
    });
    expect(versions[0].source).toBe('outside');
    expect(unversioned).toEqual([
      expect.objectContaining({ outcome: 'failed', keysSet: ['A'] }),
    ]);
  });
});
