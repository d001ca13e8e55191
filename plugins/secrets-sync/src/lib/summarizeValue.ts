import { findInvalidValueCharacter } from '@internal/plugin-secrets-sync-common';

/**
 * What the write dialog keeps about a value while it is typed: enough to
 * validate the draft (emptiness, size, a forbidden character), never the
 * value itself, which stays in its input element only.
 */
export interface ValueSummary {
  empty: boolean;
  /** Bytes of the value as a JSON string, quotes included. */
  jsonBytes: number;
  /** The code point of a control character the backend refuses, if any. */
  invalidCharacter?: number;
}

const encoder = new TextEncoder();

/** Bytes of a string serialised as JSON, as the backend serialises the document. */
export function jsonBytes(text: string): number {
  return encoder.encode(JSON.stringify(text)).length;
}

/** The {@link ValueSummary} of a value, computed where it is typed. */
export function summarizeValue(value: string): ValueSummary {
  const invalidCharacter = findInvalidValueCharacter(value);
  return {
    empty: value === '',
    jsonBytes: jsonBytes(value),
    ...(invalidCharacter !== undefined ? { invalidCharacter } : {}),
  };
}

/** The summary of a value not typed yet. */
export const EMPTY_VALUE: ValueSummary = Object.freeze({
  empty: true,
  jsonBytes: 2,
});
