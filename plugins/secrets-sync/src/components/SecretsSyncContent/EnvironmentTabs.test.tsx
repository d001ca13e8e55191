import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sixEnvironmentTopology } from '../../__testUtils__/topologyFixtures';
import { EnvironmentTabs } from './EnvironmentTabs';

describe('EnvironmentTabs', () => {
  it('names each environment with its status and picks the one clicked', async () => {
    const onSelect = jest.fn();
    render(
      <EnvironmentTabs
        environments={sixEnvironmentTopology.environments}
        selected="dev"
        onSelect={onSelect}
      />,
    );

    expect(screen.getAllByRole('tab').map(tab => tab.getAttribute('aria-label')))
      .toEqual([
        'Development: Synced',
        'Staging: Pending',
        'QA: Drifted',
        'Performance: Not enabled',
        'Production EU: Unowned',
        'Production: Error',
      ]);
    expect(
      screen.getByRole('tab', { name: 'Development: Synced' }),
    ).toHaveAttribute('aria-selected', 'true');

    await userEvent.click(screen.getByRole('tab', { name: 'QA: Drifted' }));
    expect(onSelect).toHaveBeenCalledWith('qa');
  });
});
