import { screen } from '@testing-library/react';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { secretsSyncApiRef } from './api';
import {
  checkoutEntity,
  mockSecretsSyncApi,
} from './__testUtils__/renderWithApis';
import { singleEnvironmentTopology } from './__testUtils__/topologyFixtures';
import {
  secretsSyncEntityCard,
  secretsSyncEntityContent,
  secretsSyncFleetPage,
} from './alpha';

const notOptedIn = {
  ...checkoutEntity,
  metadata: { name: 'docs-site', namespace: 'default' },
};
const api = { ...checkoutEntity, kind: 'API' };

describe('new frontend system', () => {
  it('adds a Secrets tab to every component, opted in or not', () => {
    const tester = createExtensionTester(secretsSyncEntityContent);
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);

    expect(tester.get(coreExtensionData.routePath)).toBe('secrets');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Secrets');
    expect(filter?.(checkoutEntity)).toBe(true);
    expect(filter?.(notOptedIn)).toBe(true);
    expect(filter?.(api)).toBe(false);
    // a shared secret (cluster-external-secret) is a Resource that opted in
    expect(filter?.({ ...checkoutEntity, kind: 'Resource' })).toBe(true);
    expect(filter?.({ ...notOptedIn, kind: 'Resource' })).toBe(false);
  });

  it('puts the overview card beside About, on components that opted in only', () => {
    const tester = createExtensionTester(secretsSyncEntityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);

    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('info');

    expect(filter?.(checkoutEntity)).toBe(true);
    expect(filter?.(notOptedIn)).toBe(false);
  });

  it('mounts the fleet page at /secrets-sync with the title and icon its nav item shows', () => {
    const tester = createExtensionTester(secretsSyncFleetPage);

    expect(tester.get(coreExtensionData.routePath)).toBe('/secrets-sync');
    expect(tester.get(coreExtensionData.title)).toBe('Secrets fleet');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
    expect(tester.get(coreExtensionData.routeRef)).toBeDefined();
  });

  it('renders the tab through the extension', async () => {
    const tester = createExtensionTester(secretsSyncEntityContent);
    renderInTestApp(
      <TestApiProvider
        apis={[
          [
            secretsSyncApiRef,
            mockSecretsSyncApi({
              getEntityTopology: jest
                .fn()
                .mockResolvedValue(singleEnvironmentTopology),
            }),
          ],
        ]}
      >
        <EntityProvider entity={checkoutEntity}>
          {tester.reactElement()}
        </EntityProvider>
      </TestApiProvider>,
    );

    expect(
      await screen.findByTestId('environment-detail-dev'),
    ).toBeInTheDocument();
  });
});
