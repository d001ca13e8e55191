import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { createDefaultPermissionPolicy } from './createDefaultPermissionPolicy';

/**
 * Installs {@link createDefaultPermissionPolicy} as the permission backend's
 * policy, with the restricted writers from `secretsSync.restrictedWriters`
 * and the platform readers from `secretsSync.platformReaders`.
 *
 * @public
 */
export const permissionModuleSecretsSyncPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'secrets-sync-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        policy: policyExtensionPoint,
      },
      async init({ config, userInfo, policy }) {
        policy.setPolicy(
          createDefaultPermissionPolicy({
            userInfo,
            restrictedWriters:
              config.getOptionalStringArray('secretsSync.restrictedWriters') ??
              [],
            platformReaders:
              config.getOptionalStringArray('secretsSync.platformReaders') ??
              [],
          }),
        );
      },
    });
  },
});
