import { screen, within } from '@testing-library/react';
import {
  mockSecretsSyncApi,
  renderWithApis,
} from '../../__testUtils__/renderWithApis';
import { sixEnvironmentTopology } from '../../__testUtils__/topologyFixtures';
import { SecretsSyncCard } from './SecretsSyncCard';

describe('SecretsSyncCard', () => {
  it("lists each environment's status and links to the Secrets tab", async () => {
    const api = mockSecretsSyncApi({
      getEntityTopology: jest.fn().mockResolvedValue(sixEnvironmentTopology),
    });
    await renderWithApis(<SecretsSyncCard />, { api });

    const list = await screen.findByRole('list', {
      name: 'Secrets by environment',
    });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(6);
    expect(items[0]).toHaveTextContent('Development');
    expect(items[0]).toHaveTextContent('Synced');
    expect(items[3]).toHaveTextContent('Not enabled');
    expect(
      screen.getByRole('link', { name: /see the topology/i }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout/secrets');
  });

  it('says the backend is unreachable instead of showing an empty list', async () => {
    const api = mockSecretsSyncApi({
      getEntityTopology: jest
        .fn()
        .mockRejectedValue(new TypeError('Failed to fetch')),
    });
    await renderWithApis(<SecretsSyncCard />, { api });

    expect(
      await screen.findByText('The secrets-sync backend could not be reached.'),
    ).toBeInTheDocument();
  });
});
