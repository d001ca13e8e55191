import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  secretsSyncConfigurePermission,
  secretsSyncForceSyncPermission,
  secretsSyncRestrictedWritePermission,
  secretsSyncSecretWritePermission,
  secretsSyncTopologyReadPermission,
} from '@internal/plugin-secrets-sync-common';
import { createDefaultPermissionPolicy } from './createDefaultPermissionPolicy';

const PLATFORM = 'group:default/platform-team';
const READERS = 'group:default/SRE';

function userOf(ref: string, groups: string[]): PolicyQueryUser {
  return {
    credentials: mockCredentials.user(ref),
    info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
  };
}

describe('createDefaultPermissionPolicy', () => {
  const userInfo = mockServices.userInfo.mock({
    getUserInfo: async credentials => {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      const groups: Record<string, string[]> = {
        'user:default/ada': ['group:default/checkout', PLATFORM],
        'user:default/sam': ['group:default/sre'],
      };
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [
          ref,
          ...(groups[ref] ?? ['group:default/checkout']),
        ],
      };
    },
  });
  const policy = createDefaultPermissionPolicy({
    userInfo,
    restrictedWriters: [PLATFORM],
    platformReaders: [READERS],
  });
  const dev = userOf('user:default/bob', ['group:default/checkout']);
  const platform = userOf('user:default/ada', [
    'group:default/checkout',
    PLATFORM,
  ]);

  it.each([
    secretsSyncTopologyReadPermission,
    secretsSyncSecretWritePermission,
    secretsSyncForceSyncPermission,
    secretsSyncConfigurePermission,
  ])('makes $name conditional on owning the entity', async permission => {
    const decision = await policy.handle({ permission }, dev);
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: ['user:default/bob', 'group:default/checkout'] },
      },
    });
  });

  it('allows restricted writes to members of a configured group only', async () => {
    const permission = secretsSyncRestrictedWritePermission;
    expect(await policy.handle({ permission }, dev)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await policy.handle({ permission }, platform)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('lets platform readers read the topology of every entity, and nothing more', async () => {
    const reader = userOf('user:default/sam', ['group:default/sre']);
    expect(
      await policy.handle(
        { permission: secretsSyncTopologyReadPermission },
        reader,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    for (const permission of [
      secretsSyncSecretWritePermission,
      secretsSyncForceSyncPermission,
      secretsSyncConfigurePermission,
    ]) {
      expect(await policy.handle({ permission }, reader)).toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          params: { claims: ['user:default/sam', 'group:default/sre'] },
        },
      });
    }
    expect(
      await policy.handle(
        { permission: secretsSyncRestrictedWritePermission },
        reader,
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('reads no one as a platform reader when none are configured', async () => {
    const withoutReaders = createDefaultPermissionPolicy({
      userInfo,
      restrictedWriters: [PLATFORM],
    });
    const reader = userOf('user:default/sam', ['group:default/sre']);
    expect(
      await withoutReaders.handle(
        { permission: secretsSyncTopologyReadPermission },
        reader,
      ),
    ).toMatchObject({ result: AuthorizeResult.CONDITIONAL });
  });

  it('denies every secrets-sync permission to requests without a user', async () => {
    expect(
      await policy.handle({ permission: secretsSyncTopologyReadPermission }),
    ).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('denies any other secrets-sync permission and allows other plugins', async () => {
    const unknownOurs = createPermission({
      name: 'secrets-sync.values.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
    expect(await policy.handle({ permission: unknownOurs }, dev)).toEqual({
      result: AuthorizeResult.DENY,
    });
    const notAResource = createPermission({
      name: 'secrets-sync.topology.read',
      attributes: { action: 'read' },
    });
    expect(await policy.handle({ permission: notAResource }, dev)).toEqual({
      result: AuthorizeResult.DENY,
    });
    const catalogRead = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
    expect(await policy.handle({ permission: catalogRead }, dev)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });
});
