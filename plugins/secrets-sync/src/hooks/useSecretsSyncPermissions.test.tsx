import { renderHook, waitFor } from '@testing-library/react';
import {
  secretsSyncConfigurePermission,
  secretsSyncForceSyncPermission,
  secretsSyncRestrictedWritePermission,
  secretsSyncSecretWritePermission,
} from '@internal/plugin-secrets-sync-common';
import {
  checkoutEntity,
  mockSecretsSyncApi,
  testApis,
} from '../__testUtils__/renderWithApis';
import { useSecretsSyncPermissions } from './useSecretsSyncPermissions';

// usePermission caches decisions by permission and resource across tests:
// each call asks about an entity of its own
let entities = 0;

function permissionsWith(deny: string[]) {
  const { Wrapper } = testApis({ api: mockSecretsSyncApi(), deny });
  const entity = {
    ...checkoutEntity,
    metadata: { ...checkoutEntity.metadata, name: `checkout-${++entities}` },
  };
  return renderHook(() => useSecretsSyncPermissions(entity), {
    wrapper: Wrapper,
  }).result;
}

describe('useSecretsSyncPermissions', () => {
  it('allows everything the permission framework allows', async () => {
    const result = permissionsWith([]);

    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current).toEqual({
      canWrite: true,
      canWriteRestricted: true,
      canForceSync: true,
      canConfigure: true,
      loading: false,
    });
  });

  it('needs both the write and the restricted permission to write in a restricted environment', async () => {
    const noRestricted = permissionsWith([
      secretsSyncRestrictedWritePermission.name,
    ]);
    const noWrite = permissionsWith([secretsSyncSecretWritePermission.name]);

    await waitFor(() => expect(noRestricted.current.loading).toBe(false));
    await waitFor(() => expect(noWrite.current.loading).toBe(false));
    expect(noRestricted.current).toMatchObject({
      canWrite: true,
      canWriteRestricted: false,
    });
    expect(noWrite.current).toMatchObject({
      canWrite: false,
      canWriteRestricted: false,
    });
  });

  it('denies force sync and configuration on their own', async () => {
    const result = permissionsWith([
      secretsSyncForceSyncPermission.name,
      secretsSyncConfigurePermission.name,
    ]);

    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current).toMatchObject({
      canWrite: true,
      canForceSync: false,
      canConfigure: false,
    });
  });
});
