import {
  MAX_SECRET_DOCUMENT_BYTES,
  SecretDocumentRefusal,
} from './secretDocument';
import { SECRET_KEY_RULE } from './secretKey';

function keyCount(count: number, verb: [singular: string, plural: string]) {
  return count === 1 ? `1 key ${verb[0]}` : `${count} keys ${verb[1]}`;
}

/**
 * Why a document was refused, in one sentence that counts keys and never
 * names one: a key pasted in the AWS console may be a value, so the portal
 * and anything else a tenant reads show only this.
 *
 * @public
 */
export function describeSecretDocumentRefusal(
  refusal: SecretDocumentRefusal,
): string {
  switch (refusal.reason) {
    case 'no-secret-string':
      return 'the secret has no SecretString (binary secrets are not supported)';
    case 'too-large':
      return `the secret is ${refusal.bytes} bytes; AWS Secrets Manager holds at most ${MAX_SECRET_DOCUMENT_BYTES}`;
    case 'not-json':
      return 'the secret is not valid JSON';
    case 'not-an-object':
      return 'the secret must be a JSON object of string values';
    case 'non-string-value':
      return `values must be strings; ${keyCount(refusal.keys.length, [
        'holds',
        'hold',
      ])} something else`;
    case 'invalid-key':
      return `key names must be environment variable names (${SECRET_KEY_RULE}); ${keyCount(
        refusal.keys.length,
        ['is', 'are'],
      )} not`;
    default:
      return assertNever(refusal);
  }
}

/** A compile error when a refusal reason has no sentence. */
function assertNever(refusal: never): never {
  throw new Error(`unknown document refusal ${typeof refusal}`);
}
