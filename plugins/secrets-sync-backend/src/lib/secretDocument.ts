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
 * Parses a stored secret document: a JSON object of string values. Returns
 * undefined for anything else. The error never carries the text, which may
 * hold values.
 */
export function parseSecretDocument(
  text: string | undefined,
): Record<string, string> | undefined {
  if (text === undefined) {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return undefined;
  }
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.some(([, value]) => typeof value !== 'string')) {
    return undefined;
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

/** Applies a change to the stored values, returning the new document. */
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

/** The serialised document, with keys sorted so equal documents are equal text. */
export function serializeSecretDocument(
  values: Record<string, string>,
): string {
  return JSON.stringify(sortedObject(values));
}
