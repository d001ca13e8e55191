import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { environmentFixture } from '../../__testUtils__/topologyFixtures';
import { ConfirmDisableDialog } from './ConfirmDisableDialog';

describe('ConfirmDisableDialog', () => {
  it('names the namespace, the Secret and the workloads that read it', async () => {
    const onConfirm = jest.fn();
    const onCancel = jest.fn();
    render(
      <ConfirmDisableDialog
        env={environmentFixture({
          name: 'dev',
          title: 'Development',
          status: 'synced',
        })}
        onConfirm={onConfirm}
        onCancel={onCancel}
      />,
    );

    const dialog = screen.getByRole('dialog', {
      name: 'Disable sync in Development?',
    });
    expect(dialog).toHaveTextContent(
      'Namespace sites-checkout opts out, and changes written to AWS Secrets Manager stop reaching Secret build-secrets. 2 workloads read that Secret.',
    );
    expect(dialog).not.toHaveTextContent('restricted');

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalled();
    expect(onConfirm).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Disable sync' }));
    expect(onConfirm).toHaveBeenCalled();
  });

  it('names a restricted environment and its account, and one workload', () => {
    const env = environmentFixture({
      name: 'prod',
      title: 'Production',
      status: 'synced',
      restricted: true,
    });
    env.consumers = env.consumers.slice(0, 1);
    render(
      <ConfirmDisableDialog env={env} onConfirm={jest.fn()} onCancel={jest.fn()} />,
    );

    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('1 workload reads that Secret.');
    expect(dialog).toHaveTextContent(
      'Production is a restricted environment (account 222222222222).',
    );
  });
});
