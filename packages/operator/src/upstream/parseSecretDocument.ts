import {
  describeSecretDocumentRefusal,
  parseSecretDocument as parseDocument,
} from '@internal/plugin-secrets-sync-common';

/**
 * Why an upstream document cannot be materialised. Messages name the problem
 * and, at most, key names: never a value.
 *
 * @public
 */
export class InvalidUpstreamDocumentError extends Error {
  readonly name = 'InvalidUpstreamDocumentError';
}

/**
 * Parses the `SecretString` of an AWS Secrets Manager secret into the
 * Secret's data by the contract's document format (`-common`'s
 * `parseSecretDocument`, which the portal reads with too): a JSON object of
 * string values whose keys are environment variable names, at most
 * 65,536 bytes. `null`, arrays, numbers and nested objects are rejected
 * rather than coerced, so the Secret never holds something the tenant did
 * not write.
 *
 * @throws InvalidUpstreamDocumentError, whose message never includes the
 *   document's text (JSON.parse's own message quotes it). It names up to
 *   five offending keys, for whoever reads the operator's logs and Events.
 * @public
 */
export function parseSecretDocument(
  secretString: string | undefined,
): Record<string, string> {
  const parsed = parseDocument(secretString);
  if (parsed.ok) {
    return parsed.values;
  }
  const { refusal } = parsed;
  const description = describeSecretDocumentRefusal(refusal);
  if (refusal.reason === 'non-string-value') {
    throw new InvalidUpstreamDocumentError(
      `${description}; not a string: ${describeKeys(refusal.keys)}`,
    );
  }
  if (refusal.reason === 'invalid-key') {
    throw new InvalidUpstreamDocumentError(
      `${description}; invalid: ${describeKeys(refusal.keys)}`,
    );
  }
  throw new InvalidUpstreamDocumentError(description);
}

function describeKeys(keys: string[]): string {
  const shown = keys.slice(0, 5).map(key => JSON.stringify(key.slice(0, 64)));
  return keys.length > 5
    ? `${shown.join(', ')} and ${keys.length - 5} more`
    : shown.join(', ');
}
