/** How one version's keys differ from the version before it. */
export interface KeyChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

/**
 * The keys added, changed and removed from `before` to `after`, compared by
 * digest. With no `before` (the first version) every key is added.
 */
export function compareVersions(
  before: Record<string, string> | undefined,
  after: Record<string, string>,
): KeyChanges {
  const previous = before ?? {};
  const keys = Object.keys(after).sort();
  return {
    added: keys.filter(key => !(key in previous)),
    changed: keys.filter(
      key => key in previous && previous[key] !== after[key],
    ),
    removed: Object.keys(previous)
      .filter(key => !(key in after))
      .sort(),
  };
}
