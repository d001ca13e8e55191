import type { HistoryVersion } from '@internal/plugin-secrets-sync-common';
import {
  describeAuthor,
  describeChanges,
  shortVersion,
} from './describeVersion';

const version = (over: Partial<HistoryVersion>): HistoryVersion => ({
  versionId: '0123456789abcdef',
  stages: [],
  current: false,
  source: 'portal',
  records: [],
  ...over,
});

const record = (action: 'write' | 'rollback', actor: string) => ({
  action,
  actor,
  outcome: 'written' as const,
  recordedAt: new Date(0),
  keysSet: [],
  keysUnset: [],
});

describe('describeVersion', () => {
  it('names who wrote a version and who rolled back to it', () => {
    expect(
      describeAuthor(
        version({
          records: [
            record('write', 'user:default/ana'),
            record('rollback', 'user:default/bo'),
          ],
        }),
      ),
    ).toBe('written by ana; restored by bo');
  });

  it('says a version no portal write made was written outside the portal', () => {
    expect(describeAuthor(version({ source: 'outside' }))).toBe(
      'written outside the portal',
    );
  });

  it('lists keys added, changed and removed, or why they are unknown', () => {
    expect(
      describeChanges(
        version({
          changes: { added: ['A'], changed: ['B', 'C'], removed: [] },
        }),
      ),
    ).toEqual(['added A', 'changed B, C']);
    expect(
      describeChanges(
        version({ changes: { added: [], changed: [], removed: [] } }),
      ),
    ).toEqual(['no key changed']);
    expect(
      describeChanges(
        version({ changesUnknown: 'the version before it is not listed' }),
      ),
    ).toEqual(['changes unknown: the version before it is not listed']);
  });

  it('shortens version ids to eight characters', () => {
    expect(shortVersion('0123456789abcdef')).toBe('01234567');
  });
});
