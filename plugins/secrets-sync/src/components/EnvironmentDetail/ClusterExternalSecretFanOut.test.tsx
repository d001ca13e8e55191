import { render, screen, within } from '@testing-library/react';
import type { ClusterExternalSecretFacts } from '@internal/plugin-secrets-sync-common';
import { ClusterExternalSecretFanOut } from './ClusterExternalSecretFanOut';

const facts: ClusterExternalSecretFacts = {
  resourceName: 'registry-credentials',
  exists: true,
  ready: 'False',
  refreshInterval: '1m',
  externalSecretName: 'registry-credentials',
  namespaces: [
    {
      namespace: 'shop',
      state: 'provisioned',
      status: 'synced',
      secretName: 'registry-credentials',
      secretExists: true,
      consumers: [
        {
          kind: 'Deployment',
          name: 'storefront',
          via: ['envFrom'],
          stalePods: [],
        },
      ],
    },
    {
      namespace: 'legacy',
      state: 'failed',
      status: 'error',
      reason:
        'ESO could not create ExternalSecret registry-credentials in namespace legacy: external secret already exists in namespace',
      consumers: [],
    },
  ],
};

describe('ClusterExternalSecretFanOut', () => {
  it('shows each namespace with its state, the reason of a failed one, its Secret and consumers', () => {
    render(<ClusterExternalSecretFanOut facts={facts} />);
    const rows = within(screen.getByRole('table', { name: 'Namespaces' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('shop');
    expect(rows[0]).toHaveTextContent('provisioned');
    expect(rows[0]).toHaveTextContent('registry-credentials');
    expect(rows[0]).toHaveTextContent('Deployment storefront');
    expect(rows[1]).toHaveTextContent('legacy');
    expect(rows[1]).toHaveTextContent('failed');
    expect(rows[1]).toHaveTextContent(
      'external secret already exists in namespace',
    );
    expect(rows[1]).toHaveTextContent('none');
  });

  it('says when no ClusterExternalSecret of the name exists', () => {
    render(
      <ClusterExternalSecretFanOut
        facts={{ ...facts, exists: false, namespaces: [] }}
      />,
    );
    expect(
      screen.getByText(/No ClusterExternalSecret registry-credentials exists/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
