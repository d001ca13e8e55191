import { isValidSecretKey } from './secretKey';

/**
 * AWS Secrets Manager's limit on a secret value, in bytes of the JSON text.
 *
 * @public
 */
export const MAX_SECRET_DOCUMENT_BYTES = 65536;

/**
 * Why a `SecretString` is not a secret document. Carries key names for the
 * operator's own diagnostics and counts for everything else; never a value.
 *
 * @public
 */
export type SecretDocumentRefusal =
  | { reason: 'no-secret-string' }
  | { reason: 'too-large'; bytes: number }
  | { reason: 'not-json' }
  | { reason: 'not-an-object' }
  | { reason: 'non-string-value'; keys: string[] }
  | { reason: 'invalid-key'; keys: string[] };

/**
 * A parsed `SecretString`: the document's values, or why there is none.
 *
 * @public
 */
export type ParsedSecretDocument =
  | { ok: true; values: Record<string, string> }
  | { ok: false; refusal: SecretDocumentRefusal };

const encoder = new TextEncoder();

function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/**
 * Parses the `SecretString` of an AWS Secrets Manager secret by the
 * document format every reader shares: a JSON object, at most
 * {@link MAX_SECRET_DOCUMENT_BYTES} bytes, whose values are all strings
 * and whose keys all pass {@link isValidSecretKey}. `null`, arrays, numbers
 * and nested objects are refused rather than coerced (docs/operator-contract.md,
 * "Secret document": `null` is a malformed upstream, `{}` an empty
 * document), so a Secret never holds
 * something the tenant did not write. Checks run in the order of the
 * refusal reasons; the first that fails is the answer.
 *
 * Keys such as `__proto__` become own properties of the result, never its
 * prototype.
 *
 * @param secretString - the `SecretString` as AWS returned it, undefined for a binary secret
 * @public
 */
export function parseSecretDocument(
  secretString: string | undefined,
): ParsedSecretDocument {
  const refuse = (refusal: SecretDocumentRefusal): ParsedSecretDocument => ({
    ok: false,
    refusal,
  });
  if (secretString === undefined) {
    return refuse({ reason: 'no-secret-string' });
  }
  const bytes = utf8Bytes(secretString);
  if (bytes > MAX_SECRET_DOCUMENT_BYTES) {
    return refuse({ reason: 'too-large', bytes });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    // JSON.parse's message quotes the text, which may hold values
    return refuse({ reason: 'not-json' });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return refuse({ reason: 'not-an-object' });
  }
  const entries = Object.entries(parsed as Record<string, unknown>);
  const notStrings = entries
    .filter(([, value]) => typeof value !== 'string')
    .map(([key]) => key);
  if (notStrings.length > 0) {
    return refuse({ reason: 'non-string-value', keys: notStrings });
  }
  const invalidKeys = entries
    .map(([key]) => key)
    .filter(key => !isValidSecretKey(key));
  if (invalidKeys.length > 0) {
    return refuse({ reason: 'invalid-key', keys: invalidKeys });
  }
  return {
    ok: true,
    values: Object.fromEntries(entries) as Record<string, string>,
  };
}

/**
 * Copy of a string map with keys in sorted order, so serialisation is stable.
 *
 * @public
 */
export function sortedObject(
  values: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.keys(values)
      .sort()
      .map(key => [key, values[key]]),
  );
}

/**
 * The `SecretString` of a document, with keys sorted so equal documents are
 * equal text.
 *
 * @public
 */
export function serializeSecretDocument(
  values: Record<string, string>,
): string {
  return JSON.stringify(sortedObject(values));
}

/**
 * Size in bytes of the JSON document stored in AWS Secrets Manager for
 * these values, as {@link serializeSecretDocument} writes it.
 *
 * @public
 */
export function secretDocumentBytes(values: Record<string, string>): number {
  return utf8Bytes(serializeSecretDocument(values));
}

/**
 * Size in bytes of the serialised document from the size of each entry's
 * JSON-encoded key and value (quotes and escapes included): for a caller
 * that knows the sizes but holds no values, such as the write dialog.
 * Equals {@link secretDocumentBytes} of the same entries.
 *
 * @param entries - per distinct key, the bytes of `JSON.stringify(key)` and of `JSON.stringify(value)`
 * @public
 */
export function secretDocumentBytesOfSizes(
  entries: ReadonlyArray<{ keyBytes: number; valueBytes: number }>,
): number {
  // {"KEY":"value","KEY2":"value2"}: braces, commas, and a colon per entry
  const separators = 2 + Math.max(0, entries.length - 1);
  return entries.reduce(
    (sum, { keyBytes, valueBytes }) => sum + keyBytes + 1 + valueBytes,
    separators,
  );
}
