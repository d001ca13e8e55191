import type {
  HistoryRecord,
  HistoryVersion,
} from '@internal/plugin-secrets-sync-common';

/** The first characters of a version id, enough to tell versions apart. */
export function shortVersion(versionId: string): string {
  return versionId.length > 8 ? versionId.slice(0, 8) : versionId;
}

/** Who made the version current, as a person reads it. */
export function describeAuthor(version: HistoryVersion): string {
  const names = (records: HistoryRecord[]) =>
    [...new Set(records.map(r => r.actor.replace(/^user:default\//, '')))].join(
      ', ',
    );
  const written = version.records.filter(
    r => r.action === 'write' && r.outcome === 'written',
  );
  const rolledBack = version.records.filter(
    r => r.action === 'rollback' && r.outcome === 'written',
  );
  const parts: string[] = [];
  if (written.length) parts.push(`written by ${names(written)}`);
  else if (version.source === 'outside')
    parts.push('written outside the portal');
  if (rolledBack.length) parts.push(`restored by ${names(rolledBack)}`);
  return parts.join('; ');
}

/** One line per kind of change, for keys only: "added A, B". */
export function describeChanges(version: HistoryVersion): string[] {
  if (!version.changes) {
    return [`changes unknown: ${version.changesUnknown ?? 'not read'}`];
  }
  const { added, changed, removed } = version.changes;
  const lines = [
    added.length ? `added ${added.join(', ')}` : '',
    changed.length ? `changed ${changed.join(', ')}` : '',
    removed.length ? `removed ${removed.join(', ')}` : '',
  ].filter(Boolean);
  return lines.length ? lines : ['no key changed'];
}

/** When the version was made: the portal's record of its write, else AWS's date. */
export function versionTime(version: HistoryVersion): Date | undefined {
  const written = version.records.find(
    r => r.action === 'write' && r.outcome === 'written',
  );
  return written?.recordedAt ?? version.createdAt;
}
