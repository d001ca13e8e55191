import { InputError } from '@backstage/errors';
import {
  MAX_SECRET_DOCUMENT_BYTES,
  WriteValuesRequest,
  secretDocumentBytes,
  validateSecretKeyName,
  validateSecretValue,
} from '@internal/plugin-secrets-sync-common';
import type { SecretChange } from '../lib/domain/secretDocument';

/** What a write request asks for, once every key and value has been checked. */
export interface ParsedWriteRequest {
  environments: string[];
  change: SecretChange;
  confirmRestricted: boolean;
  /** The key names of `set` and `unset`, each once. */
  validKeyNames: string[];
}

/**
 * A write request refused as malformed (400). Carries the key names that
 * did pass validation, the only ones a refusal may audit.
 */
export class WriteRequestError extends InputError {
  readonly validKeyNames: string[];

  constructor(message: string, validKeyNames: string[]) {
    super(message);
    this.validKeyNames = validKeyNames;
  }
}

type Entry = { key: unknown; position: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every key of `set` and `unset`, with how a message names it. */
function keyEntries(body: unknown): Entry[] {
  const { set, unset } = isPlainObject(body) ? body : {};
  return [
    ...(isPlainObject(set) ? Object.keys(set) : []).map((key, index) => ({
      key,
      position: `set key ${index + 1}`,
    })),
    ...(Array.isArray(unset) ? unset : []).map((key, index) => ({
      key,
      position: `unset key ${index + 1}`,
    })),
  ];
}

/**
 * The key names of a write request body that pass validation, each once,
 * for auditing a request before (or when) it is refused. Never throws,
 * whatever the body is; a name that fails validation is never returned,
 * since it may be a value typed into a key field.
 */
export function validatedKeyNames(body: unknown): string[] {
  try {
    return [
      ...new Set(
        keyEntries(body)
          .map(entry => entry.key)
          .filter(
            (key): key is string =>
              typeof key === 'string' &&
              validateSecretKeyName(key) === undefined,
          ),
      ),
    ];
  } catch {
    return [];
  }
}

/**
 * Checks what the schema cannot: key names, values, overlap, emptiness and
 * size. Messages name an invalid key by its position and a valid one by its
 * name, and never quote a value. Throws {@link WriteRequestError}.
 */
export function parseWriteRequest(
  body: WriteValuesRequest,
): ParsedWriteRequest {
  const validKeyNames = validatedKeyNames(body);
  const refuse = (message: string): never => {
    throw new WriteRequestError(message, validKeyNames);
  };
  if (!isPlainObject(body)) {
    return refuse('The request body must be a JSON object');
  }
  const mode = body.mode ?? 'merge';
  const set: Record<string, unknown> = body.set ?? {};
  const unset: unknown[] = body.unset ?? [];
  if (!isPlainObject(set) || !Array.isArray(unset)) {
    return refuse(
      'set must be an object of strings and unset a list of key names',
    );
  }
  const keyProblems = keyEntries(body)
    .map(({ key, position }) => validateSecretKeyName(key, position))
    .filter((problem): problem is string => problem !== undefined);
  if (keyProblems.length) {
    refuse(keyProblems.join('; '));
  }
  const valueProblems = Object.entries(set)
    .map(([key, value]) => validateSecretValue(key, value))
    .filter((problem): problem is string => problem !== undefined);
  if (valueProblems.length) {
    refuse(valueProblems.join('; '));
  }
  const values = set as Record<string, string>;
  const keysToUnset = [...new Set(unset as string[])];
  const both = keysToUnset.filter(key => Object.hasOwn(values, key));
  if (both.length) {
    refuse(`Keys both set and unset: ${both.join(', ')}`);
  }
  if (mode === 'replace' && keysToUnset.length) {
    refuse(
      'unset has no meaning with mode "replace": the document becomes exactly set',
    );
  }
  if (
    mode === 'merge' &&
    Object.keys(values).length === 0 &&
    !keysToUnset.length
  ) {
    refuse(
      'Nothing to write: give keys in set or unset, or use mode "replace"',
    );
  }
  const bytes = secretDocumentBytes(values);
  if (bytes > MAX_SECRET_DOCUMENT_BYTES) {
    refuse(
      `The values are ${bytes} bytes as a JSON document; AWS Secrets Manager accepts at most ${MAX_SECRET_DOCUMENT_BYTES}`,
    );
  }
  return {
    environments: body.environments,
    change: { mode, set: { ...values }, unset: keysToUnset },
    confirmRestricted: body.confirmRestricted === true,
    validKeyNames,
  };
}
