import { sortedObject } from '@internal/plugin-secrets-sync-common';

/**
 * A change to a secret document: keys to set and keys to unset, merged with
 * what is stored, or `set` as the whole document.
 */
export interface SecretChange {
  mode: 'merge' | 'replace';
  set: Record<string, string>;
  unset: string[];
}

/**
 * Applies a change to the stored values, returning the new document. The
 * document format itself (parse, serialise, size) is `-common`'s
 * `parseSecretDocument` and `serializeSecretDocument`.
 */
export function applySecretChange(
  current: Record<string, string>,
  change: SecretChange,
): Record<string, string> {
  if (change.mode === 'replace') {
    return sortedObject(change.set);
  }
  const next: Record<string, string> = { ...current, ...change.set };
  for (const key of change.unset) {
    delete next[key];
  }
  return sortedObject(next);
}
