import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DotEnvPaste } from './DotEnvPaste';

const CANARY = 'canary-91d2-do-not-leak';

describe('DotEnvPaste', () => {
  it('turns a pasted block into entries, clears it, and names skipped lines without their content', async () => {
    const onImport = jest.fn();
    render(<DotEnvPaste onImport={onImport} />);
    const box = screen.getByRole('textbox', { name: 'Paste a .env block' });
    const add = screen.getByRole('button', { name: 'Add these keys' });
    expect(add).toBeDisabled();

    fireEvent.change(box, {
      target: { value: `A_KEY=${CANARY}\nnot a pair ${CANARY}\nB_KEY='two'` },
    });
    expect(add).toBeEnabled();
    await userEvent.click(add);

    expect(onImport).toHaveBeenCalledWith([
      { key: 'A_KEY', value: CANARY },
      { key: 'B_KEY', value: 'two' },
    ]);
    expect(box).toHaveValue('');
    expect(add).toBeDisabled();
    expect(
      screen.getByText('Skipped: Line 2 is not KEY=value'),
    ).toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(CANARY);
  });

  it('keeps the button off for a block of blanks', () => {
    render(<DotEnvPaste onImport={jest.fn()} />);

    fireEvent.change(
      screen.getByRole('textbox', { name: 'Paste a .env block' }),
      { target: { value: '  \n ' } },
    );
    expect(
      screen.getByRole('button', { name: 'Add these keys' }),
    ).toBeDisabled();
  });
});
