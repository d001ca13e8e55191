import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { environmentDefinition } from '../../__testUtils__/topologyFixtures';
import {
  EnvironmentPicker,
  type EnvironmentPickerProps,
} from './EnvironmentPicker';

const environments = [
  environmentDefinition({ name: 'dev', title: 'Development' }),
  environmentDefinition({ name: 'prod', title: 'Production', restricted: true }),
];

function renderPicker(props: Partial<EnvironmentPickerProps> = {}) {
  const onChange = jest.fn();
  const onConfirmRestricted = jest.fn();
  render(
    <EnvironmentPicker
      environments={environments}
      selected={['dev']}
      canWriteRestricted
      confirmRestricted={false}
      onChange={onChange}
      onConfirmRestricted={onConfirmRestricted}
      {...props}
    />,
  );
  return { onChange, onConfirmRestricted };
}

describe('EnvironmentPicker', () => {
  it('adds and removes environments', async () => {
    const { onChange } = renderPicker();

    expect(screen.getByRole('checkbox', { name: 'Development' })).toBeChecked();
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Production (restricted)' }),
    );
    expect(onChange).toHaveBeenLastCalledWith(['dev', 'prod']);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Development' }));
    expect(onChange).toHaveBeenLastCalledWith([]);
  });

  it('asks to confirm a restricted environment by name and account', async () => {
    const { onConfirmRestricted } = renderPicker({ selected: ['dev', 'prod'] });

    expect(screen.getByTestId('restricted-confirmation')).toHaveTextContent(
      'Production is a restricted environment (account 222222222222). You can write values there but you cannot read them back.',
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'I mean to write to Production' }),
    );
    expect(onConfirmRestricted).toHaveBeenCalledWith(true);
  });

  it('asks nothing while no restricted environment is picked', () => {
    renderPicker();

    expect(screen.queryByTestId('restricted-confirmation')).toBeNull();
  });

  it('does not let a user without the restricted permission pick one', async () => {
    const { onChange } = renderPicker({ canWriteRestricted: false });

    const prod = screen.getByRole('checkbox', {
      name: 'Production (restricted, not allowed for you)',
    });
    expect(prod).toBeDisabled();
    await userEvent.click(prod, { pointerEventsCheck: 0 });
    expect(onChange).not.toHaveBeenCalled();
  });
});
