import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ExistingKeys } from './ExistingKeys';

describe('ExistingKeys', () => {
  it('marks a key to unset and offers to keep a marked one', async () => {
    const onToggle = jest.fn();
    render(
      <ExistingKeys
        keys={['API_KEY', 'DATABASE_URL']}
        unset={['DATABASE_URL']}
        onToggle={onToggle}
      />,
    );

    const unset = screen.getByRole('button', { name: 'Unset API_KEY' });
    const keep = screen.getByRole('button', { name: 'Keep DATABASE_URL' });
    expect(unset).toHaveAttribute('aria-pressed', 'false');
    expect(keep).toHaveAttribute('aria-pressed', 'true');

    await userEvent.click(unset);
    expect(onToggle).toHaveBeenLastCalledWith('API_KEY');
    await userEvent.click(keep);
    expect(onToggle).toHaveBeenLastCalledWith('DATABASE_URL');
  });

  it('shows nothing when the environments hold no keys', () => {
    render(<ExistingKeys keys={[]} unset={[]} onToggle={jest.fn()} />);

    expect(screen.queryByText(/Existing keys/)).toBeNull();
  });
});
