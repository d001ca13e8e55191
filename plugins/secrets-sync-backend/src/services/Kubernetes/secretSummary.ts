import type { V1Secret } from '@kubernetes/client-node';
import { awsVersionStampOf } from '@internal/plugin-secrets-sync-common';
import { digestValue } from '../../lib/infra/valueDigest';
import type { SecretMetadata, SecretSummary } from './types';

/** The one annotation read off a Secret, as a flag: Reloader's opt-in for workloads that search. */
const RELOADER_MATCH_ANNOTATION = 'reloader.stakater.com/match';

/** The metadata fields kept of a Secret; everything else is dropped. */
const KEPT: Array<keyof SecretMetadata> = [
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'labels',
  'ownerReferences',
];

/**
 * Secrets have no update time of their own: the latest managed-fields
 * entry (every write stamps its manager's), else the creation time.
 */
function updateTime(secret: V1Secret): Date | undefined {
  const times = [
    secret.metadata?.creationTimestamp,
    ...(secret.metadata?.managedFields ?? []).map(field => field.time),
  ]
    .filter(time => time !== undefined)
    .map(time => new Date(time).getTime())
    .filter(time => !Number.isNaN(time));
  return times.length ? new Date(Math.max(...times)) : undefined;
}

/**
 * A Secret as the backend keeps it, in the watch cache and from a direct
 * read alike: its identity, labels and owners, its update time, and a
 * digest per value. Annotations are dropped (but for Reloader's match flag), since kubectl's
 * `last-applied-configuration` holds the manifest as applied, values
 * included; so are managed fields, once their latest time is taken.
 */
export function toSecretSummary(secret: V1Secret): SecretSummary {
  const source = secret.metadata ?? {};
  const metadata = Object.fromEntries(
    KEPT.filter(key => source[key] !== undefined).map(key => [
      key,
      source[key],
    ]),
  ) as SecretMetadata;
  const updatedAt = updateTime(secret);
  const reloaderMatch =
    source.annotations?.[RELOADER_MATCH_ANNOTATION] === 'true';
  const awsVersionStamp = awsVersionStampOf(source);
  return {
    metadata,
    ...(updatedAt ? { updatedAt } : {}),
    ...(reloaderMatch ? { reloaderMatch } : {}),
    ...(awsVersionStamp ? { awsVersionStamp } : {}),
    valueDigests: Object.fromEntries(
      Object.entries(secret.data ?? {}).map(([key, value]) => [
        key,
        digestValue(Buffer.from(value, 'base64')),
      ]),
    ),
  };
}
