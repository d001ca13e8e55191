import fc from 'fast-check';
import {
  MAX_SECRET_DOCUMENT_BYTES,
  secretDocumentBytes,
  sortedObject,
  validateSecretKeyName,
} from '@internal/plugin-secrets-sync-common';

const KEY_HEAD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_';
const KEY_TAIL = `${KEY_HEAD}0123456789`;

/** Environment variable names, the shape `envFrom` accepts. */
const envVarName = fc
  .tuple(
    fc.constantFrom(...KEY_HEAD),
    fc.string({ unit: fc.constantFrom(...KEY_TAIL), maxLength: 252 }),
  )
  .map(([head, tail]) => head + tail);

/** Kubernetes' rule for a Secret data key (IsConfigMapKey). */
const KUBERNETES_SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/** Any string at all, including lone surrogates and control characters. */
const anyString = fc.string({ unit: 'binary', maxLength: 300 });

/** Secret documents with any values, keys as the backend accepts them. */
const document = fc.dictionary(envVarName, anyString, { maxKeys: 20 });

describe('validateSecretKeyName', () => {
  it('accepts every environment variable name up to 253 characters', () => {
    fc.assert(
      fc.property(envVarName, key => {
        expect(validateSecretKeyName(key)).toBeUndefined();
      }),
    );
  });

  it('accepts only keys Kubernetes can store in a Secret and a shell can export', () => {
    const candidate = fc.oneof(
      anyString,
      envVarName,
      fc.tuple(envVarName, anyString).map(([a, b]) => a + b),
      fc.tuple(anyString, envVarName).map(([a, b]) => a + b),
    );
    const check = () =>
      fc.assert(
        fc.property(
          candidate,
          key =>
            validateSecretKeyName(key) !== undefined ||
            (KUBERNETES_SECRET_KEY.test(key) &&
              key.length <= 253 &&
              !/^[0-9]/.test(key) &&
              !/[-.]/.test(key)),
        ),
        { numRuns: 2000 },
      );
    expect(check).not.toThrow();
  });

  it('rejects a key with any character outside [A-Za-z0-9_], with a message naming the rule', () => {
    const bad = fc
      .tuple(
        envVarName,
        anyString.filter(s => /[^A-Za-z0-9_]/.test(s)),
      )
      .map(([good, junk]) => (good + junk).slice(0, 253))
      .filter(key => /[^A-Za-z0-9_]/.test(key));
    fc.assert(
      fc.property(bad, key => {
        expect(validateSecretKeyName(key)).toMatch(
          /letters, digits and underscores/,
        );
      }),
    );
  });

  it('rejects keys starting with a digit, empty keys and keys over 253 characters', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc
            .tuple(fc.constantFrom(...'0123456789'), envVarName)
            .map(([digit, rest]) => (digit + rest).slice(0, 253)),
          fc.constant(''),
          fc
            .tuple(
              envVarName,
              fc.string({
                unit: fc.constantFrom(...KEY_TAIL),
                minLength: 254,
                maxLength: 400,
              }),
            )
            .map(([head, tail]) => head + tail),
        ),
        key => {
          expect(validateSecretKeyName(key)).toEqual(expect.any(String));
        },
      ),
    );
  });

  it('never echoes more than 40 characters of an overlong key', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 254, maxLength: 2000 }), key => {
        const message = validateSecretKeyName(key) ?? '';
        expect(message).not.toContain(key.slice(0, 41));
      }),
    );
  });
});

describe('secretDocumentBytes', () => {
  it('is the UTF-8 size of the JSON text AWS Secrets Manager stores, whatever the key order', () => {
    fc.assert(
      fc.property(document, fc.integer(), (values, seed) => {
        const keys = Object.keys(values);
        const shuffled = Object.fromEntries(
          keys
            .map((key, i) => [key, (i * 7919 + seed) % 104729] as const)
            .sort((a, b) => a[1] - b[1])
            .map(([key]) => [key, values[key]]),
        );
        const stored = JSON.stringify(sortedObject(values));
        expect(secretDocumentBytes(shuffled)).toBe(
          Buffer.byteLength(stored, 'utf8'),
        );
        expect(JSON.parse(stored)).toEqual(values);
      }),
      { numRuns: 500 },
    );
  });

  it('grows when a key is added, so the 65,536-byte check cannot be dodged by splitting a write', () => {
    fc.assert(
      fc.property(document, envVarName, anyString, (values, key, value) => {
        fc.pre(!(key in values));
        expect(
          secretDocumentBytes({ ...values, [key]: value }),
        ).toBeGreaterThan(secretDocumentBytes(values));
      }),
    );
  });

  it('measures multi-byte values in bytes, not characters', () => {
    const emoji = '\u{1F511}';
    const count = Math.floor(MAX_SECRET_DOCUMENT_BYTES / 4);
    const values = { KEY: emoji.repeat(count) };
    expect(JSON.stringify(values).length).toBeLessThan(
      MAX_SECRET_DOCUMENT_BYTES,
    );
    expect(secretDocumentBytes(values)).toBeGreaterThan(
      MAX_SECRET_DOCUMENT_BYTES,
    );
  });
});

describe('sortedObject', () => {
  it('keeps every entry, orders keys, and is idempotent', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.oneof(
            anyString,
            fc.constantFrom('__proto__', 'constructor', 'toString'),
          ),
          anyString,
        ),
        values => {
          const sorted = sortedObject(values);
          expect(Object.keys(sorted)).toEqual(Object.keys(values).sort());
          for (const key of Object.keys(values)) {
            expect(Object.prototype.hasOwnProperty.call(sorted, key)).toBe(
              true,
            );
            expect(sorted[key]).toBe(values[key]);
          }
          expect(JSON.stringify(sortedObject(sorted))).toBe(
            JSON.stringify(sorted),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
