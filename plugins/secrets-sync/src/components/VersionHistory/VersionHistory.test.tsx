import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  EnvironmentTopology,
  VersionHistory as VersionHistoryModel,
} from '@internal/plugin-secrets-sync-common';
import {
  checkoutEntity,
  mockSecretsSyncApi,
  renderWithApis,
} from '../../__testUtils__/renderWithApis';
import { environmentFixture } from '../../__testUtils__/topologyFixtures';
import { VersionHistory } from './VersionHistory';

/** Opens the history, as a person does: it is read only then. */
async function openHistory() {
  await userEvent.click(
    await screen.findByRole('button', { name: 'Show version history' }),
  );
}

const entityNamed = (name: string) => ({
  ...checkoutEntity,
  metadata: { ...checkoutEntity.metadata, name },
});

const envOf = (restricted: boolean): EnvironmentTopology =>
  environmentFixture({
    name: restricted ? 'prod' : 'dev',
    title: restricted ? 'Production' : 'Development',
    status: 'synced',
    restricted,
  });

function historyOf(environment: string): VersionHistoryModel {
  return {
    environment,
    secretName: 'sites/checkout/build',
    accountId: '111111111111',
    unversioned: [],
    versions: [
      {
        versionId: 'aaaaaaaa-1111',
        stages: [],
        createdAt: new Date('2026-11-20T10:00:00Z'),
        current: false,
        source: 'portal',
        records: [
          {
            action: 'write',
            actor: 'user:default/ana',
            outcome: 'written',
            recordedAt: new Date('2026-11-20T10:00:00Z'),
            keysSet: ['API_KEY', 'REGION'],
            keysUnset: [],
          },
        ],
        changes: { added: ['API_KEY', 'REGION'], changed: [], removed: [] },
      },
      {
        versionId: 'bbbbbbbb-2222',
        stages: ['AWSPREVIOUS'],
        createdAt: new Date('2026-11-21T10:00:00Z'),
        current: false,
        source: 'outside',
        records: [],
        changes: { added: ['DEBUG'], changed: ['REGION'], removed: [] },
      },
      {
        versionId: 'cccccccc-3333',
        stages: ['AWSCURRENT'],
        createdAt: new Date('2026-11-22T10:00:00Z'),
        current: true,
        source: 'portal',
        records: [
          {
            action: 'write',
            actor: 'user:default/bo',
            outcome: 'written',
            recordedAt: new Date('2026-11-22T10:00:00Z'),
            keysSet: ['API_KEY'],
            keysUnset: ['DEBUG'],
          },
        ],
        changes: { added: [], changed: ['API_KEY'], removed: ['DEBUG'] },
      },
    ],
  };
}

