/**
 * AWS tag marking a Secrets Manager secret as written by secrets-sync. A
 * pre-existing secret without it is never written.
 *
 * @public
 */
export const SECRETS_SYNC_MANAGED_TAG = 'secrets-sync.io/managed-by';

/**
 * Value of {@link SECRETS_SYNC_MANAGED_TAG}.
 *
 * @public
 */
export const SECRETS_SYNC_MANAGED_TAG_VALUE = 'secrets-sync';

/**
 * AWS tag naming the catalog entity (`kind:namespace/name`) a secret belongs to.
 *
 * @public
 */
export const SECRETS_SYNC_ENTITY_TAG = 'secrets-sync.io/entity';
