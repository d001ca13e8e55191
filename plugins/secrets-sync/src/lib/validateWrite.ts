import {
  MAX_SECRET_DOCUMENT_BYTES,
  validateSecretKeyName,
} from '@internal/plugin-secrets-sync-common';
import { jsonBytes, type ValueSummary } from './summarizeValue';

/**
 * What the write dialog holds before submit: key names, and of each value
 * only its {@link ValueSummary}; the values stay in their inputs.
 */
export interface WriteDraft {
  rows: Array<{ key: string; value: ValueSummary }>;
  unset: string[];
  environments: string[];
  /** Names of the selected environments that are restricted. */
  restrictedSelected: string[];
  confirmRestricted: boolean;
}

/** Problems with a draft: per row, and for the form as a whole. */
export interface WriteDraftProblems {
  rows: Record<number, string>;
  form: string[];
}

/**
 * The backend's input rules (shared from `-common`), applied before the
 * request is sent so that a person sees them next to the field. The backend
 * checks again; this only saves a round trip.
 */
export function validateWriteDraft(draft: WriteDraft): WriteDraftProblems {
  const rows: Record<number, string> = {};
  const form: string[] = [];
  const seen = new Map<string, number>();

  draft.rows.forEach((row, index) => {
    if (row.key === '' && row.value.empty) {
      return;
    }
    const keyProblem = validateSecretKeyName(row.key, `Key ${index + 1}`);
    if (keyProblem) {
      rows[index] = keyProblem;
    } else if (row.value.invalidCharacter !== undefined) {
      rows[index] = `The value of ${
        row.key
      } contains the control character U+${row.value.invalidCharacter
        .toString(16)
        .toUpperCase()
        .padStart(
          4,
          '0',
        )}: values may hold tab, line feed and carriage return, no other control characters`;
    } else if (seen.has(row.key)) {
      rows[index] = `Key "${row.key}" is already set in row ${
        (seen.get(row.key) ?? 0) + 1
      }`;
    } else if (draft.unset.includes(row.key)) {
      rows[index] = `Key "${row.key}" is also marked to unset`;
    }
    seen.set(row.key, index);
  });

  // the document's size as the backend serialises it, from the summaries:
  // {"KEY":"value",...}
  const set = new Map(
    draft.rows.filter(r => r.key !== '').map(r => [r.key, r.value]),
  );
  const bytes =
    2 +
    Math.max(0, set.size - 1) +
    [...set].reduce(
      (sum, [key, value]) => sum + jsonBytes(key) + 1 + value.jsonBytes,
      0,
    );
  if (bytes > MAX_SECRET_DOCUMENT_BYTES) {
    form.push(
      `The values take ${bytes} bytes; AWS Secrets Manager accepts at most ${MAX_SECRET_DOCUMENT_BYTES}`,
    );
  }
  if (set.size === 0 && draft.unset.length === 0) {
    form.push('Add at least one key to set, or choose a key to unset');
  }
  if (draft.environments.length === 0) {
    form.push('Choose at least one environment');
  }
  if (draft.restrictedSelected.length > 0 && !draft.confirmRestricted) {
    form.push(
      `Confirm that you mean to write to ${draft.restrictedSelected.join(
        ', ',
      )}`,
    );
  }
  return { rows, form };
}

/** True when a draft can be sent. */
export function isDraftValid(problems: WriteDraftProblems): boolean {
  return Object.keys(problems.rows).length === 0 && problems.form.length === 0;
}
