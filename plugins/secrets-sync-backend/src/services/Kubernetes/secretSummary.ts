import type { V1Secret } from '@kubernetes/client-node';
import { digestValue } from '../../lib/valueDigest';
import type { SecretSummary } from './types';

/** A Secret as the backend keeps it: metadata, and a digest per value. */
export function toSecretSummary(secret: V1Secret): SecretSummary {
  return {
    metadata: secret.metadata ?? {},
    valueDigests: Object.fromEntries(
      Object.entries(secret.data ?? {}).map(([key, value]) => [
        key,
        digestValue(Buffer.from(value, 'base64')),
      ]),
    ),
  };
}