describe('VersionHistory', () => {
  it('reads nothing until the history is opened', async () => {
    const api = mockSecretsSyncApi();
    await renderWithApis(<VersionHistory env={envOf(false)} />, {
      api,
      entity: entityNamed('history-closed'),
    });
    await screen.findByRole('button', { name: 'Show version history' });
    expect(api.getVersionHistory).not.toHaveBeenCalled();
  });

  it('lists versions newest first with who, when and keys, marking those written outside the portal', async () => {
    const api = mockSecretsSyncApi();
    api.getVersionHistory.mockResolvedValue(historyOf('dev'));
    await renderWithApis(<VersionHistory env={envOf(false)} />, {
      api,
      entity: entityNamed('history-list'),
    });
    await openHistory();

    const rows = await screen.findAllByTestId(/^version-(?!history)/);
    expect(rows.map(row => row.getAttribute('data-testid'))).toEqual([
      'version-cccccccc-3333',
      'version-bbbbbbbb-2222',
      'version-aaaaaaaa-1111',
    ]);
    expect(within(rows[0]).getByText('written by bo')).toBeInTheDocument();
    expect(within(rows[0]).getByText('changed API_KEY')).toBeInTheDocument();
    expect(within(rows[0]).getByText('removed DEBUG')).toBeInTheDocument();
    expect(within(rows[0]).getByText('current')).toBeInTheDocument();
    expect(
      within(rows[1]).getByText('written outside the portal'),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByText('added DEBUG')).toBeInTheDocument();
    expect(
      within(rows[2]).getByText('added API_KEY, REGION'),
    ).toBeInTheDocument();
    // the current version is not offered for a rollback
    expect(
      within(rows[0]).queryByRole('button', { name: 'Roll back' }),
    ).not.toBeInTheDocument();
  });

  it('rolls back after its own confirmation, then reads the history again', async () => {
    const api = mockSecretsSyncApi();
    api.getVersionHistory.mockResolvedValue(historyOf('dev'));
    api.rollbackVersion.mockResolvedValue({
      environment: 'dev',
      versionId: 'aaaaaaaa-1111',
      previousVersionId: 'cccccccc-3333',
      syncRequested: true,
    });
    await renderWithApis(<VersionHistory env={envOf(false)} />, {
      api,
      entity: entityNamed('history-rollback'),
    });
    await openHistory();
    const row = await screen.findByTestId('version-aaaaaaaa-1111');
    await userEvent.click(
      within(row).getByRole('button', { name: 'Roll back' }),
    );

    const dialog = screen.getByRole('dialog');
    expect(
      within(dialog).getByText('Roll back to aaaaaaaa in Development?'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByTestId('rollback-explanation'),
    ).toHaveTextContent(
      'the current version cccccccc-3333 becomes the previous one',
    );
    expect(api.rollbackVersion).not.toHaveBeenCalled();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Roll back to aaaaaaaa' }),
    );
    expect(api.rollbackVersion).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'history-rollback' },
      'dev',
      'aaaaaaaa-1111',
      { confirmRestricted: false },
    );
    expect(
      await within(dialog).findByText(
        'Version aaaaaaaa is current; a sync was requested.',
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.getVersionHistory).toHaveBeenCalledTimes(2));
  });

  it('asks for the restricted confirmation in a restricted environment and sends it', async () => {
    const api = mockSecretsSyncApi();
    api.getVersionHistory.mockResolvedValue(historyOf('prod'));
    api.rollbackVersion.mockResolvedValue({
      environment: 'prod',
      versionId: 'bbbbbbbb-2222',
      previousVersionId: 'cccccccc-3333',
      syncRequested: true,
    });
    await renderWithApis(<VersionHistory env={envOf(true)} />, {
      api,
      entity: entityNamed('history-restricted'),
    });
    await openHistory();
    const row = await screen.findByTestId('version-bbbbbbbb-2222');
    await userEvent.click(
      within(row).getByRole('button', { name: 'Roll back' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(
      within(dialog).getByTestId('restricted-action-confirmation'),
    ).toHaveTextContent('Production is a restricted environment');
    await userEvent.click(
      within(dialog).getByRole('button', {
        name: 'Roll back to bbbbbbbb in Production',
      }),
    );
    expect(api.rollbackVersion).toHaveBeenCalledWith(
      expect.anything(),
      'prod',
      'bbbbbbbb-2222',
      { confirmRestricted: true },
    );
  });

  it('offers no rollback without the permission, nor in a restricted environment without the restricted one', async () => {
    const api = mockSecretsSyncApi();
    api.getVersionHistory.mockImplementation(async (_ref, env) =>
      historyOf(env),
    );
    await renderWithApis(<VersionHistory env={envOf(false)} />, {
      api,
      entity: entityNamed('history-denied'),
      deny: ['secrets-sync.secret.rollback'],
    });
    await openHistory();
    await screen.findByTestId('version-aaaaaaaa-1111');
    expect(
      screen.queryByRole('button', { name: 'Roll back' }),
    ).not.toBeInTheDocument();
  });

  it('offers no rollback in a restricted environment without the restricted permission', async () => {
    const api = mockSecretsSyncApi();
    api.getVersionHistory.mockResolvedValue(historyOf('prod'));
    await renderWithApis(<VersionHistory env={envOf(true)} />, {
      api,
      entity: entityNamed('history-restricted-denied'),
      deny: ['secrets-sync.secret.write-restricted'],
    });
    await openHistory();
    await screen.findByTestId('version-aaaaaaaa-1111');
    expect(
      screen.queryByRole('button', { name: 'Roll back' }),
    ).not.toBeInTheDocument();
  });

  it('shows the eight newest versions until all are asked for', async () => {
    const api = mockSecretsSyncApi();
    const many = historyOf('dev');
    const template = many.versions[0];
    many.versions = Array.from({ length: 10 }, (_, index) => ({
      ...template,
      versionId: `version-${index}`,
      current: index === 9,
    }));
    api.getVersionHistory.mockResolvedValue(many);
    await renderWithApis(<VersionHistory env={envOf(false)} />, {
      api,
      entity: entityNamed('history-many'),
    });
    await openHistory();
    await screen.findByTestId('version-version-9');
    expect(screen.queryByTestId('version-version-1')).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Show all 10 versions' }),
    );
    expect(screen.getByTestId('version-version-0')).toBeInTheDocument();
  });

  it('says why when the history cannot be read', async () => {
    const api = mockSecretsSyncApi();
    api.getVersionHistory.mockRejectedValue(
      new Error('The AWS secret belongs to another entity'),
    );
    await renderWithApis(<VersionHistory env={envOf(false)} />, {
      api,
      entity: entityNamed('history-error'),
    });
    await openHistory();
    expect(
      await screen.findByText(
        'The history could not be read: The AWS secret belongs to another entity',
      ),
    ).toBeInTheDocument();
  });
});
