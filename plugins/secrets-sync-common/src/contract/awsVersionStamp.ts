import type { ContractObjectMetadata } from './namespaceAnnotationContract';

/**
 * Annotation the operator puts on every Secret it materialises: the id of
 * the AWS Secrets Manager version (the one labelled `AWSCURRENT` when it
 * read) whose document the Secret's data was written from
 * (docs/operator-contract.md, "The version stamp"). The fleet view compares
 * it with the current version id `ListSecrets` reports, so a stamped Secret
 * costs no value read; a Secret without it is compared by value digests.
 *
 * @public
 */
export const SECRETS_SYNC_AWS_VERSION_ANNOTATION =
  'secrets-sync.io/aws-version-id';

/**
 * The AWS version id a Secret is stamped with, or undefined when it carries
 * none (an operator that does not stamp, or an empty value).
 *
 * @param metadata - the Secret's metadata
 * @public
 */
export function awsVersionStampOf(
  metadata: ContractObjectMetadata | undefined,
): string | undefined {
  const value = metadata?.annotations?.[SECRETS_SYNC_AWS_VERSION_ANNOTATION];
  return value?.trim() ? value.trim() : undefined;
}
