import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EMPTY_VALUE } from '../../lib/summarizeValue';
import { KeyValueRows, type KeyValueRow } from './KeyValueRows';

const CANARY = 'canary-3c8e-do-not-leak';

// typing key by key outlasts jest's 5 s on a busy machine
jest.setTimeout(30_000);

const rows: KeyValueRow[] = [
  { id: 1, key: 'API_KEY', value: EMPTY_VALUE },
  { id: 2, key: '', value: EMPTY_VALUE },
];

function renderRows(errors: Record<number, string> = {}) {
  const props = {
    onChange: jest.fn(),
    onAdd: jest.fn(),
    valueInputs: jest.fn(),
  };
  render(<KeyValueRows rows={rows} errors={errors} {...props} />);
  return props;
}

const valueField = (n: number) =>
  screen.getByLabelText(`Value ${n}`, { selector: 'input' });

describe('KeyValueRows', () => {
  it('reports a key as typed, trimmed, and a value only as its summary', async () => {
    const { onChange } = renderRows();

    await userEvent.type(screen.getByRole('textbox', { name: 'Key 2' }), ' B');
    expect(onChange).toHaveBeenLastCalledWith([
      rows[0],
      { id: 2, key: 'B', value: EMPTY_VALUE },
    ]);

    fireEvent.change(valueField(1), { target: { value: CANARY } });
    const [changed] = onChange.mock.calls[onChange.mock.calls.length - 1][0];
    expect(changed.value).toMatchObject({ empty: false });
    expect(JSON.stringify(onChange.mock.calls)).not.toContain(CANARY);
  });

  it('masks values until one is shown, and hides it again', async () => {
    renderRows();

    expect(valueField(1)).toHaveAttribute('type', 'password');
    await userEvent.click(screen.getByRole('button', { name: 'Show value 1' }));
    expect(valueField(1)).toHaveAttribute('type', 'text');
    expect(valueField(2)).toHaveAttribute('type', 'password');
    await userEvent.click(screen.getByRole('button', { name: 'Hide value 1' }));
    expect(valueField(1)).toHaveAttribute('type', 'password');
  });

  it('hands each value input to the dialog and never renders a value', () => {
    const { valueInputs } = renderRows();

    expect(valueInputs).toHaveBeenCalledWith(1, valueField(1));
    expect(valueInputs).toHaveBeenCalledWith(2, valueField(2));
    fireEvent.change(valueField(1), { target: { value: CANARY } });
    expect(document.body.innerHTML).not.toContain(CANARY);
  });

  it('adds and removes rows, and shows what is wrong with a key', async () => {
    const { onChange, onAdd } = renderRows({ 1: 'Key "x" repeats row 1' });

    expect(screen.getByText('Key "x" repeats row 1')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Add key' }));
    expect(onAdd).toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Remove row 1' }));
    expect(onChange).toHaveBeenLastCalledWith([rows[1]]);
  });
});
