import type { WriteValuesRequest } from '@internal/plugin-secrets-sync-common';
import {
  WriteRequestError,
  parseWriteRequest,
  validatedKeyNames,
} from './parseWriteRequest';

const CANARY = 'canary-value-7f3a';

function refusal(body: unknown): WriteRequestError {
  try {
    parseWriteRequest(body as WriteValuesRequest);
  } catch (error) {
    return error as WriteRequestError;
  }
  throw new Error('expected a refusal');
}

describe('parseWriteRequest', () => {
  it('returns the change and the validated key names', () => {
    expect(
      parseWriteRequest({
        environments: ['dev'],
        set: { A: '1', B: 'line\nnext\ttab\r' },
        unset: ['C', 'C'],
      }),
    ).toEqual({
      environments: ['dev'],
      change: {
        mode: 'merge',
        set: { A: '1', B: 'line\nnext\ttab\r' },
        unset: ['C'],
      },
      confirmRestricted: false,
      validKeyNames: ['A', 'B', 'C'],
    });
  });

  it('names an invalid key by its position, never by its text, and keeps the valid names', () => {
    const error = refusal({
      environments: ['dev'],
      set: { OK: 'x', [`DB_PASSWORD=${CANARY}`]: 'y' },
      unset: ['GONE', `${CANARY} `],
    });
    expect(error).toBeInstanceOf(WriteRequestError);
    expect(error.name).toBe('InputError');
    expect(error.message).toBe(
      'set key 2 is not a valid environment variable name: use letters, digits and underscores, not starting with a digit; ' +
        'unset key 2 is not a valid environment variable name: use letters, digits and underscores, not starting with a digit',
    );
    expect(error.message).not.toContain(CANARY);
    expect(error.validKeyNames).toEqual(['OK', 'GONE']);
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses the reserved key %s',
    key => {
      const body = JSON.parse(`{"environments":["dev"],"set":{"${key}":"x"}}`);
      expect(refusal(body).message).toBe(
        'set key 1 is a reserved name (__proto__, constructor, prototype are refused)',
      );
      expect(refusal(body).validKeyNames).toEqual([]);
    },
  );

  it.each([
    ['NUL', '\u0000', 'U+0000'],
    ['escape', '\u001b[31m', 'U+001B'],
    ['DEL', '\u007f', 'U+007F'],
  ])(
    'refuses %s in a value, naming the key but not the value',
    (_, bad, code) => {
      const error = refusal({
        environments: ['dev'],
        set: { NODE_OPTIONS: `${CANARY}${bad}` },
      });
      expect(error.message).toBe(
        `The value of NODE_OPTIONS contains the control character ${code}: values may hold tab, line feed and carriage return, no other control characters`,
      );
      expect(error.message).not.toContain(CANARY);
      expect(error.validKeyNames).toEqual(['NODE_OPTIONS']);
    },
  );

  it('refuses values that are not strings without quoting them', () => {
    const error = refusal({ environments: ['dev'], set: { A: 12345 } });
    expect(error.message).toBe('The value of A is not a string');
  });

  it.each([
    [
      'a key both set and unset',
      { set: { A: 'x' }, unset: ['A'] },
      'Keys both set and unset: A',
    ],
    [
      'unset in replace mode',
      { mode: 'replace', unset: ['A'] },
      'unset has no meaning',
    ],
    ['an empty merge', {}, 'Nothing to write'],
    [
      'a document over 64 KiB',
      { set: { A: 'x'.repeat(70_000) } },
      'at most 65536',
    ],
  ])('refuses %s', (_, fields, message) => {
    const body = { environments: ['dev'], ...fields };
    expect(refusal(body).message).toContain(message);
  });

  it('accepts an empty replace, which empties the document', () => {
    expect(
      parseWriteRequest({ environments: ['dev'], mode: 'replace' }).change,
    ).toEqual({ mode: 'replace', set: {}, unset: [] });
  });
});

describe('validatedKeyNames', () => {
  it.each([undefined, null, 'text', 42, [], { set: 'x', unset: 'y' }])(
    'never throws, whatever the body: %j',
    body => {
      expect(validatedKeyNames(body)).toEqual([]);
    },
  );

  it('keeps only names that pass validation, each once', () => {
    expect(
      validatedKeyNames({
        set: { A: '1', [`B=${CANARY}`]: '2', __proto__x: '3' },
        unset: ['A', 7, '', 'constructor', 'C'],
      }),
    ).toEqual(['A', '__proto__x', 'C']);
  });
});
