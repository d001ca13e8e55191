/**
 * The secrets-sync permission policy, as a module of the permission backend:
 * owners of an entity may read its topology, write its values, force sync
 * and enable or disable sync; restricted environments also need membership
 * of `secretsSync.restrictedWriters`.
 *
 * @packageDocumentation
 */

export { permissionModuleSecretsSyncPolicy as default } from './module';
export { createDefaultPermissionPolicy } from './createDefaultPermissionPolicy';
export type { DefaultPermissionPolicyOptions } from './createDefaultPermissionPolicy';
