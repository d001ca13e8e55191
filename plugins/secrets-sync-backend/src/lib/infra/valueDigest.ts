import { createHmac, randomBytes } from 'node:crypto';

/**
 * Key of the digests: random per process, so a digest kept in memory cannot
 * be matched against guessed values offline, and means nothing elsewhere;
 * or derived from the deployment's secret ({@link keyValueDigests}), so
 * replicas can share digests through a cache that leaves the process
 * without that cache holding anything a guessed value can be checked
 * against by whoever reads it.
 */
let digestKey: Buffer = randomBytes(32);

/**
 * Keys every value digest of this process with the deployment's secret,
 * at start-up, before any digest is taken. Derived for this use alone, so
 * the secret's other digests (the history's) are not the same.
 */
export function keyValueDigests(deploymentSecret: string): void {
  digestKey = createHmac('sha256', deploymentSecret)
    .update('secrets-sync value digests v1')
    .digest();
}

/** A keyed digest of one secret value (its UTF-8 or raw bytes). */
export function digestValue(value: string | Buffer): string {
  return createHmac('sha256', digestKey).update(value).digest('base64url');
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
