import { createHmac, randomBytes } from 'node:crypto';

/**
 * Key of the digests: random per process, so a digest kept in memory cannot
 * be matched against guessed values offline, and means nothing elsewhere.
 */
const DIGEST_KEY = randomBytes(32);

/** A keyed digest of one secret value (its UTF-8 or raw bytes). */
export function digestValue(value: string | Buffer): string {
  return createHmac('sha256', DIGEST_KEY).update(value).digest('base64url');
}

/**
 * The digest of every value of a document. Equal values have equal digests,
 * so AWS and the cluster can be compared key by key without either side's
 * values being kept.
 */
export function digestValues(
  values: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, digestValue(value)]),
  );
}
