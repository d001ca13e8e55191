import type { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  secretsSyncConfigurePermission,
  secretsSyncForceSyncPermission,
  secretsSyncPermissions,
  secretsSyncRestrictedWritePermission,
  secretsSyncSecretRollbackPermission,
  secretsSyncSecretWritePermission,
  secretsSyncTopologyReadPermission,
  secretsSyncWorkloadRestartPermission,
} from '@internal/plugin-secrets-sync-common';

/** What entity owners may do with their own entities. */
const OWNER_PERMISSIONS = [
  secretsSyncTopologyReadPermission,
  secretsSyncSecretWritePermission,
  secretsSyncForceSyncPermission,
  secretsSyncConfigurePermission,
  secretsSyncWorkloadRestartPermission,
  secretsSyncSecretRollbackPermission,
];

const SECRETS_SYNC_PREFIX = 'secrets-sync.';
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };
const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };

/**
 * What {@link createDefaultPermissionPolicy} needs.
 *
 * @public
 */
export interface DefaultPermissionPolicyOptions {
  /** Resolves the ownership refs (the user and their groups) of a request. */
  userInfo: UserInfoService;
  /**
   * Group or user entity refs whose members may write to restricted
   * environments, compared case-insensitively.
   */
  restrictedWriters: string[];
  /**
   * Group or user entity refs whose members may read the topology (and so
   * the fleet) of every entity, owned or not; compared case-insensitively.
   * Reading is all they gain: writes, sync and configuration stay with the
   * owners. None by default.
   */
  platformReaders?: string[];
}

/**
 * The portal's default policy. For secrets-sync: owners of an entity read its
 * topology, write its values to non-restricted environments, force sync,
 * enable or disable sync and roll back to an earlier version; writing to a restricted environment also needs
 * membership of one of `restrictedWriters`; members of `platformReaders`
 * read every entity's topology; anything else of secrets-sync is
 * denied, including every request not made by a user. Other plugins'
 * permissions are allowed: a backend has one policy, and this one only
 * decides for secrets-sync.
 *
 * @public
 */
export function createDefaultPermissionPolicy(
  options: DefaultPermissionPolicyOptions,
): PermissionPolicy {
  const restrictedWriters = options.restrictedWriters.map(ref =>
    ref.toLocaleLowerCase('en-US'),
  );
  const platformReaders = (options.platformReaders ?? []).map(ref =>
    ref.toLocaleLowerCase('en-US'),
  );
  return {
    async handle(
      request: PolicyQuery,
      user?: PolicyQueryUser,
    ): Promise<PolicyDecision> {
      const { permission } = request;
      const ours =
        permission.name.startsWith(SECRETS_SYNC_PREFIX) ||
        secretsSyncPermissions.some(known => known.name === permission.name);
      if (!ours) {
        return ALLOW;
      }
      if (!user) {
        return DENY;
      }
      const { ownershipEntityRefs } = await options.userInfo.getUserInfo(
        user.credentials,
      );
      const claims = ownershipEntityRefs.map(ref =>
        ref.toLocaleLowerCase('en-US'),
      );
      if (isPermission(permission, secretsSyncRestrictedWritePermission)) {
        return claims.some(ref => restrictedWriters.includes(ref))
          ? ALLOW
          : DENY;
      }
      if (
        isPermission(permission, secretsSyncTopologyReadPermission) &&
        claims.some(ref => platformReaders.includes(ref))
      ) {
        return ALLOW;
      }
      if (
        isResourcePermission(permission, 'catalog-entity') &&
        OWNER_PERMISSIONS.some(owner => isPermission(permission, owner))
      ) {
        return createCatalogConditionalDecision(
          permission,
          catalogConditions.isEntityOwner({ claims }),
        );
      }
      return DENY;
    },
  };
}
