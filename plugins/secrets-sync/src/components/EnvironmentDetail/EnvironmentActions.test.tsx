import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SecretsSyncPermissions } from '../../hooks/useSecretsSyncPermissions';
import { environmentFixture } from '../../__testUtils__/topologyFixtures';
import {
  EnvironmentActions,
  type EnvironmentActionsProps,
} from './EnvironmentActions';

const everything: SecretsSyncPermissions = {
  canWrite: true,
  canWriteRestricted: true,
  canForceSync: true,
  canConfigure: true,
  loading: false,
};

function renderActions(props: Partial<EnvironmentActionsProps> = {}) {
  const callbacks = {
    onForceSync: jest.fn(),
    onSetEnabled: jest.fn(),
    onWrite: jest.fn(),
  };
  render(
    <EnvironmentActions
      env={environmentFixture({
        name: 'dev',
        title: 'Development',
        status: 'synced',
      })}
      permissions={everything}
      {...callbacks}
      {...props}
    />,
  );
  return callbacks;
}

const button = (name: string) => screen.getByRole('button', { name });

describe('EnvironmentActions', () => {
  it('writes, forces a sync and disables sync in an environment that syncs', async () => {
    const { onForceSync, onWrite, onSetEnabled } = renderActions();

    await userEvent.click(button('Write values'));
    expect(onWrite).toHaveBeenCalledWith('dev');
    await userEvent.click(button('Force sync'));
    expect(onForceSync).toHaveBeenCalledWith('dev', false);

    await userEvent.click(button('Disable sync'));
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Disable sync in Development?');
    expect(onSetEnabled).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Disable sync' }),
    );
    expect(onSetEnabled).toHaveBeenCalledWith('dev', false, false);
  });

  it('offers to enable sync where it is not, and no force sync until then', async () => {
    const { onSetEnabled } = renderActions({
      env: environmentFixture({ name: 'dev', status: 'not-enabled' }),
    });

    expect(button('Force sync')).toBeDisabled();
    await userEvent.click(button('Enable sync'));
    expect(onSetEnabled).toHaveBeenCalledWith('dev', true, false);
  });

  it('cannot enable sync in a namespace that does not exist', () => {
    renderActions({
      env: environmentFixture({ name: 'dev', status: 'namespace-missing' }),
    });

    expect(button('Enable sync')).toBeDisabled();
  });

  it('shows the running action and blocks the others in that environment', () => {
    renderActions({ running: { environment: 'dev', action: 'sync' } });

    expect(button('Requesting…')).toBeDisabled();
    expect(button('Disable sync')).toBeDisabled();
    expect(button('Write values')).toBeEnabled();
  });

  it('asks before enabling sync in a restricted environment and says it was confirmed', async () => {
    const { onSetEnabled } = renderActions({
      env: environmentFixture({
        name: 'prod',
        title: 'Production',
        status: 'not-enabled',
        restricted: true,
      }),
    });

    await userEvent.click(button('Enable sync'));
    expect(onSetEnabled).not.toHaveBeenCalled();
    await userEvent.click(button('Enable sync in Production'));
    expect(onSetEnabled).toHaveBeenCalledWith('prod', true, true);
  });

  it('leaves out what the user may not do', () => {
    renderActions({
      env: environmentFixture({
        name: 'prod',
        status: 'synced',
        restricted: true,
      }),
      permissions: { ...everything, canWriteRestricted: false },
    });

    // a restricted environment needs the restricted permission for every change
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('leaves out force sync and enable/disable without their permissions', () => {
    renderActions({
      permissions: { ...everything, canForceSync: false, canConfigure: false },
    });

    expect(screen.getAllByRole('button').map(b => b.textContent)).toEqual([
      'Write values',
    ]);
  });

  it("offers only the actions the environment's engine takes", () => {
    // external-secret: an ExternalSecret in the cluster turns sync on
    renderActions({
      env: {
        ...environmentFixture({ name: 'dev-eso', status: 'synced' }),
        supports: { forceSync: true, setEnabled: false },
      },
    });
    expect(screen.getAllByRole('button').map(b => b.textContent)).toEqual([
      'Write values',
      'Force sync',
    ]);
  });

  it('offers neither force sync nor enable/disable where the engine takes neither', () => {
    renderActions({
      env: {
        ...environmentFixture({ name: 'dev-kss', status: 'not-enabled' }),
        supports: { forceSync: false, setEnabled: false },
      },
    });

    expect(screen.getAllByRole('button').map(b => b.textContent)).toEqual([
      'Write values',
    ]);
  });
});
