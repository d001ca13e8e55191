import { createHmac } from 'node:crypto';

/** Keyed digests of a version's values, safe to keep in a shared database. */
export interface HistoryDigests {
  /**
   * Names the key without revealing it, so digests made with another key
   * (before a rotation, or by a deployment with another secret) are never
   * compared with these.
   */
  keyId: string;
  /** Key name to HMAC-SHA256 digest of its value. */
  digest(values: Record<string, string>): Record<string, string>;
}

/**
 * Creates digests keyed with the deployment's secret
 * (`secretsSync.history.digestSecret`): unlike a plain hash, a digest in
 * the database cannot be matched against guessed values without the secret,
 * and every replica makes the same digest of the same value.
 */
export function createHistoryDigests(secret: string): HistoryDigests {
  const hmac = (label: string, value: string) =>
    createHmac('sha256', secret)
      .update(label)
      .update(value)
      .digest('base64url');
  return {
    keyId: hmac('secrets-sync key id\0', '').slice(0, 16),
    digest(values) {
      return Object.fromEntries(
        Object.entries(values).map(([key, value]) => [
          key,
          hmac('secrets-sync value\0', value),
        ]),
      );
    },
  };
}
