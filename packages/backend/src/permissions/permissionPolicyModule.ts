import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { createDefaultPermissionPolicy } from './createDefaultPermissionPolicy';

/**
 * Installs {@link createDefaultPermissionPolicy}, with the restricted
 * writers from `secretsSync.restrictedWriters`.
 */
export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'default-policy',
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
          }),
        );
      },
    });
  },
});
