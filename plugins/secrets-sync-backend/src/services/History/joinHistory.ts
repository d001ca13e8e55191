import type {
  HistoryRecord,
  HistoryVersion,
} from '@internal/plugin-secrets-sync-common';
import { compareVersions } from './compareVersions';
import type { SecretVersion } from './createSecretVersions';
import type { WriteRecord } from './types';

/** A version's digests as known: the digests, or why there are none. */
export type KnownDigests =
  | { ok: true; digests: Record<string, string> }
  | { ok: false; why: string };

/** A record as the API shows it: key names and who, never a value or a digest. */
export function toHistoryRecord(record: WriteRecord): HistoryRecord {
  return {
    action: record.action,
    actor: record.actor,
    outcome: record.outcome,
    recordedAt: record.recordedAt,
    ...(record.versionId ? { versionId: record.versionId } : {}),
    ...(record.fromVersionId ? { fromVersionId: record.fromVersionId } : {}),
    keysSet: record.keysSet,
    keysUnset: record.keysUnset,
    ...(record.mode ? { mode: record.mode } : {}),
  };
}

function madeByPortal(records: WriteRecord[]): boolean {
  return records.some(
    record => record.action === 'write' && record.outcome === 'written',
  );
}

/**
 * In a restricted environment a key a portal write set counts as changed
 * whenever it was there before, whatever the digests say: otherwise writing
 * a guess and reading the history would tell whether the guess was the
 * value, which a person who may write but not read must not learn.
 */
function maskRestricted(
  changes: ReturnType<typeof compareVersions>,
  records: WriteRecord[],
  before: Record<string, string> | undefined,
) {
  const set = new Set(
    records
      .filter(record => record.action === 'write')
      .flatMap(record => record.keysSet),
  );
  const changed = new Set(changes.changed);
  for (const key of set) {
    if (before && key in before) {
      changed.add(key);
    }
  }
  return { ...changes, changed: [...changed].sort() };
}

/**
 * The history as the API answers it, pure: AWS's versions (oldest first)
 * with the records that name each, and each version's keys added, changed
 * and removed relative to the version before it.
 *
 * | the version | `source` | changes |
 * |---|---|---|
 * | a record of a portal write made it | `portal` | from digests (masked in restricted environments) |
 * | no portal write made it | `outside` | from digests |
 * | its digests or the previous version's are unknown | either | `changesUnknown` says why |
 * | the first listed, with older versions not listed | either | `changesUnknown` |
 */
export function joinHistory(options: {
  versions: SecretVersion[];
  /** Whether older versions exist than the first of `versions`. */
  truncated: boolean;
  digests: Map<string, KnownDigests>;
  records: WriteRecord[];
  restricted: boolean;
}): { versions: HistoryVersion[]; unversioned: HistoryRecord[] } {
  const { versions, truncated, digests, restricted } = options;
  const records = [...options.records].sort(
    (a, b) => a.recordedAt.getTime() - b.recordedAt.getTime(),
  );
  const listed = new Set(versions.map(version => version.versionId));
  const byVersion = new Map<string, WriteRecord[]>();
  for (const record of records) {
    if (record.versionId && listed.has(record.versionId)) {
      byVersion.set(record.versionId, [
        ...(byVersion.get(record.versionId) ?? []),
        record,
      ]);
    }
  }

  const joined = versions.map((version, index): HistoryVersion => {
    const own = byVersion.get(version.versionId) ?? [];
    const base: HistoryVersion = {
      versionId: version.versionId,
      stages: version.stages,
      ...(version.createdAt ? { createdAt: version.createdAt } : {}),
      current: version.stages.includes('AWSCURRENT'),
      source: madeByPortal(own) ? 'portal' : 'outside',
      records: own.map(toHistoryRecord),
    };
    const after = digests.get(version.versionId);
    if (!after?.ok) {
      return { ...base, changesUnknown: after?.why ?? 'not read' };
    }
    if (index === 0) {
      return truncated
        ? { ...base, changesUnknown: 'the version before it is not listed' }
        : { ...base, changes: compareVersions(undefined, after.digests) };
    }
    const before = digests.get(versions[index - 1].versionId);
    if (!before?.ok) {
      return {
        ...base,
        changesUnknown: `the version before it is unknown: ${
          before?.why ?? 'not read'
        }`,
      };
    }
    const changes = compareVersions(before.digests, after.digests);
    return {
      ...base,
      changes: restricted
        ? maskRestricted(changes, own, before.digests)
        : changes,
    };
  });

  return {
    versions: joined,
    unversioned: records
      .filter(record => !record.versionId || !listed.has(record.versionId))
      .map(toHistoryRecord),
  };
}
