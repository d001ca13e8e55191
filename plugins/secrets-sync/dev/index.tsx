import { createDevApp } from '@backstage/frontend-dev-utils';
import {
  ApiBlueprint,
  createFrontendModule,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import secretsSyncPlugin from '../src/alpha';
import { secretsSyncApiRef } from '../src/api';
import { READ_ONLY_ENTITY } from './entities';
import { MockSecretsSyncApi } from './MockSecretsSyncApi';

const devModule = createFrontendModule({
  pluginId: 'secrets-sync',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: secretsSyncApiRef,
          deps: {},
          factory: () => new MockSecretsSyncApi(),
        }),
    }),
    PageBlueprint.make({
      name: 'scenarios',
      params: {
        path: '/',
        title: 'Scenarios',
        loader: () => import('./ScenarioIndex').then(m => <m.ScenarioIndex />),
      },
    }),
    PageBlueprint.make({
      name: 'entity',
      params: {
        path: '/catalog/:namespace/:kind/:name',
        routeRef: convertLegacyRouteRef(entityRouteRef),
        loader: () => import('./DevEntityPage').then(m => <m.DevEntityPage />),
      },
    }),
  ],
});

/** Everyone may do everything, except on the component shown read-only. */
const devPermissions = createFrontendModule({
  pluginId: 'app',
  extensions: [
    ApiBlueprint.make({
      name: 'permission',
      params: defineParams =>
        defineParams({
          api: permissionApiRef,
          deps: {},
          factory: () => ({
            authorize: async request => ({
              result:
                'resourceRef' in request &&
                request.resourceRef === READ_ONLY_ENTITY &&
                request.permission.name !== 'secrets-sync.topology.read'
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            }),
          }),
        }),
    }),
  ],
});

createDevApp({ features: [secretsSyncPlugin, devModule, devPermissions] });
