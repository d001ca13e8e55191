import fc from 'fast-check';
import {
  describeSecretDocumentRefusal,
  parseSecretDocument as readAsThePortalDoes,
  serializeSecretDocument,
  validateSecretKeyName,
  validateSecretValue,
} from '@internal/plugin-secrets-sync-common';
import { parseSecretDocument as readAsTheOperatorDoes } from './parseSecretDocument';

/**
 * The portal and the operator must agree on every document: a document the
 * portal shows as synced or pending that the operator refuses is exactly the
 * disagreement the shared contract module exists to prevent. Both readers
 * run over the same generated `SecretString`s here.
 */

const KEY_HEAD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_';
const KEY_TAIL = `${KEY_HEAD}0123456789`;

const envVarName = fc
  .tuple(
    fc.constantFrom(...KEY_HEAD),
    fc.string({ unit: fc.constantFrom(...KEY_TAIL), maxLength: 40 }),
  )
  .map(([head, tail]) => head + tail);

/** Keys a console user might type: spaces, dots, dashes, unicode, empty. */
const anyKey = fc.oneof(
  envVarName,
  fc.string({ maxLength: 12 }),
  fc.constantFrom('a b', 'x.y', 'with-dash', '1LEADING_DIGIT', '', '__proto__'),
);

/** What a JSON value in a hand-edited document can be. */
const anyJsonValue = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string(), { maxKeys: 2 }),
);

/** SecretStrings as AWS may hold them: objects, other JSON, non-JSON, huge. */
const secretString = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .dictionary(anyKey, anyJsonValue, { maxKeys: 8 })
      .map(document => JSON.stringify(document)),
  },
  fc.json(),
  fc.string({ maxLength: 30 }),
  fc
    .integer({ min: 60_000, max: 70_000 })
    .map(size => JSON.stringify({ BIG: 'x'.repeat(size) })),
);

/** What the operator makes of a document: the Secret's data, or why not. */
function operatorOutcome(
  text: string,
): { values: Record<string, string> } | { refused: string } {
  try {
    return { values: readAsTheOperatorDoes(text) };
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

describe('the portal and the operator read secret documents alike', () => {
  it('accept the same documents with the same values, and refuse the rest for the same reason', () => {
    fc.assert(
      fc.property(secretString, text => {
        const portal = readAsThePortalDoes(text);
        const operator = operatorOutcome(text);
        const portalRefusal = portal.ok
          ? undefined
          : describeSecretDocumentRefusal(portal.refusal);
        expect({
          values: 'values' in operator ? operator.values : undefined,
          refusedForThePortalsReason:
            'refused' in operator && portalRefusal !== undefined
              ? operator.refused.includes(portalRefusal)
              : undefined,
        }).toEqual({
          values: portal.ok ? portal.values : undefined,
          refusedForThePortalsReason: portal.ok ? undefined : true,
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('never quote a value when they refuse a document', () => {
    const canary = 'canary-5e1d-value';
    const withCanary = fc
      .tuple(fc.dictionary(anyKey, anyJsonValue, { maxKeys: 6 }), anyKey)
      .map(([document, key]) => JSON.stringify({ ...document, [key]: canary }));
    fc.assert(
      fc.property(withCanary, text => {
        const portal = readAsThePortalDoes(text);
        fc.pre(!portal.ok);
        expect([
          portal.ok || describeSecretDocumentRefusal(portal.refusal),
          operatorOutcome(text),
        ]).toEqual([
          expect.not.stringContaining(canary),
          { refused: expect.not.stringContaining(canary) },
        ]);
      }),
      { numRuns: 500 },
    );
  });

  it('the operator materialises every document the portal writes, unchanged', () => {
    const writable = fc
      .dictionary(envVarName, fc.string({ unit: 'grapheme', maxLength: 60 }), {
        maxKeys: 12,
      })
      .filter(values =>
        Object.entries(values).every(
          ([key, value]) =>
            validateSecretKeyName(key) === undefined &&
            validateSecretValue(key, value) === undefined,
        ),
      );
    fc.assert(
      fc.property(writable, values => {
        expect(readAsTheOperatorDoes(serializeSecretDocument(values))).toEqual(
          values,
        );
      }),
      { numRuns: 1000 },
    );
  });
});
