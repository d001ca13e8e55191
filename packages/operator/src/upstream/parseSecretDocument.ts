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
 * Kubernetes' rule for Secret data keys.
 */
const SECRET_DATA_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * Parses the `SecretString` of an AWS Secrets Manager secret into the
 * Secret's data: a JSON object whose values are all strings. `null`, arrays,
 * numbers and nested objects are rejected rather than coerced, so the Secret
 * never holds something the tenant did not write.
 *
 * @throws InvalidUpstreamDocumentError, whose message never includes the
 *   document's text (JSON.parse's own message quotes it).
 * @public
 */
export function parseSecretDocument(
  secretString: string | undefined,
): Record<string, string> {
  if (secretString === undefined) {
    throw new InvalidUpstreamDocumentError(
      'the secret has no SecretString (binary secrets are not supported)',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    throw new InvalidUpstreamDocumentError('the secret is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidUpstreamDocumentError(
      'the secret must be a JSON object of string values',
    );
  }
  const entries = Object.entries(parsed as Record<string, unknown>);
  const notStrings = entries
    .filter(([, value]) => typeof value !== 'string')
    .map(([key]) => key);
  if (notStrings.length > 0) {
    throw new InvalidUpstreamDocumentError(
      `values must be strings; not a string: ${describeKeys(notStrings)}`,
    );
  }
  const badKeys = entries
    .map(([key]) => key)
    .filter(key => !SECRET_DATA_KEY.test(key));
  if (badKeys.length > 0) {
    throw new InvalidUpstreamDocumentError(
      `key names must consist of letters, digits, '-', '_' or '.'; invalid: ${describeKeys(
        badKeys,
      )}`,
    );
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

function describeKeys(keys: string[]): string {
  const shown = keys.slice(0, 5).map(key => JSON.stringify(key.slice(0, 64)));
  return keys.length > 5
    ? `${shown.join(', ')} and ${keys.length - 5} more`
    : shown.join(', ');
}
