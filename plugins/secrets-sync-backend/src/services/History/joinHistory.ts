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
 * The version each version replaced: the one current when it was made. In
 * creation order that is the version before it, unless a rollback made an
 * earlier one current in between; a rollback is placed after the last
 * version whose time (its portal record's, else AWS's) is not later than
 * the rollback's.
 */
function replacedVersions(
  versions: SecretVersion[],
  records: WriteRecord[],
): Map<string, string | undefined> {
  const timeOf = (version: SecretVersion) =>
    records.find(
      r =>
        r.versionId === version.versionId &&
        r.action === 'write' &&
        r.outcome === 'written',
    )?.recordedAt ?? version.createdAt;
  const rollbacks = records.filter(
    r => r.action === 'rollback' && r.outcome === 'written' && r.versionId,
  );
  const after = new Map<number, WriteRecord[]>();
  for (const rollback of rollbacks) {
    let position = -1;
    versions.forEach((version, index) => {
      const time = timeOf(version);
      if (time && time.getTime() <= rollback.recordedAt.getTime()) {
        position = index;
      }
    });
    after.set(position, [...(after.get(position) ?? []), rollback]);
  }
  const replaced = new Map<string, string | undefined>();
  let current: string | undefined;
  const applyRollbacks = (position: number) => {
    for (const rollback of after.get(position) ?? []) {
      current = rollback.versionId;
    }
  };
  applyRollbacks(-1);
  versions.forEach((version, index) => {
    replaced.set(version.versionId, current);
    current = version.versionId;
    applyRollbacks(index);
  });
  return replaced;
}

/**
 * The history as the API answers it, pure: AWS's versions (oldest first)
 * with the records that name each, and each version's keys added, changed
 * and removed relative to the version it replaced (the one current when it
 * was made).
 *
 * | the version | `source` | changes |
 * |---|---|---|
 * | a record of a portal write made it | `portal` | from digests (masked in restricted environments) |
 * | no portal write made it | `outside` | from digests |
 * | its digests or those of the version it replaced are unknown | either | `changesUnknown` says why |
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

  const replaced = replacedVersions(versions, records);
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
    const previous = replaced.get(version.versionId);
    if (!previous) {
      return truncated && index === 0
        ? { ...base, changesUnknown: 'the version before it is not listed' }
        : { ...base, changes: compareVersions(undefined, after.digests) };
    }
    const before = digests.get(previous);
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
