/**
 * AWS Secrets Manager's limit on a secret value, in bytes.
 *
 * @public
 */
export const MAX_SECRET_DOCUMENT_BYTES = 65536;

/**
 * Keys are consumed through `envFrom`, so they must be valid environment
 * variable names.
 *
 * @public
 */
export const SECRET_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Default pattern a tenant key must match: a DNS label of at most 57
 * characters, so that seed 001's namespace `sites-<tenant>` stays within
 * Kubernetes' 63 and the AWS key derived from it is valid.
 *
 * @public
 */
export const DEFAULT_TENANT_KEY_PATTERN =
  '^[a-z0-9]([-a-z0-9]{0,55}[a-z0-9])?$';

/**
 * Returns a message explaining why a key name is invalid, or undefined.
 *
 * @public
 */
export function validateSecretKeyName(key: string): string | undefined {
  if (key.length === 0) {
    return 'Key names must not be empty';
  }
  if (key.length > 253) {
    return `Key "${key.slice(0, 40)}…" is longer than 253 characters`;
  }
  if (!SECRET_KEY_PATTERN.test(key)) {
    return `Key "${key}" is not a valid environment variable name: use letters, digits and underscores, not starting with a digit`;
  }
  return undefined;
}

/**
 * Size in bytes of the JSON document stored in AWS Secrets Manager for
 * these values, as the backend serialises it.
 *
 * @public
 */
export function secretDocumentBytes(values: Record<string, string>): number {
  return new TextEncoder().encode(JSON.stringify(sortedObject(values))).length;
}

/**
 * Copy of a string map with keys in sorted order, so serialisation is stable.
 *
 * @public
 */
export function sortedObject(
  values: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.keys(values)
      .sort()
      .map(key => [key, values[key]]),
  );
}
