import { MAX_SECRET_DOCUMENT_BYTES } from '@internal/plugin-secrets-sync-common';
import {
  isDraftValid,
  validateWriteDraft,
  type WriteDraft,
} from './validateWrite';
import { summarizeValue } from './summarizeValue';

const draft = (overrides: Partial<WriteDraft>): WriteDraft => ({
  rows: [{ key: 'API_KEY', value: summarizeValue('v') }],
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
          { key: 'OK', value: summarizeValue('1') },
          { key: '1-bad', value: summarizeValue('2') },
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
          { key: 'A', value: summarizeValue('1') },
          { key: 'A', value: summarizeValue('2') },
          { key: 'B', value: summarizeValue('3') },
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
        rows: [
          {
            key: 'BIG',
            value: summarizeValue('x'.repeat(MAX_SECRET_DOCUMENT_BYTES)),
          },
        ],
      }),
    );
    expect(problems.form[0]).toMatch(/accepts at most 65536/);
  });

  it('requires something to do and somewhere to write', () => {
    const problems = validateWriteDraft(
      draft({
        rows: [{ key: '', value: summarizeValue('') }],
        environments: [],
      }),
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

  it('counts the document as the backend serialises it, from the summaries alone', () => {
    const fits = 'x'.repeat(MAX_SECRET_DOCUMENT_BYTES - '{"BIG":""}'.length);
    expect(
      isDraftValid(
        validateWriteDraft(
          draft({ rows: [{ key: 'BIG', value: summarizeValue(fits) }] }),
        ),
      ),
    ).toBe(true);
    expect(
      validateWriteDraft(
        draft({ rows: [{ key: 'BIG', value: summarizeValue(`${fits}x`) }] }),
      ).form[0],
    ).toMatch(/65537 bytes/);
  });

  it('refuses a value with a control character, naming the key only', () => {
    const problems = validateWriteDraft(
      draft({
        rows: [{ key: 'TOKEN', value: summarizeValue('se\u0000cret') }],
      }),
    );
    expect(problems.rows[0]).toBe(
      'The value of TOKEN contains the control character U+0000: values may hold tab, line feed and carriage return, no other control characters',
    );
  });
});
