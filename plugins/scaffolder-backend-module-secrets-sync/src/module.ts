import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createSecretsSyncWriteAction } from './actions/createSecretsSyncWriteAction';

/**
 * Adds `secrets-sync:write` to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleSecretsSync = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'secrets-sync',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
      },
      async init({ scaffolder, auth, discovery, permissions }) {
        scaffolder.addActions(
          createSecretsSyncWriteAction({ auth, discovery, permissions }),
        );
      },
    });
  },
});
