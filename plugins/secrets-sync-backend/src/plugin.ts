import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createOpenApiRouter } from './schema/openapi';

/**
 * The secrets-sync backend plugin.
 *
 * @public
 */
export const secretsSyncPlugin = createBackendPlugin({
  pluginId: 'secrets-sync',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
      },
      async init({ httpRouter }) {
        const router = await createOpenApiRouter();
        router.get('/environments', (_req, res) => {
          res.json({ items: [] });
        });
        httpRouter.use(router);
      },
    });
  },
});
