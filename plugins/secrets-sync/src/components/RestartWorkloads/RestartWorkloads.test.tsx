import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  Consumer,
  EnvironmentTopology,
  WorkloadRollout,
} from '@internal/plugin-secrets-sync-common';
import {
  checkoutEntity,
  mockSecretsSyncApi,
  renderWithApis,
} from '../../__testUtils__/renderWithApis';
import { environmentFixture } from '../../__testUtils__/topologyFixtures';
import { RestartWorkloads } from './RestartWorkloads';

// a dialog clicked through on a busy machine outlasts jest's default 5 s
jest.setTimeout(30_000);

const entityNamed = (name: string) => ({
  ...checkoutEntity,
  metadata: { ...checkoutEntity.metadata, name },
});

const STALE = [{ name: 'web-1', startedAt: new Date('2026-11-20T10:00:00Z') }];

function envWith(
  consumers: Consumer[],
  restricted = false,
): EnvironmentTopology {
  return {
    ...environmentFixture({
      name: restricted ? 'prod' : 'dev',
      title: restricted ? 'Production' : 'Development',
      status: 'synced',
      restricted,
    }),
    consumers,
  };
}

const web: Consumer = {
  kind: 'Deployment',
  name: 'web',
  via: ['envFrom'],
  stalePods: STALE,
  restart: 'rollout',
};

function rollout(over: Partial<WorkloadRollout>): WorkloadRollout {
  return {
    kind: 'Deployment',
    name: 'web',
    phase: 'progressing',
    desiredReplicas: 1,
    updatedReplicas: 0,
    readyReplicas: 0,
    ...over,
  };
}

describe('RestartWorkloads', () => {
  it('names the workloads before restarting, then follows the rollout to its ready pods', async () => {
    const api = mockSecretsSyncApi();
    api.restartWorkloads.mockResolvedValue({
      environment: 'dev',
      workloads: [rollout({ phase: 'waiting' })],
    });
    api.getWorkloadRollouts
      .mockResolvedValueOnce({
        environment: 'dev',
        workloads: [rollout({ newReplicaSet: 'web-7d9f', updatedReplicas: 1 })],
      })
      .mockResolvedValue({
        environment: 'dev',
        workloads: [
          rollout({
            phase: 'complete',
            newReplicaSet: 'web-7d9f',
            updatedReplicas: 1,
            readyReplicas: 1,
          }),
        ],
      });
    await renderWithApis(
      <RestartWorkloads
        env={envWith([web])}
        progress={{ pollIntervalMs: 10, timeoutMs: 10_000 }}
      />,
      { api },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Restart web' }));
    const dialog = screen.getByRole('dialog');
    expect(
      within(dialog).getByText('Restart Deployment web in Development?'),
    ).toBeInTheDocument();
    expect(
      within(
        within(dialog).getByRole('list', { name: 'Workloads to restart' }),
      ).getByText('Deployment web'),
    ).toBeInTheDocument();
    expect(api.restartWorkloads).not.toHaveBeenCalled();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Restart in Development' }),
    );
    expect(api.restartWorkloads).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout' },
      'dev',
      [{ kind: 'Deployment', name: 'web' }],
      { confirmRestricted: undefined },
    );
    expect(
      await screen.findByText(
        'New ReplicaSet web-7d9f created · 1 of 1 new pods created · 0 ready',
      ),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('restart-outcome')).toHaveTextContent(
      'Restarted: every new pod is ready and holds the current values.',
    );
  });

  it('stops following when the time runs out and says what the cluster reported', async () => {
    const api = mockSecretsSyncApi();
    const unready = {
      environment: 'dev',
      workloads: [rollout({ newReplicaSet: 'web-7d9f', updatedReplicas: 1 })],
    };
    api.restartWorkloads.mockResolvedValue(unready);
    api.getWorkloadRollouts.mockResolvedValue(unready);
    await renderWithApis(
      <RestartWorkloads
        env={envWith([web])}
        progress={{ pollIntervalMs: 10, timeoutMs: 50 }}
      />,
      { api },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Restart web' }));
    await userEvent.click(
      screen.getByRole('button', { name: 'Restart in Development' }),
    );
    expect(await screen.findByTestId('restart-outcome')).toHaveTextContent(
      'all 1 pod of the new template were created, but the cluster reports 0 ready',
    );
    expect(
      screen.queryByText(/every new pod is ready/),
    ).not.toBeInTheDocument();
  });

  it('confirms a restricted environment in the request', async () => {
    const api = mockSecretsSyncApi();
    api.restartWorkloads.mockResolvedValue({
      environment: 'prod',
      workloads: [
        rollout({ phase: 'complete', updatedReplicas: 1, readyReplicas: 1 }),
      ],
    });
    await renderWithApis(<RestartWorkloads env={envWith([web], true)} />, {
      api,
    });
    await userEvent.click(screen.getByRole('button', { name: 'Restart web' }));
    expect(screen.getByTestId('restart-restricted')).toHaveTextContent(
      'Production is a restricted environment',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Restart in Production' }),
    );
    await waitFor(() =>
      expect(api.restartWorkloads).toHaveBeenCalledWith(
        expect.anything(),
        'prod',
        [{ kind: 'Deployment', name: 'web' }],
        { confirmRestricted: true },
      ),
    );
  });

  it('offers nothing for Reloader’s workloads, Jobs, fresh pods, or without the permissions', async () => {
    const api = mockSecretsSyncApi();
    const others: Consumer[] = [
      { ...web, name: 'reloaded', restart: 'reloader' },
      { ...web, kind: 'CronJob', name: 'nightly', restart: 'next-run' },
      { ...web, name: 'fresh', stalePods: [] },
    ];
    const { unmount } = await renderWithApis(
      <RestartWorkloads env={envWith(others)} />,
      { api },
    );
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    unmount();

    // another entity each time: usePermission caches answers per resource
    const denied = await renderWithApis(
      <RestartWorkloads env={envWith([web])} />,
      {
        api,
        entity: entityNamed('no-restart'),
        deny: ['secrets-sync.workload.restart'],
      },
    );
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    denied.unmount();

    await renderWithApis(<RestartWorkloads env={envWith([web], true)} />, {
      api,
      entity: entityNamed('no-restricted'),
      deny: ['secrets-sync.secret.write-restricted'],
    });
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
