import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * Read where an entity's secrets live and whether they are in sync.
 *
 * @public
 */
export const secretsSyncTopologyReadPermission = createPermission({
  name: 'secrets-sync.topology.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Write secret values for an entity to a non-restricted environment.
 *
 * @public
 */
export const secretsSyncSecretWritePermission = createPermission({
  name: 'secrets-sync.secret.write',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Write secret values for an entity to a restricted (production) environment.
 * Checked in addition to {@link secretsSyncSecretWritePermission}.
 *
 * @public
 */
export const secretsSyncRestrictedWritePermission = createPermission({
  name: 'secrets-sync.secret.write-restricted',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Ask the sync engine to re-read AWS Secrets Manager now.
 *
 * @public
 */
export const secretsSyncForceSyncPermission = createPermission({
  name: 'secrets-sync.sync.trigger',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Enable or disable sync (the namespace opt-in) for an environment.
 *
 * @public
 */
export const secretsSyncConfigurePermission = createPermission({
  name: 'secrets-sync.sync.configure',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Restart the Deployments, StatefulSets and DaemonSets that consume an
 * entity's Secret, as `kubectl rollout restart` does. In a restricted
 * environment {@link secretsSyncRestrictedWritePermission} is needed too.
 *
 * @public
 */
export const secretsSyncWorkloadRestartPermission = createPermission({
  name: 'secrets-sync.workload.restart',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Make an earlier version of an entity's AWS secret current again (moving
 * `AWSCURRENT` back), then force a sync. In a restricted environment
 * {@link secretsSyncRestrictedWritePermission} is needed too.
 *
 * @public
 */
export const secretsSyncSecretRollbackPermission = createPermission({
  name: 'secrets-sync.secret.rollback',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every permission of the plugin, for registration.
 *
 * @public
 */
export const secretsSyncPermissions = [
  secretsSyncTopologyReadPermission,
  secretsSyncSecretWritePermission,
  secretsSyncRestrictedWritePermission,
  secretsSyncForceSyncPermission,
  secretsSyncConfigurePermission,
  secretsSyncWorkloadRestartPermission,
  secretsSyncSecretRollbackPermission,
];
