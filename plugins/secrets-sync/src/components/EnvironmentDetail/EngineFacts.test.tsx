import { render, screen, within } from '@testing-library/react';
import { environmentFixture } from '../../__testUtils__/topologyFixtures';
import { EnvironmentActions } from './EnvironmentActions';
import { PushSecretStores } from './PushSecretStores';
import { SyncedSecretFacts } from './SyncedSecretFacts';

const permissions = {
  canWrite: true,
  canWriteRestricted: true,
  canForceSync: true,
  canConfigure: true,
  loading: false,
};

const syncedSecret = {
  resourceName: 'build-secrets',
  apiVersion: 'secrets.contentful.com/v1',
  pollIntervalSeconds: 300,
  resyncIntervalSeconds: 120,
  dueBy: new Date(Date.now() + 4 * 60_000),
};

describe('engine facts', () => {
  it('offers no force sync under kube-secret-syncer and says when the Secret is due', () => {
    render(
      <EnvironmentActions
        env={{
          ...environmentFixture({
            name: 'dev',
            title: 'Development',
            status: 'pending',
          }),
          syncedSecret,
          // what the synced-secret engine says it supports
          supports: { forceSync: false, setEnabled: false },
        }}
        permissions={permissions}
        onForceSync={jest.fn()}
        onSetEnabled={jest.fn()}
        onWrite={jest.fn()}
      />,
    );
    expect(
      screen.queryByRole('button', { name: 'Force sync' }),
    ).not.toBeInTheDocument();
    // the SyncedSecret in the cluster turns sync on and off
    expect(
      screen.queryByRole('button', { name: /sync$/ }),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('next-poll-note')).toHaveTextContent(
      'No force sync: kube-secret-syncer polls AWS every 300 s. The Secret is due in 4 minutes.',
    );
  });

  it('says the Secret was due when kube-secret-syncer is late', () => {
    render(
      <EnvironmentActions
        env={{
          ...environmentFixture({
            name: 'dev',
            title: 'Development',
            status: 'pending',
          }),
          syncedSecret: {
            ...syncedSecret,
            dueBy: new Date(Date.now() - 2 * 60_000),
          },
          supports: { forceSync: false, setEnabled: false },
        }}
        permissions={permissions}
        onForceSync={jest.fn()}
        onSetEnabled={jest.fn()}
        onWrite={jest.fn()}
      />,
    );
    expect(screen.getByTestId('next-poll-note')).toHaveTextContent(
      'The Secret was due 2 minutes ago.',
    );
  });

  it('shows the SyncedSecret, saying when the controller reports no version', () => {
    render(<SyncedSecretFacts facts={syncedSecret} />);
    const facts = screen.getByRole('region', { name: 'kube-secret-syncer' });
    expect(facts).toHaveTextContent('not reported by the controller');
    expect(facts).toHaveTextContent(
      'every 300 s, rewrites the Secret every 120 s',
    );
    expect(facts).toHaveTextContent('in 4 minutes');
  });

  it('shows each store of a PushSecret on its own, the failed one with its reason', () => {
    render(
      <PushSecretStores
        awsVersionId="v-7"
        facts={{
          sourceSecretName: 'build-secrets',
          pushSecrets: [
            {
              resourceName: 'to-aws',
              ready: 'False',
              stores: [
                { kind: 'ClusterSecretStore', name: 'aws-dev', pushed: true },
                {
                  kind: 'ClusterSecretStore',
                  name: 'aws-prod',
                  pushed: false,
                  error: 'could not get secrets client for store aws-prod',
                },
              ],
            },
          ],
        }}
      />,
    );
    const rows = within(
      screen.getByRole('table', { name: 'Stores' }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('ClusterSecretStore aws-devpushed');
    expect(rows[2]).toHaveTextContent(
      'ClusterSecretStore aws-prodfailedcould not get secrets client for store aws-prod',
    );
    expect(
      screen.getByText(/AWS version in this environment's account: v-7/),
    ).toBeInTheDocument();
  });
});
