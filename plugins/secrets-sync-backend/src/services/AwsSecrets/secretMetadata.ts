import type {
  DescribeSecretCommandOutput,
  SecretListEntry,
} from '@aws-sdk/client-secrets-manager';
import {
  SECRETS_SYNC_ENTITY_TAG,
  SECRETS_SYNC_MANAGED_TAG,
  SECRETS_SYNC_MANAGED_TAG_VALUE,
} from '@internal/plugin-secrets-sync-common';
import type { AwsSecretSnapshot } from './types';

/** The label of the version a secret's readers get. */
export const CURRENT = 'AWSCURRENT';

/** The version carrying `AWSCURRENT`. */
export function currentVersionId(
  stages: Record<string, string[]> | undefined,
): string | undefined {
  return Object.entries(stages ?? {}).find(([, labels]) =>
    labels.includes(CURRENT),
  )?.[0];
}

/**
 * A secret's metadata, from `DescribeSecret` or a `ListSecrets` entry (the
 * same facts; the list names the version map `SecretVersionsToStages`).
 */
export function metadataOf(
  output: DescribeSecretCommandOutput | SecretListEntry,
): AwsSecretSnapshot {
  const tag = (key: string) =>
    output.Tags?.find(candidate => candidate.Key === key)?.Value;
  const stages =
    ('VersionIdsToStages' in output ? output.VersionIdsToStages : undefined) ??
    ('SecretVersionsToStages' in output
      ? output.SecretVersionsToStages
      : undefined);
  return {
    exists: true,
    arn: output.ARN,
    managed: tag(SECRETS_SYNC_MANAGED_TAG) === SECRETS_SYNC_MANAGED_TAG_VALUE,
    entityRef: tag(SECRETS_SYNC_ENTITY_TAG),
    versionId: currentVersionId(stages),
    lastChangedAt: output.LastChangedDate,
    deletionScheduledAt: output.DeletedDate,
  };
}
