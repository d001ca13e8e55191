import type { AwsSecretFacts } from '@internal/plugin-secrets-sync-common';
import type { AwsSecretRef, AwsSecretSnapshot } from '../../AwsSecrets';

/**
 * The AWS hop of an environment's topology, as every engine reports it:
 * where the secret lives and what its metadata says. Never a value.
 */
export function toAwsSecretFacts(
  ref: AwsSecretRef,
  snapshot: AwsSecretSnapshot | undefined,
): AwsSecretFacts {
  return {
    accountId: ref.accountId,
    region: ref.region,
    secretName: ref.name,
    exists: snapshot?.exists ?? false,
    ...(snapshot?.arn ? { arn: snapshot.arn } : {}),
    ...(snapshot ? { managed: snapshot.managed } : {}),
    ...(snapshot?.versionId ? { versionId: snapshot.versionId } : {}),
    ...(snapshot?.lastChangedAt
      ? { lastChangedAt: snapshot.lastChangedAt }
      : {}),
    ...(snapshot?.deletionScheduledAt
      ? { deletionScheduledAt: snapshot.deletionScheduledAt }
      : {}),
  };
}
