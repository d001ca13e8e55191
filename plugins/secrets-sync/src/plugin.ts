import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import type { JSX } from 'react';
import { secretsSyncApiRef, SecretsSyncClient } from './api';
import type { SecretsSyncCardProps } from './components/SecretsSyncCard';
import type { SecretsSyncContentProps } from './components/SecretsSyncContent';
import { fleetRouteRef, rootRouteRef } from './routes';

/**
 * The secrets-sync plugin for the legacy frontend system.
 *
 * @public
 */
export const secretsSyncPlugin = createPlugin({
  id: 'secrets-sync',
  apis: [
    createApiFactory({
      api: secretsSyncApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SecretsSyncClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    entityContent: rootRouteRef,
    fleet: fleetRouteRef,
  },
});

/**
 * The entity's Secrets tab, for `EntityLayout.Route` (legacy frontend system).
 *
 * @public
 */
export const EntitySecretsSyncContent: (
  props: SecretsSyncContentProps,
) => JSX.Element = secretsSyncPlugin.provide(
  createRoutableExtension({
    name: 'EntitySecretsSyncContent',
    component: () =>
      import('./components/SecretsSyncContent').then(m => m.SecretsSyncContent),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The overview card with each environment's status (legacy frontend system).
 *
 * @public
 */
export const EntitySecretsSyncCard: (
  props: SecretsSyncCardProps,
) => JSX.Element = secretsSyncPlugin.provide(
  createComponentExtension({
    name: 'EntitySecretsSyncCard',
    component: {
      lazy: () =>
        import('./components/SecretsSyncCard').then(m => m.SecretsSyncCard),
    },
  }),
);

/**
 * The fleet page: every opted-in component in each environment, for a
 * `Route` of the app (legacy frontend system), e.g.
 * `<Route path="/secrets-sync" element={<SecretsSyncFleetPage />} />`.
 *
 * @public
 */
export const SecretsSyncFleetPage: () => JSX.Element =
  secretsSyncPlugin.provide(
    createRoutableExtension({
      name: 'SecretsSyncFleetPage',
      component: () => import('./components/FleetPage').then(m => m.FleetPage),
      mountPoint: fleetRouteRef,
    }),
  );
