import { screen } from '@testing-library/react';
import { EntitySecretsSyncCard, EntitySecretsSyncContent } from './plugin';
import { Route, Routes } from 'react-router-dom';
import {
  mockSecretsSyncApi,
  renderWithApis,
} from './__testUtils__/renderWithApis';
import { singleEnvironmentTopology } from './__testUtils__/topologyFixtures';

describe('legacy frontend system', () => {
  const api = () =>
    mockSecretsSyncApi({
      getEntityTopology: jest.fn().mockResolvedValue(singleEnvironmentTopology),
    });

  it('renders the routable entity content', async () => {
    // As EntityLayout.Route does, a route with a path mounts the extension.
    await renderWithApis(
      <Routes>
        <Route path="/*" element={<EntitySecretsSyncContent />} />
      </Routes>,
      { api: api() },
    );

    expect(
      await screen.findByTestId('environment-detail-dev'),
    ).toBeInTheDocument();
  });

  it('renders the overview card', async () => {
    await renderWithApis(<EntitySecretsSyncCard />, { api: api() });

    expect(await screen.findByText('Development')).toBeInTheDocument();
    expect(screen.getByText('Synced')).toBeInTheDocument();
  });
});
