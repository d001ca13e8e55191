import type { PropsWithChildren, ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import {
  alertApiRef,
  errorApiRef,
  type RouteRef,
} from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { secretsSyncApiRef, type SecretsSyncApi } from '../api';

/** A component that opted in, as the catalog returns it. */
export const checkoutEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: { 'secrets-sync.io/tenant-key': 'checkout' },
  },
  spec: { type: 'website', owner: 'team-a', lifecycle: 'production' },
};

/** A {@link SecretsSyncApi} whose every method is a jest mock. */
export function mockSecretsSyncApi(
  overrides: Partial<jest.Mocked<SecretsSyncApi>> = {},
): jest.Mocked<SecretsSyncApi> {
  return {
    listEnvironments: jest.fn(),
    getFleetStatus: jest.fn(),
    getEntityTopology: jest.fn(),
    writeValues: jest.fn(),
    forceSync: jest.fn(),
    setSyncEnabled: jest.fn(),
    restartWorkloads: jest.fn(),
    getWorkloadRollouts: jest.fn(),
    // the environment detail reads the history of whichever environment it shows
    getVersionHistory: jest.fn(async (_ref, environment) => ({
      environment,
      secretName: 'sites/checkout/build',
      accountId: '111111111111',
      versions: [],
      unversioned: [],
    })),
    rollbackVersion: jest.fn(),
    ...overrides,
  };
}

/** Options for {@link renderWithApis}. */
export interface RenderWithApisOptions {
  api: SecretsSyncApi;
  entity?: Entity;
  /** Permission names to deny; everything else is allowed. */
  deny?: string[];
  /** Extra route refs to mount, by path. */
  mountedRoutes?: Record<string, RouteRef>;
  /** The location the app starts at, e.g. `/?environment=prod`. */
  routeEntries?: string[];
}

/** The APIs of {@link renderWithApis}, for a hook's `renderHook` wrapper. */
export function testApis(
  options: Omit<RenderWithApisOptions, 'mountedRoutes'>,
) {
  const errorApi = { post: jest.fn(), error$: jest.fn() };
  const alertApi = { post: jest.fn(), alert$: jest.fn() };
  const deny = options.deny ?? [];
  const permissionApi = mockApis.permission({
    authorize: request =>
      deny.includes(request.permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  });
  const Wrapper = ({ children }: PropsWithChildren<{}>) => (
    <TestApiProvider
      apis={[
        [secretsSyncApiRef, options.api],
        [permissionApiRef, permissionApi],
        [errorApiRef, errorApi],
        [alertApiRef, alertApi],
      ]}
    >
      <EntityProvider entity={options.entity ?? checkoutEntity}>
        {children}
      </EntityProvider>
    </TestApiProvider>
  );
  return { Wrapper, errorApi, alertApi };
}

/** Renders inside a test app with the plugin's API, permissions and an entity. */
export async function renderWithApis(
  element: ReactElement,
  options: RenderWithApisOptions,
): Promise<{
  errorApi: { post: jest.Mock };
  alertApi: { post: jest.Mock };
  unmount: () => void;
}> {
  const { Wrapper, errorApi, alertApi } = testApis(options);
  const rendered = await renderInTestApp(<Wrapper>{element}</Wrapper>, {
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      ...options.mountedRoutes,
    },
    ...(options.routeEntries ? { routeEntries: options.routeEntries } : {}),
  });
  return { unmount: rendered.unmount, errorApi, alertApi };
}
