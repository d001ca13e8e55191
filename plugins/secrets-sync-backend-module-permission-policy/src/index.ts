/**
 * The secrets-sync permission policy, as a module of the permission backend:
 * owners of an entity may read its topology, write its values, force sync
 * and enable or disable sync; restricted environments also need membership
 * of `secretsSync.restrictedWriters`; members of `secretsSync.platformReaders`
 * read every entity's topology and nothing more.
 *
 * @packageDocumentation
 */

export { permissionModuleSecretsSyncPolicy as default } from './module';
export { createDefaultPermissionPolicy } from './createDefaultPermissionPolicy';
export type { DefaultPermissionPolicyOptions } from './createDefaultPermissionPolicy';
