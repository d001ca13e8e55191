import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import {
  secretsSyncForceSyncPermission,
  secretsSyncSecretWritePermission,
} from '@internal/plugin-secrets-sync-common';
import {
  checkoutEntity,
  mockSecretsSyncApi,
  renderWithApis,
} from '../../__testUtils__/renderWithApis';
import {
  entityTopologyFixture,
  environmentFixture,
  singleEnvironmentTopology,
  sixEnvironmentTopology,
} from '../../__testUtils__/topologyFixtures';
import { SecretsSyncContent } from './SecretsSyncContent';

describe('SecretsSyncContent', () => {
  it('draws the topology and the first environment for one environment', async () => {
    const api = mockSecretsSyncApi({
      getEntityTopology: jest.fn().mockResolvedValue(singleEnvironmentTopology),
    });
    await renderWithApis(<SecretsSyncContent />, { api });

    expect(api.getEntityTopology).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'checkout',
    });
    const graph = await screen.findByTestId('secrets-sync-topology');
    expect(
      within(graph).getByTestId('topology-node-environment:dev'),
    ).toHaveAttribute('data-tone', 'ok');
    const detail = screen.getByTestId('environment-detail-dev');
    expect(within(detail).getByText('Synced')).toBeInTheDocument();
    expect(within(detail).getByText('Nothing to do.')).toBeInTheDocument();
    expect(within(detail).getByText('DATABASE_URL')).toBeInTheDocument();
    expect(within(detail).getByText('Deployment web')).toBeInTheDocument();
  });

  it('shows six environments and switches detail when another is picked', async () => {
    const api = mockSecretsSyncApi({
      getEntityTopology: jest.fn().mockResolvedValue(sixEnvironmentTopology),
    });
    await renderWithApis(<SecretsSyncContent />, { api });

    await screen.findByTestId('secrets-sync-topology');
    expect(screen.getAllByRole('tab')).toHaveLength(6);
    await userEvent.click(
      screen.getByRole('tab', { name: 'Production EU: Unowned' }),
    );

    const detail = screen.getByTestId('environment-detail-eu-prod');
    expect(
      within(detail).getByText(
        'A Secret named build-secrets exists in sites-checkout that the operator will not touch: it lacks the owner labels.',
      ),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByTestId('topology-node-environment:staging'),
    );
    const staging = screen.getByTestId('environment-detail-staging');
    expect(
      within(staging).getByText(/2 pods started before the last change/),
    ).toBeInTheDocument();
  });

  it('opens at the environment the link names, as the fleet page links', async () => {
    const api = mockSecretsSyncApi({
      getEntityTopology: jest.fn().mockResolvedValue(sixEnvironmentTopology),
    });
    await renderWithApis(<SecretsSyncContent />, {
      api,
      routeEntries: ['/?environment=eu-prod'],
    });

    expect(
      await screen.findByTestId('environment-detail-eu-prod'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('tab', { name: 'Production EU: Unowned' }),
    ).toHaveAttribute('aria-selected', 'true');
  });

  it('shows the annotations to add when the entity has not opted in', async () => {
    const api = mockSecretsSyncApi({
      getEntityTopology: jest.fn().mockResolvedValue({
        entityRef: 'component:default/checkout',
        optedIn: false,
        environments: [],
      }),
    });
    await renderWithApis(<SecretsSyncContent />, { api });

    expect(
      await screen.findByText('This component does not use secrets-sync yet'),
    ).toBeInTheDocument();
    expect(document.body).toHaveTextContent(
      'secrets-sync.io/tenant-key: checkout',
    );
  });

  it('says so when the entity maps to no environment', async () => {
    const api = mockSecretsSyncApi({
      getEntityTopology: jest.fn().mockResolvedValue(entityTopologyFixture([])),
    });
    await renderWithApis(<SecretsSyncContent />, { api });

    expect(await screen.findByText('No environments')).toBeInTheDocument();
  });

  it('offers a retry when the backend cannot be reached', async () => {
    const api = mockSecretsSyncApi({
      getEntityTopology: jest
        .fn()
        .mockRejectedValueOnce(new TypeError('Failed to fetch'))
        .mockResolvedValue(singleEnvironmentTopology),
    });
    await renderWithApis(<SecretsSyncContent />, { api });

    expect(
      await screen.findByText(/The secrets-sync backend could not be reached/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByTestId('environment-detail-dev'),
    ).toBeInTheDocument();
  });

  it('explains a refusal to read, with no way to write', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'NotAllowedError',
          message: 'You may not read the secrets of checkout.',
        },
        response: { statusCode: 403 },
      }),
      { status: 403, headers: { 'content-type': 'application/json' } },
    );
    const api = mockSecretsSyncApi({
      getEntityTopology: jest
        .fn()
        .mockRejectedValue(await ResponseError.fromResponse(response)),
    });
    await renderWithApis(<SecretsSyncContent />, { api });

    expect(
      await screen.findByTestId('secrets-sync-not-allowed'),
    ).toHaveTextContent('You may not read the secrets of checkout.');
    expect(
      screen.queryByRole('button', { name: /write values/i }),
    ).not.toBeInTheDocument();
  });

  it("shows the backend's message when it answers with an error", async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'Error', message: 'Reading the catalog failed' },
        response: { statusCode: 500 },
      }),
      { status: 500, headers: { 'content-type': 'application/json' } },
    );
    const api = mockSecretsSyncApi({
      getEntityTopology: jest
        .fn()
        .mockRejectedValue(await ResponseError.fromResponse(response)),
    });
    await renderWithApis(<SecretsSyncContent />, { api });

    expect(
      await screen.findAllByText(/Reading the catalog failed/),
    ).not.toHaveLength(0);
    expect(
      screen.queryByTestId('secrets-sync-topology'),
    ).not.toBeInTheDocument();
  });
  it('hides write and force sync from a user without those permissions', async () => {
    const api = mockSecretsSyncApi({
      getEntityTopology: jest.fn().mockResolvedValue(singleEnvironmentTopology),
    });
    await renderWithApis(<SecretsSyncContent />, {
      api,
      // Another entity, so no permission decision is cached from earlier tests.
      entity: {
        ...checkoutEntity,
        metadata: { ...checkoutEntity.metadata, name: 'read-only' },
      },
      deny: [
        secretsSyncSecretWritePermission.name,
        secretsSyncForceSyncPermission.name,
      ],
    });

    await screen.findByRole('button', { name: /disable sync/i });
    expect(
      screen.queryByRole('button', { name: /write values/i }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /force sync/i }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /disable sync/i }),
    ).toBeInTheDocument();
  });

  it('forces a sync and reports a failure with the backend message', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'ConflictError',
          message: 'Namespace sites-checkout is terminating',
        },
        response: { statusCode: 409 },
      }),
      { status: 409, headers: { 'content-type': 'application/json' } },
    );
    const api = mockSecretsSyncApi({
      getEntityTopology: jest.fn().mockResolvedValue(singleEnvironmentTopology),
      forceSync: jest
        .fn()
        .mockRejectedValue(await ResponseError.fromResponse(response)),
    });
    const { errorApi } = await renderWithApis(<SecretsSyncContent />, { api });

    await screen.findByTestId('environment-detail-dev');
    await userEvent.click(screen.getByRole('button', { name: /force sync/i }));

    await waitFor(() =>
      expect(errorApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          message: 'Namespace sites-checkout is terminating',
        }),
      ),
    );
    expect(api.forceSync).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'checkout' }),
      'dev',
    );
    expect(api.getEntityTopology).toHaveBeenCalledTimes(2);
  });

  it('enables sync from the next step of a not-enabled environment', async () => {
    const api = mockSecretsSyncApi({
      getEntityTopology: jest.fn().mockResolvedValue(sixEnvironmentTopology),
      setSyncEnabled: jest
        .fn()
        .mockResolvedValue({ environment: 'perf', enabled: true }),
    });
    const { alertApi } = await renderWithApis(<SecretsSyncContent />, { api });

    await screen.findByTestId('secrets-sync-topology');
    await userEvent.click(
      screen.getByRole('tab', { name: 'Performance: Not enabled' }),
    );
    const detail = screen.getByTestId('environment-detail-perf');
    const buttons = within(detail).getAllByRole('button', {
      name: /enable sync/i,
    });
    await userEvent.click(buttons[buttons.length - 1]);

    await waitFor(() =>
      expect(api.setSyncEnabled).toHaveBeenCalledWith(
        expect.anything(),
        'perf',
        true,
      ),
    );
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'Sync enabled in perf' }),
    );
  });

  it('asks before disabling sync, naming the namespace', async () => {
    const api = mockSecretsSyncApi({
      getEntityTopology: jest.fn().mockResolvedValue(singleEnvironmentTopology),
      setSyncEnabled: jest
        .fn()
        .mockResolvedValue({ environment: 'dev', enabled: false }),
    });
    await renderWithApis(<SecretsSyncContent />, { api });

    await userEvent.click(
      await screen.findByRole('button', { name: /disable sync/i }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Namespace sites-checkout opts out');
    expect(dialog).toHaveTextContent('2 workloads read that Secret.');
    expect(api.setSyncEnabled).not.toHaveBeenCalled();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Disable sync' }),
    );
    await waitFor(() =>
      expect(api.setSyncEnabled).toHaveBeenCalledWith(
        expect.anything(),
        'dev',
        false,
      ),
    );
  });

  it('asks before a force sync in a restricted environment and tells the backend it was confirmed', async () => {
    const restrictedOnly = entityTopologyFixture([
      environmentFixture({
        name: 'prod',
        title: 'Production',
        status: 'synced',
        restricted: true,
      }),
    ]);
    const api = mockSecretsSyncApi({
      getEntityTopology: jest.fn().mockResolvedValue(restrictedOnly),
      forceSync: jest.fn().mockResolvedValue({
        environment: 'prod',
        requestedAt: new Date('2026-12-01T10:00:00Z'),
      }),
    });
    await renderWithApis(<SecretsSyncContent />, { api });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Force sync' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent(
      'Production is a restricted environment (account 222222222222)',
    );
    expect(api.forceSync).not.toHaveBeenCalled();

    await userEvent.click(
      within(dialog).getByRole('button', {
        name: 'Force a sync in Production',
      }),
    );
    await waitFor(() =>
      expect(api.forceSync).toHaveBeenCalledWith(
        expect.objectContaining({ name: 'checkout' }),
        'prod',
        { confirmRestricted: true },
      ),
    );
  });

  it('keeps showing the last topology when a refresh fails', async () => {
    const api = mockSecretsSyncApi({
      getEntityTopology: jest
        .fn()
        .mockResolvedValueOnce(singleEnvironmentTopology)
        .mockRejectedValue(new TypeError('Failed to fetch')),
    });
    await renderWithApis(<SecretsSyncContent />, { api });

    await screen.findByTestId('environment-detail-dev');
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(await screen.findByTestId('secrets-sync-stale')).toHaveTextContent(
      'refreshing failed (Failed to fetch)',
    );
    expect(screen.getByTestId('environment-detail-dev')).toBeInTheDocument();
    expect(
      screen.getAllByRole('button', { name: /write values/i }),
    ).not.toHaveLength(0);
  });
  it('opens the write dialog on the selected environment and reloads once it is closed', async () => {
    const api = mockSecretsSyncApi({
      getEntityTopology: jest.fn().mockResolvedValue(sixEnvironmentTopology),
    });
    await renderWithApis(<SecretsSyncContent />, {
      api,
      entity: {
        ...checkoutEntity,
        metadata: { ...checkoutEntity.metadata, name: 'writer' },
      },
    });

    await userEvent.click(
      await screen.findByRole('tab', { name: 'Staging: Pending' }),
    );
    const header = screen.getAllByRole('button', { name: /write values/i })[0];
    await userEvent.click(header);

    const dialog = screen.getByRole('dialog', { name: 'Write secret values' });
    expect(
      within(dialog).getByRole('checkbox', { name: 'Staging' }),
    ).toBeChecked();
    expect(
      within(dialog).getByRole('checkbox', { name: 'Development' }),
    ).not.toBeChecked();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // nothing was written: no reload
    expect(api.getEntityTopology).toHaveBeenCalledTimes(1);
    expect(api.writeValues).not.toHaveBeenCalled();
  });

  it('reads the topology again after a rollback, so the view shows the version now current', async () => {
    const api = mockSecretsSyncApi({
      getEntityTopology: jest.fn().mockResolvedValue(singleEnvironmentTopology),
    });
    api.getVersionHistory.mockResolvedValue({
      environment: 'dev',
      secretName: 'sites/checkout/build',
      accountId: '111111111111',
      unversioned: [],
      versions: [
        {
          versionId: 'aaaaaaaa-1111',
          stages: [],
          createdAt: new Date('2026-11-20T10:00:00Z'),
          current: false,
          source: 'outside',
          records: [],
        },
        {
          versionId: 'bbbbbbbb-2222',
          stages: ['AWSCURRENT'],
          createdAt: new Date('2026-11-21T10:00:00Z'),
          current: true,
          source: 'outside',
          records: [],
        },
      ],
    });
    api.rollbackVersion.mockResolvedValue({
      environment: 'dev',
      versionId: 'aaaaaaaa-1111',
      previousVersionId: 'bbbbbbbb-2222',
      syncRequested: true,
    });
    await renderWithApis(<SecretsSyncContent />, {
      api,
      entity: {
        ...checkoutEntity,
        metadata: { ...checkoutEntity.metadata, name: 'rolling-back' },
      },
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show version history' }),
    );
    const row = await screen.findByTestId('version-aaaaaaaa-1111');
    await userEvent.click(
      within(row).getByRole('button', { name: 'Roll back' }),
    );
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Roll back to aaaaaaaa',
      }),
    );
    await waitFor(() => expect(api.getEntityTopology).toHaveBeenCalledTimes(2));
    // the result stays on screen while the view is read again
    expect(
      await screen.findByText(
        'Version aaaaaaaa is current; a sync was requested.',
      ),
    ).toBeInTheDocument();
  });

  it('offers no write while another entity claims the tenant key', async () => {
    const conflicted = entityTopologyFixture([
      environmentFixture({
        name: 'dev',
        title: 'Development',
        status: 'synced',
      }),
    ]);
    conflicted.mapping!.conflict = {
      message:
        'component:default/checkout-legacy also claims tenant key checkout',
      claimants: ['component:default/checkout-legacy'],
    };
    const api = mockSecretsSyncApi({
      getEntityTopology: jest.fn().mockResolvedValue(conflicted),
    });
    await renderWithApis(<SecretsSyncContent />, {
      api,
      entity: {
        ...checkoutEntity,
        metadata: { ...checkoutEntity.metadata, name: 'claimed' },
      },
    });

    expect(
      await screen.findByText(
        'component:default/checkout-legacy also claims tenant key checkout',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /write values/i }),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('topology-node-component')).toHaveAttribute(
      'data-tone',
      'error',
    );
  });
});
