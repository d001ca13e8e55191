import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { environmentFixture } from '../../__testUtils__/topologyFixtures';
import { ConfirmRestrictedDialog } from './ConfirmRestrictedDialog';

describe('ConfirmRestrictedDialog', () => {
  it('names the action, the environment and its account, and confirms only on its button', async () => {
    const onConfirm = jest.fn();
    const onCancel = jest.fn();
    render(
      <ConfirmRestrictedDialog
        env={environmentFixture({
          name: 'prod',
          title: 'Production',
          status: 'synced',
          restricted: true,
        })}
        action="Force a sync"
        onConfirm={onConfirm}
        onCancel={onCancel}
      />,
    );

    expect(
      screen.getByRole('dialog', { name: 'Force a sync in Production?' }),
    ).toHaveTextContent(
      'Production is a restricted environment (account 222222222222). This changes what its workloads receive.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalled();
    expect(onConfirm).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Force a sync in Production' }),
    );
    expect(onConfirm).toHaveBeenCalled();
  });
});
