import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  Environment,
  FleetStatus,
} from '@internal/plugin-secrets-sync-common';
import {
  mockSecretsSyncApi,
  renderWithApis,
} from '../../__testUtils__/renderWithApis';
import { FleetContent, FLEET_PAGE_SIZE } from './FleetContent';

function environment(
  name: string,
  title: string,
  engine: string,
  restricted = false,
): Environment {
  return {
    name,
    title,
    restricted,
    engine,
    aws: { accountId: '111111111111', region: 'us-east-1' },
    cluster: { name },
  } as Environment;
}

const ENVIRONMENTS = [
  environment('dev', 'Development', 'namespace-annotation'),
  environment('prod', 'Production', 'external-secret', true),
];

const FLEET: FleetStatus = {
  items: [
    {
      entityRef: 'component:default/checkout-web',
      title: 'Checkout',
      owner: 'group:default/team-storefront',
      tenantKey: 'checkout-web',
      environments: [
        {
          environment: 'dev',
          status: 'synced',
          lastChangedAt: new Date(Date.now() - 3 * 3_600_000),
          stalePods: 1,
        },
        { environment: 'prod', status: 'drifted' },
      ],
    },
    {
      entityRef: 'component:default/payments-ledger',
      owner: 'group:default/team-payments',
      tenantKey: 'payments-ledger',
      environments: [{ environment: 'dev', status: 'error' }],
    },
  ],
  totalEntities: 120,
  statusCounts: { synced: 80, drifted: 3, error: 2 },
  offset: 0,
  limit: FLEET_PAGE_SIZE,
};

const EMPTY: FleetStatus = {
  items: [],
  totalEntities: 0,
  statusCounts: {},
  offset: 0,
  limit: FLEET_PAGE_SIZE,
};

function fleetApi(getFleetStatus = jest.fn().mockResolvedValue(FLEET)) {
  return mockSecretsSyncApi({
    listEnvironments: jest.fn().mockResolvedValue(ENVIRONMENTS),
    getFleetStatus,
  });
}

function lastQuery(api: ReturnType<typeof fleetApi>) {
  return api.getFleetStatus.mock.calls.at(-1)?.[0];
}

describe('FleetContent', () => {
  it('shows each component in each environment, linking to its Secrets tab there', async () => {
    const api = fleetApi();
    await renderWithApis(<FleetContent />, { api });

    const row = (await screen.findByText('Checkout')).closest('tr')!;
    const dev = within(row).getByRole('link', {
      name: 'Checkout in Development: Synced',
    });
    expect(dev).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-web/secrets?environment=dev',
    );
    expect(row).toHaveTextContent('changed 3 hours ago');
    expect(row).toHaveTextContent('1 pod holds old values');
    expect(row).toHaveTextContent('team-storefront');
    expect(
      within(row).getByRole('link', {
        name: 'Checkout in Production: Drifted',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-web/secrets?environment=prod',
    );
    const ledger = screen.getByText('payments-ledger', { selector: 'a' });
    expect(ledger.closest('tr')).toHaveTextContent('—');
    expect(screen.getByTestId('fleet-column-prod')).toHaveTextContent(
      'Productionexternal-secret · restricted',
    );
    expect(api.getFleetStatus).toHaveBeenCalledWith(
      expect.objectContaining({ offset: 0, limit: FLEET_PAGE_SIZE }),
    );
  });

  it('counts environments per status over every page, and filters by one on a click', async () => {
    const api = fleetApi();
    await renderWithApis(<FleetContent />, { api });

    const counts = await screen.findByRole('group', {
      name: 'Environments per status',
    });
    expect(counts).toHaveTextContent('120 components');
    expect(counts).toHaveTextContent('Synced: 80');
    expect(counts).toHaveTextContent('Drifted: 3');
    expect(counts).toHaveTextContent('Error: 2');

    await userEvent.click(within(counts).getByText('Drifted: 3'));
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({ status: 'drifted', offset: 0 }),
    );
  });

  it('asks the backend for the chosen environment and engine, showing only their columns', async () => {
    const api = fleetApi();
    await renderWithApis(<FleetContent />, { api });
    await screen.findByText('Checkout');

    fireEvent.mouseDown(screen.getByRole('button', { name: /^Engine/ }));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('external-secret'),
    );

    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({ engine: 'external-secret' }),
    );
    expect(screen.queryByTestId('fleet-column-dev')).not.toBeInTheDocument();
    expect(screen.getByTestId('fleet-column-prod')).toBeInTheDocument();
  });

  it('searches once typing pauses, and pages from the first page again', async () => {
    const api = fleetApi();
    await renderWithApis(<FleetContent />, { api });
    await screen.findByText('Checkout');

    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({ offset: FLEET_PAGE_SIZE }),
    );

    await userEvent.type(screen.getByLabelText('Search'), 'ledger');
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({ search: 'ledger', offset: 0 }),
    );
    const searches = api.getFleetStatus.mock.calls
      .map(([query]) => query?.search)
      .filter(Boolean);
    expect(searches).toEqual(['ledger']);
  });

  it('sends an owner only once it reads as an entity reference', async () => {
    const api = fleetApi();
    await renderWithApis(<FleetContent />, { api });
    await screen.findByText('Checkout');

    await userEvent.type(screen.getByLabelText('Owner'), 'group:');
    expect(
      await screen.findByText(
        'An owner reference, such as team-payments or group:default/team-payments',
      ),
    ).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Owner'), 'team-payments');
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({
        owner: 'group:team-payments',
      }),
    );
    expect(
      api.getFleetStatus.mock.calls.some(
        ([query]) => query?.owner === 'group:',
      ),
    ).toBe(false);
  });

  it('says how components opt in when none is visible', async () => {
    const api = fleetApi(jest.fn().mockResolvedValue(EMPTY));
    await renderWithApis(<FleetContent />, { api });

    expect(
      await screen.findByText('No component you may see uses secrets-sync yet'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('fleet-results')).toHaveTextContent(
      'secrets-sync.io/tenant-key: checkout-web',
    );
    expect(screen.getByText('secretsSync.platformReaders')).toBeInTheDocument();
  });

  it('offers to clear filters that match nothing', async () => {
    const api = fleetApi(
      jest
        .fn()
        .mockImplementation(async query => (query?.search ? EMPTY : FLEET)),
    );
    await renderWithApis(<FleetContent />, { api });
    await userEvent.type(await screen.findByLabelText('Search'), 'zz');

    expect(
      await screen.findByText('No component matches these filters'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getAllByRole('button', { name: 'Clear filters' })[0],
    );
    expect(await screen.findByText('Checkout')).toBeInTheDocument();
    expect(screen.getByLabelText('Search')).toHaveValue('');
  }, 15_000);

  it("shows the backend's refusal instead of an empty fleet", async () => {
    const api = fleetApi(
      jest.fn().mockRejectedValue(new TypeError('Failed to fetch')),
    );
    await renderWithApis(<FleetContent />, { api });

    expect(
      await screen.findByText('The secrets-sync backend could not be reached'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
