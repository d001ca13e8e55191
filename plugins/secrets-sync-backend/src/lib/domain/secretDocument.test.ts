import {
  parseSecretDocument,
  serializeSecretDocument,
} from '@internal/plugin-secrets-sync-common';
import { applySecretChange } from './secretDocument';

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

  it('treats __proto__ and constructor as ordinary keys, never touching prototypes', () => {
    const parsed = parseSecretDocument('{"__proto__":"p","constructor":"c"}');
    if (!parsed.ok) {
      throw new Error(`refused: ${parsed.refusal.reason}`);
    }
    const next = applySecretChange(parsed.values, {
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
