import { InputError } from '@backstage/errors';
import {
  MAX_SECRET_DOCUMENT_BYTES,
  WriteValuesRequest,
  secretDocumentBytes,
  validateSecretKeyName,
} from '@internal/plugin-secrets-sync-common';
import type { SecretChange } from '../lib/secretDocument';

/**
 * Checks what the schema cannot: key names, overlap, emptiness and size.
 * Messages name keys, never values.
 */
export function parseWriteRequest(body: WriteValuesRequest): {
  environments: string[];
  change: SecretChange;
  confirmRestricted: boolean;
} {
  const mode = body.mode ?? 'merge';
  const set = body.set ?? {};
  const unset = body.unset ?? [];
  const problems = [...Object.keys(set), ...unset]
    .map(key => validateSecretKeyName(key))
    .filter((problem): problem is string => problem !== undefined);
  if (problems.length) {
    throw new InputError(problems.join('; '));
  }
  if (Object.values(set).some(value => typeof value !== 'string')) {
    throw new InputError('Values must be strings');
  }
  const both = unset.filter(key => Object.hasOwn(set, key));
  if (both.length) {
    throw new InputError(`Keys both set and unset: ${both.join(', ')}`);
  }
  if (mode === 'replace' && unset.length) {
    throw new InputError(
      'unset has no meaning with mode "replace": the document becomes exactly set',
    );
  }
  if (mode === 'merge' && Object.keys(set).length === 0 && unset.length === 0) {
    throw new InputError(
      'Nothing to write: give keys in set or unset, or use mode "replace"',
    );
  }
  const bytes = secretDocumentBytes(set);
  if (bytes > MAX_SECRET_DOCUMENT_BYTES) {
    throw new InputError(
      `The values are ${bytes} bytes as a JSON document; AWS Secrets Manager accepts at most ${MAX_SECRET_DOCUMENT_BYTES}`,
    );
  }
  return {
    environments: body.environments,
    change: { mode, set, unset: [...new Set(unset)] },
    confirmRestricted: body.confirmRestricted === true,
  };
}
