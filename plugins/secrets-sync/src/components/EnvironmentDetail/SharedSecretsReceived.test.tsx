import { render, screen } from '@testing-library/react';
import { wrapInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { EntityTopology } from '@internal/plugin-secrets-sync-common';
import { environmentFixture } from '../../__testUtils__/topologyFixtures';
import { SharedSecretsReceivedList } from './SharedSecretsReceived';
import { sharedSecretsReceivedBy } from './sharedSecretsReceived';

function sharedTopology(): EntityTopology {
  const env = environmentFixture({
    name: 'dev-shared',
    title: 'Development (shared secrets)',
    status: 'error',
  });
  return {
    entityRef: 'resource:default/registry-credentials',
    optedIn: true,
    environments: [
      {
        ...env,
        kubernetes: { ...env.kubernetes, cluster: 'dev' },
        clusterExternalSecret: {
          resourceName: 'registry-credentials',
          exists: true,
          externalSecretName: 'registry-credentials',
          namespaces: [
            {
              namespace: 'shop',
              state: 'provisioned',
              status: 'synced',
              secretName: 'registry-pull',
              secretExists: true,
              consumers: [],
            },
            {
              namespace: 'legacy',
              state: 'failed',
              status: 'error',
              reason: 'external secret already exists in namespace',
              consumers: [],
            },
          ],
        },
      },
    ],
  } as EntityTopology;
}

const shared = [
  {
    entityRef: 'resource:default/registry-credentials',
    title: 'Registry credentials',
    topology: sharedTopology(),
  },
];

describe('shared secrets a namespace receives', () => {
  it('lists a shared secret whose ClusterExternalSecret provisioned the namespace, in the same cluster only', () => {
    expect(
      sharedSecretsReceivedBy({ cluster: 'dev', namespace: 'shop' }, shared),
    ).toEqual([
      {
        entityRef: 'resource:default/registry-credentials',
        title: 'Registry credentials',
        environment: 'Development (shared secrets)',
        clusterExternalSecret: 'registry-credentials',
        status: 'synced',
        secretName: 'registry-pull',
      },
    ]);
    expect(
      sharedSecretsReceivedBy({ cluster: 'prod', namespace: 'shop' }, shared),
    ).toEqual([]);
    // ESO failed there: the namespace receives nothing
    expect(
      sharedSecretsReceivedBy({ cluster: 'dev', namespace: 'legacy' }, shared),
    ).toEqual([]);
  });

  it('shows each received secret read-only, linking to its page', () => {
    render(
      wrapInTestApp(
        <SharedSecretsReceivedList
          namespace="shop"
          received={sharedSecretsReceivedBy(
            { cluster: 'dev', namespace: 'shop' },
            shared,
          )}
        />,
        {
          mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        },
      ),
    );
    expect(
      screen.getByText('Shared secrets namespace shop receives'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Registry credentials' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /ClusterExternalSecret registry-credentials in Development \(shared secrets\), Secret registry-pull/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
