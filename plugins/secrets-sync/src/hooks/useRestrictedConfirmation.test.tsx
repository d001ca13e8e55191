import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EnvironmentTopology } from '@internal/plugin-secrets-sync-common';
import { environmentFixture } from '../__testUtils__/topologyFixtures';
import { useRestrictedConfirmation } from './useRestrictedConfirmation';

/** A button guarded by the hook, as the environment actions use it. */
function Guarded(props: {
  env: EnvironmentTopology;
  run: (confirmed: boolean) => void;
}) {
  const { guard, dialog } = useRestrictedConfirmation(props.env);
  return (
    <>
      <button onClick={() => guard('Force a sync', props.run)}>Go</button>
      {dialog}
    </>
  );
}

const dev = environmentFixture({
  name: 'dev',
  title: 'Development',
  status: 'synced',
});
const prod = environmentFixture({
  name: 'prod',
  title: 'Production',
  status: 'synced',
  restricted: true,
});

describe('useRestrictedConfirmation', () => {
  it('runs at once, unconfirmed, where the environment is not restricted', async () => {
    const run = jest.fn();
    render(<Guarded env={dev} run={run} />);

    await userEvent.click(screen.getByRole('button', { name: 'Go' }));

    expect(run).toHaveBeenCalledWith(false);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('asks first in a restricted environment and runs confirmed', async () => {
    const run = jest.fn();
    render(<Guarded env={prod} run={run} />);

    await userEvent.click(screen.getByRole('button', { name: 'Go' }));
    expect(screen.getByRole('dialog')).toHaveTextContent(
      'Production is a restricted environment (account 222222222222)',
    );
    expect(run).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Force a sync in Production' }),
    );
    expect(run).toHaveBeenCalledWith(true);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('does nothing when the confirmation is cancelled', async () => {
    const run = jest.fn();
    render(<Guarded env={prod} run={run} />);

    await userEvent.click(screen.getByRole('button', { name: 'Go' }));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(run).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
