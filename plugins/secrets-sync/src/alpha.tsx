/**
 * The secrets-sync plugin and its extensions for the new frontend system.
 *
 * @packageDocumentation
 */

import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import StorageIcon from '@material-ui/icons/Storage';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import type { Entity } from '@backstage/catalog-model';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { secretsSyncApiRef, SecretsSyncClient } from './api';
import { isSecretsSyncAvailable } from './lib/isSecretsSyncAvailable';

/** Where the fleet page is mounted in the new frontend system. */
const fleetRouteRef = createRouteRef();

const isComponent = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'component';

/** A shared secret: a Resource that opted in (the cluster-external-secret engine's entities). */
const isSharedSecret = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
  isSecretsSyncAvailable(entity);

/**
 * Provides the `SecretsSyncApi` (`secretsSyncApiRef`), backed by
 * `SecretsSyncClient`.
 *
 * @alpha
 */
export const secretsSyncApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: secretsSyncApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SecretsSyncClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The Secrets tab on every component (components that have not opted in
 * see how to) and on shared secrets, Resources that opted in.
 *
 * @alpha
 */
export const secretsSyncEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'secrets',
    title: 'Secrets',
    filter: (entity: Entity) => isComponent(entity) || isSharedSecret(entity),
    loader: () =>
      import('./components/SecretsSyncContent').then(m => (
        <m.SecretsSyncContent />
      )),
  },
});

/**
 * The overview card, on components that opted in.
 *
 * @alpha
 */
export const secretsSyncEntityCard = EntityCardBlueprint.make({
  params: {
    // Beside "About", where a glance at each environment's status belongs.
    type: 'info',
    filter: (entity: Entity) =>
      isComponent(entity) && isSecretsSyncAvailable(entity),
    loader: () =>
      import('./components/SecretsSyncCard').then(m => <m.SecretsSyncCard />),
  },
});

/**
 * The fleet page at `/secrets-sync`, with its nav item: every opted-in
 * component in each environment.
 *
 * @alpha
 */
export const secretsSyncFleetPage = PageBlueprint.make({
  params: {
    path: '/secrets-sync',
    title: 'Secrets fleet',
    icon: <StorageIcon />,
    routeRef: fleetRouteRef,
    // the page draws its own header, as in the legacy frontend system
    noHeader: true,
    loader: () => import('./components/FleetPage').then(m => <m.FleetPage />),
  },
});

/**
 * The scaffolder field `ui:field: SecretsSyncValues`: several keys and
 * values at once, names into the parameters, values into the task's secrets.
 *
 * @alpha
 */
export const secretsSyncValuesFormField = FormFieldBlueprint.make({
  name: 'secrets-sync-values',
  params: {
    field: () =>
      import('./components/SecretsField/formField').then(
        m => m.secretsSyncValuesFormField,
      ),
  },
});

/**
 * The secrets-sync plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'secrets-sync',
  extensions: [
    secretsSyncApi,
    secretsSyncEntityContent,
    secretsSyncEntityCard,
    secretsSyncFleetPage,
    secretsSyncValuesFormField,
  ],
  routes: { fleet: fleetRouteRef },
});
