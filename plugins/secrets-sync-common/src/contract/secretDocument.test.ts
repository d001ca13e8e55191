import {
  MAX_SECRET_DOCUMENT_BYTES,
  parseSecretDocument,
  secretDocumentBytes,
  secretDocumentBytesOfSizes,
  serializeSecretDocument,
} from './secretDocument';
import { describeSecretDocumentRefusal } from './describeDocumentRefusal';

const CANARY = 'canary-7f3a9c-value';

function refusalOf(text: string | undefined) {
  const parsed = parseSecretDocument(text);
  return parsed.ok ? undefined : parsed.refusal;
}

describe('parseSecretDocument', () => {
  it('reads a JSON object of strings whose keys are environment variable names', () => {
    expect(parseSecretDocument('{"A":"1","B_2":"", "_x9":"v"}')).toEqual({
      ok: true,
      values: { A: '1', B_2: '', _x9: 'v' },
    });
  });

  it('accepts an empty object', () => {
    expect(parseSecretDocument('{}')).toEqual({ ok: true, values: {} });
  });

  it.each([
    [undefined, 'no-secret-string'],
    ['not json', 'not-json'],
    ['null', 'not-an-object'],
    ['[]', 'not-an-object'],
    ['[1,2]', 'not-an-object'],
    ['"text"', 'not-an-object'],
    ['{"A":1}', 'non-string-value'],
    ['{"A":{"nested":"x"}}', 'non-string-value'],
    ['{"A":{"B":"c"}}', 'non-string-value'],
    ['{"bad key":"x"}', 'invalid-key'],
    ['{"x.y-z":"v"}', 'invalid-key'],
    ['{"9LIVES":"v"}', 'invalid-key'],
    ['{"":"v"}', 'invalid-key'],
    [`{"A${'x'.repeat(253)}":"v"}`, 'invalid-key'],
  ])('refuses %j as %s', (text, reason) => {
    expect(refusalOf(text)?.reason).toBe(reason);
  });

  it('names the keys it refuses, for the operator, and counts them in its description', () => {
    expect(refusalOf('{"a b":"1","OK":"2","c.d":"3"}')).toEqual({
      reason: 'invalid-key',
      keys: ['a b', 'c.d'],
    });
    expect(refusalOf('{"A":1}')).toEqual({
      reason: 'non-string-value',
      keys: ['A'],
    });
  });

  it('refuses a document over 65,536 bytes of JSON, counted in UTF-8', () => {
    const fits = JSON.stringify({
      A: 'é'.repeat((MAX_SECRET_DOCUMENT_BYTES - 8) / 2),
    });
    expect(new TextEncoder().encode(fits).length).toBe(
      MAX_SECRET_DOCUMENT_BYTES,
    );
    expect(parseSecretDocument(fits).ok).toBe(true);
    const over = JSON.stringify({
      A: `${'é'.repeat((MAX_SECRET_DOCUMENT_BYTES - 8) / 2)}x`,
    });
    expect(refusalOf(over)).toEqual({
      reason: 'too-large',
      bytes: MAX_SECRET_DOCUMENT_BYTES + 1,
    });
  });

  it.each([
    `{"TOKEN":"${CANARY}"`,
    `${CANARY}`,
    `{"TOKEN":"ok","OTHER":${JSON.stringify({ v: CANARY })}}`,
    `{"TOKEN":${JSON.stringify([CANARY])}}`,
    `[${JSON.stringify(CANARY)}]`,
    `{${JSON.stringify(`KEY=${CANARY}`)}:"x"}`,
    `{${JSON.stringify(`KEY=${CANARY}`)}:1}`,
  ])('describes a refusal without a value or a key (%#)', text => {
    const refusal = refusalOf(text);
    expect(refusal).toBeDefined();
    const description = describeSecretDocumentRefusal(refusal!);
    expect(description).not.toContain(CANARY);
    expect(description).not.toContain('TOKEN');
    expect(description).not.toContain('KEY');
  });

  it('counts the keys it refuses', () => {
    expect(
      describeSecretDocumentRefusal({ reason: 'invalid-key', keys: ['a b'] }),
    ).toMatch(/1 key is not$/);
    expect(
      describeSecretDocumentRefusal({
        reason: 'non-string-value',
        keys: ['A', 'B'],
      }),
    ).toMatch(/2 keys hold something else$/);
  });
});

describe('serializeSecretDocument', () => {
  it('serialises with sorted keys, so equal documents are equal text', () => {
    expect(serializeSecretDocument({ B: '2', A: '1' })).toBe(
      '{"A":"1","B":"2"}',
    );
  });

  it('reads back what it wrote', () => {
    const values = { B: 'ü\n"', A: '' };
    expect(parseSecretDocument(serializeSecretDocument(values))).toEqual({
      ok: true,
      values,
    });
  });

  it('measures the document from entry sizes as it serialises it', () => {
    const values = { B: 'ü\n"', A: '', C_3: 'x' };
    const sizes = Object.entries(values).map(([key, value]) => ({
      keyBytes: new TextEncoder().encode(JSON.stringify(key)).length,
      valueBytes: new TextEncoder().encode(JSON.stringify(value)).length,
    }));
    expect(secretDocumentBytesOfSizes(sizes)).toBe(secretDocumentBytes(values));
    expect(secretDocumentBytesOfSizes([])).toBe(secretDocumentBytes({}));
  });
});
