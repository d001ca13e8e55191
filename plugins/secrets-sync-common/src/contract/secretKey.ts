/**
 * Keys are consumed through `envFrom`, so they must be valid environment
 * variable names. This is the one key rule: the operator refuses a document
 * with any other key, the portal reports that document as invalid, and the
 * write paths refuse to create one.
 *
 * @public
 */
export const SECRET_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Longest key name: Kubernetes' limit on a Secret data key.
 *
 * @public
 */
export const MAX_SECRET_KEY_LENGTH = 253;

/**
 * The key rule in words, for messages that explain a refusal.
 *
 * @public
 */
export const SECRET_KEY_RULE =
  'letters, digits and underscores, not starting with a digit';

/**
 * True when `key` may name a value of a secret document: an environment
 * variable name of at most {@link MAX_SECRET_KEY_LENGTH} characters.
 *
 * @public
 */
export function isValidSecretKey(key: string): boolean {
  return key.length <= MAX_SECRET_KEY_LENGTH && SECRET_KEY_PATTERN.test(key);
}
