import {
  InvalidUpstreamDocumentError,
  parseSecretDocument,
} from './parseSecretDocument';

const CANARY = 'canary-7f3a9c-value';

describe('parseSecretDocument', () => {
  it('reads a JSON object of strings', () => {
    expect(parseSecretDocument('{"A":"1","B_2":"", "_x9":"v"}')).toEqual({
      A: '1',
      B_2: '',
      _x9: 'v',
    });
  });

  it('accepts an empty object', () => {
    expect(parseSecretDocument('{}')).toEqual({});
  });

  it.each([
    [undefined, /no SecretString/],
    ['null', /must be a JSON object/],
    ['[1,2]', /must be a JSON object/],
    ['"text"', /must be a JSON object/],
    ['{"A":1}', /not a string: "A"/],
    ['{"A":{"nested":"x"}}', /not a string: "A"/],
    ['{"bad key":"x"}', /invalid: "bad key"/],
    ['{"x.y-z":"v"}', /environment variable names.*invalid: "x.y-z"/],
    ['not json', /not valid JSON/],
    [`{"A":"${'x'.repeat(70_000)}"}`, /at most 65536/],
  ])('rejects %j', (text, message) => {
    expect(() => parseSecretDocument(text)).toThrow(message);
    expect(() => parseSecretDocument(text)).toThrow(
      InvalidUpstreamDocumentError,
    );
  });

  it.each([
    `{"TOKEN":"${CANARY}"`,
    `${CANARY}`,
    `{"TOKEN":"ok","OTHER":${JSON.stringify({ v: CANARY })}}`,
    `{"TOKEN":${JSON.stringify([CANARY])}}`,
    `[${JSON.stringify(CANARY)}]`,
  ])('never puts a value in its error message (%#)', text => {
    let message = '';
    try {
      parseSecretDocument(text);
    } catch (error) {
      message = String(error) + (error as Error).stack;
    }
    expect(message).not.toBe('');
    expect(message).not.toContain(CANARY);
  });
});
