import { MAX_SECRET_DOCUMENT_BYTES } from '@internal/plugin-secrets-sync-common';
import {
  isDraftValid,
  validateWriteDraft,
  type WriteDraft,
} from './validateWrite';

const draft = (overrides: Partial<WriteDraft>): WriteDraft => ({
  rows: [{ key: 'API_KEY', value: 'v' }],
  unset: [],
  environments: ['dev'],
  restrictedSelected: [],
  confirmRestricted: false,
  ...overrides,
});

describe('validateWriteDraft', () => {
  it('accepts a valid draft', () => {
    expect(isDraftValid(validateWriteDraft(draft({})))).toBe(true);
  });

  it('rejects key names that are not environment variable names', () => {
    const problems = validateWriteDraft(
      draft({
        rows: [
          { key: 'OK', value: '1' },
          { key: '1-bad', value: '2' },
        ],
      }),
    );
    expect(problems.rows[1]).toContain('not a valid environment variable name');
    expect(problems.rows[0]).toBeUndefined();
  });

  it('rejects duplicate keys and a key both set and unset', () => {
    const problems = validateWriteDraft(
      draft({
        rows: [
          { key: 'A', value: '1' },
          { key: 'A', value: '2' },
          { key: 'B', value: '3' },
        ],
        unset: ['B'],
      }),
    );
    expect(problems.rows[1]).toBe('Key "A" is already set in row 1');
    expect(problems.rows[2]).toBe('Key "B" is also marked to unset');
  });

  it("rejects a document over AWS Secrets Manager's size limit", () => {
    const problems = validateWriteDraft(
      draft({
        rows: [{ key: 'BIG', value: 'x'.repeat(MAX_SECRET_DOCUMENT_BYTES) }],
      }),
    );
    expect(problems.form[0]).toMatch(/accepts at most 65536/);
  });

  it('requires something to do and somewhere to write', () => {
    const problems = validateWriteDraft(
      draft({ rows: [{ key: '', value: '' }], environments: [] }),
    );
    expect(problems.form).toEqual([
      'Add at least one key to set, or choose a key to unset',
      'Choose at least one environment',
    ]);
    expect(
      isDraftValid(validateWriteDraft(draft({ rows: [], unset: ['OLD'] }))),
    ).toBe(true);
  });

  it('requires explicit confirmation for restricted environments', () => {
    const unconfirmed = validateWriteDraft(
      draft({ environments: ['dev', 'prod'], restrictedSelected: ['prod'] }),
    );
    expect(unconfirmed.form).toEqual([
      'Confirm that you mean to write to prod',
    ]);
    const confirmed = validateWriteDraft(
      draft({
        environments: ['dev', 'prod'],
        restrictedSelected: ['prod'],
        confirmRestricted: true,
      }),
    );
    expect(isDraftValid(confirmed)).toBe(true);
  });
});
