import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  secretsSyncConfigurePermission,
  secretsSyncForceSyncPermission,
  secretsSyncRestrictedWritePermission,
  secretsSyncSecretWritePermission,
} from '@internal/plugin-secrets-sync-common';

/** What the signed-in user may do to this entity's secrets. */
export interface SecretsSyncPermissions {
  canWrite: boolean;
  canWriteRestricted: boolean;
  canForceSync: boolean;
  canConfigure: boolean;
  loading: boolean;
}

/**
 * The plugin's permissions for one entity. Only used to hide or disable
 * controls: the backend enforces the same permissions on every route.
 */
export function useSecretsSyncPermissions(
  entity: Entity,
): SecretsSyncPermissions {
  const resourceRef = stringifyEntityRef(entity);
  const write = usePermission({
    permission: secretsSyncSecretWritePermission,
    resourceRef,
  });
  const restricted = usePermission({
    permission: secretsSyncRestrictedWritePermission,
    resourceRef,
  });
  const forceSync = usePermission({
    permission: secretsSyncForceSyncPermission,
    resourceRef,
  });
  const configure = usePermission({
    permission: secretsSyncConfigurePermission,
    resourceRef,
  });
  return {
    canWrite: write.allowed,
    canWriteRestricted: write.allowed && restricted.allowed,
    canForceSync: forceSync.allowed,
    canConfigure: configure.allowed,
    loading:
      write.loading ||
      restricted.loading ||
      forceSync.loading ||
      configure.loading,
  };
}
