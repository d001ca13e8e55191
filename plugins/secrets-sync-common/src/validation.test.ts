import {
  findInvalidValueCharacter,
  normalizeTenantKey,
  validateSecretKeyName,
  validateSecretValue,
} from './validation';

const CANARY = 'hunter2-canary';

describe('validateSecretKeyName', () => {
  it('accepts environment variable names', () => {
    expect(validateSecretKeyName('DB_PASSWORD')).toBeUndefined();
    expect(validateSecretKeyName('_x9')).toBeUndefined();
  });

  it.each([
    [`DB_PASSWORD=${CANARY}`, 'not a valid environment variable name'],
    [`9${CANARY}`, 'not a valid environment variable name'],
    [`A${'x'.repeat(300)}${CANARY}`, 'longer than 253 characters'],
  ])('names an invalid key by its position, never by its text', (key, why) => {
    const message = validateSecretKeyName(key, 'set key 3');
    expect(message).toContain(`set key 3 is ${why}`);
    expect(message).not.toContain(CANARY);
    expect(message).not.toContain('DB_PASSWORD');
  });

  it('says "This key" when no position is given', () => {
    expect(validateSecretKeyName('')).toBe(
      'This key is empty: key names must not be empty',
    );
    expect(validateSecretKeyName(42)).toBe('This key is not a string');
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses the reserved name %s',
    key => {
      expect(validateSecretKeyName(key, 'unset key 1')).toMatch(
        /^unset key 1 is a reserved name/,
      );
    },
  );
});

describe('findInvalidValueCharacter', () => {
  it('allows tab, line feed, carriage return and everything printable', () => {
    expect(
      findInvalidValueCharacter('a\tb\nc\r\nd é 🔑 \u0080 \u00a0'),
    ).toBeUndefined();
  });

  it.each([
    ['\u0000', 0x00],
    ['\u0001', 0x01],
    ['\u0008', 0x08],
    ['\u000b', 0x0b],
    ['\u000c', 0x0c],
    ['\u001b', 0x1b],
    ['\u001f', 0x1f],
    ['\u007f', 0x7f],
  ])('finds %j', (character, code) => {
    expect(findInvalidValueCharacter(`ok${character}ok`)).toBe(code);
  });
});

describe('validateSecretValue', () => {
  it('refuses NUL, naming the key and the code point but not the value', () => {
    const message = validateSecretValue('NODE_OPTIONS', `${CANARY}\u0000x`);
    expect(message).toBe(
      'The value of NODE_OPTIONS contains the control character U+0000: values may hold tab, line feed and carriage return, no other control characters',
    );
    expect(message).not.toContain(CANARY);
  });

  it('refuses values that are not strings', () => {
    expect(validateSecretValue('A', 1)).toBe('The value of A is not a string');
  });

  it('accepts a multi-line value', () => {
    expect(
      validateSecretValue('PEM', '-----BEGIN-----\r\nabc\n-----END-----\n'),
    ).toBeUndefined();
  });
});

describe('normalizeTenantKey', () => {
  it('takes the annotation exactly as written; empty is absent', () => {
    expect(normalizeTenantKey(undefined)).toBeUndefined();
    expect(normalizeTenantKey('')).toBeUndefined();
    expect(normalizeTenantKey('web')).toBe('web');
    expect(normalizeTenantKey('web ')).toBe('web ');
    expect(normalizeTenantKey(' ')).toBe(' ');
    expect(normalizeTenantKey('Web')).toBe('Web');
  });
});
