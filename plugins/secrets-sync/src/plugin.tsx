import { createFrontendPlugin } from '@backstage/frontend-plugin-api';

/**
 * The secrets-sync frontend plugin for the new frontend system.
 *
 * @public
 */
export const secretsSyncPlugin = createFrontendPlugin({
  pluginId: 'secrets-sync',
  extensions: [],
});
