import {
  isValidSecretKey,
  MAX_SECRET_KEY_LENGTH,
  SECRET_KEY_RULE,
} from './contract';

/**
 * Key names a write refuses although they pass the document's key rule
 * ({@link isValidSecretKey}): as object keys they reach an object's
 * prototype, not a property of its own. A document that already holds one
 * is still read.
 *
 * @public
 */
export const RESERVED_SECRET_KEY_NAMES: readonly string[] = Object.freeze([
  '__proto__',
  'constructor',
  'prototype',
]);

/**
 * Default pattern a tenant key must match: a DNS label of at most 57
 * characters, so that the default namespace `sites-<tenant>`
 * (docs/operator-contract.md) stays within
 * Kubernetes' 63 and the AWS key derived from it is valid.
 *
 * @public
 */
export const DEFAULT_TENANT_KEY_PATTERN =
  '^[a-z0-9]([-a-z0-9]{0,55}[a-z0-9])?$';

/**
 * Returns a message explaining why a key name is invalid, or undefined.
 * The message names the key by `position` (such as `set key 3`), never by
 * its text: a value pasted into a key field must not be echoed back.
 *
 * @param key - the key name as received
 * @param position - how the message names the key; defaults to `This key`
 * @public
 */
export function validateSecretKeyName(
  key: unknown,
  position: string = 'This key',
): string | undefined {
  if (typeof key !== 'string') {
    return `${position} is not a string`;
  }
  if (key.length === 0) {
    return `${position} is empty: key names must not be empty`;
  }
  if (key.length > MAX_SECRET_KEY_LENGTH) {
    return `${position} is longer than ${MAX_SECRET_KEY_LENGTH} characters`;
  }
  if (!isValidSecretKey(key)) {
    return `${position} is not a valid environment variable name: use ${SECRET_KEY_RULE}`;
  }
  if (RESERVED_SECRET_KEY_NAMES.includes(key)) {
    return `${position} is a reserved name (${RESERVED_SECRET_KEY_NAMES.join(
      ', ',
    )} are refused)`;
  }
  return undefined;
}

/** Tab, line feed and carriage return: the control characters a value may hold. */
const ALLOWED_CONTROL = new Set([0x09, 0x0a, 0x0d]);

/**
 * The code of the first character a secret value may not hold, or
 * undefined: a C0 control character other than tab, line feed and carriage
 * return, or DEL. A NUL cannot reach a process's environment at all (exec
 * fails), and the others corrupt logs and shells that print the variable.
 *
 * @public
 */
export function findInvalidValueCharacter(value: string): number | undefined {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if ((code < 0x20 && !ALLOWED_CONTROL.has(code)) || code === 0x7f) {
      return code;
    }
  }
  return undefined;
}

/**
 * Returns a message explaining why the value of `keyName` cannot be stored,
 * or undefined. The message names the key and the character's code point,
 * never the value. `keyName` must already have passed
 * {@link validateSecretKeyName}.
 *
 * @public
 */
export function validateSecretValue(
  keyName: string,
  value: unknown,
): string | undefined {
  if (typeof value !== 'string') {
    return `The value of ${keyName} is not a string`;
  }
  const code = findInvalidValueCharacter(value);
  return code === undefined
    ? undefined
    : describeInvalidValueCharacter(keyName, code);
}

/**
 * The message for a value holding the character `code` that
 * {@link findInvalidValueCharacter} found: it names the key and the code
 * point, never the value. For callers that hold only the code, such as the
 * write dialog.
 *
 * @public
 */
export function describeInvalidValueCharacter(
  keyName: string,
  code: number,
): string {
  const codePoint = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `The value of ${keyName} contains the control character ${codePoint}: values may hold tab, line feed and carriage return, no other control characters`;
}

/**
 * The tenant key an annotation names, by the one rule every reader applies
 * (the entity mapping, the fleet, the topology): the annotation's value
 * exactly as written, not trimmed nor case-folded, and an empty value is no
 * annotation at all. So `'web '` is not `'web'` but an invalid key wherever
 * it is read, and is refused by the tenant key pattern.
 *
 * @public
 */
export function normalizeTenantKey(
  raw: string | undefined,
): string | undefined {
  return raw === undefined || raw === '' ? undefined : raw;
}
