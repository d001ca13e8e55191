import { render, screen } from '@testing-library/react';
import { KeysTable } from './KeysTable';

describe('KeysTable', () => {
  it('says where each key is present and whether it is in sync', () => {
    render(
      <KeysTable
        keys={[
          { name: 'API_TOKEN', inAws: true, inSecret: false, inSync: false },
        ]}
      />,
    );
    expect(screen.getByTitle('In AWS: yes')).toBeInTheDocument();
    expect(screen.getByTitle('In Secret: no')).toBeInTheDocument();
    expect(screen.getByTitle('In sync: no')).toBeInTheDocument();
  });

  it('shows a side that could not be read as unknown, never as missing', () => {
    render(
      <KeysTable
        keys={[{ name: 'API_TOKEN', inSecret: true, unknown: ['aws'] }]}
      />,
    );
    expect(
      screen.getByTitle('In AWS: unknown (could not be read)'),
    ).toBeInTheDocument();
    expect(
      screen.getByTitle('In sync: unknown (could not be read)'),
    ).toBeInTheDocument();
    expect(screen.queryByTitle('In AWS: no')).not.toBeInTheDocument();
  });
});
