import {
  applySecretChange,
  parseSecretDocument,
  serializeSecretDocument,
} from './secretDocument';

describe('secret documents', () => {
  it('merges set and unset, and replaces with set alone', () => {
    const current = { A: '1', B: '2' };
    expect(
      applySecretChange(current, {
        mode: 'merge',
        set: { C: '3', A: 'x' },
        unset: ['B'],
      }),
    ).toEqual({ A: 'x', C: '3' });
    expect(
      applySecretChange(current, {
        mode: 'replace',
        set: { Z: '26' },
        unset: [],
      }),
    ).toEqual({ Z: '26' });
    expect(current).toEqual({ A: '1', B: '2' });
  });

  it('serialises with sorted keys, so equal documents are equal text', () => {
    expect(serializeSecretDocument({ B: '2', A: '1' })).toBe(
      '{"A":"1","B":"2"}',
    );
  });

  it('accepts only a JSON object of strings', () => {
    expect(parseSecretDocument('{"A":"1"}')).toEqual({ A: '1' });
    for (const text of [
      'not json',
      '[]',
      'null',
      '"s"',
      '{"A":1}',
      '{"A":{"B":"c"}}',
      undefined,
    ]) {
      expect(parseSecretDocument(text)).toBeUndefined();
    }
  });

  it('treats __proto__ and constructor as ordinary keys, never touching prototypes', () => {
    const parsed = parseSecretDocument('{"__proto__":"p","constructor":"c"}')!;
    const next = applySecretChange(parsed, {
      mode: 'merge',
      set: JSON.parse('{"__proto__":"q"}'),
      unset: ['constructor'],
    });
    expect(Object.keys(next)).toEqual(['__proto__']);
    expect(serializeSecretDocument(next)).toBe('{"__proto__":"q"}');
    expect(({} as Record<string, unknown>).q).toBeUndefined();
    expect(Object.getPrototypeOf(next)).toBe(Object.prototype);
  });
});
