import { render, screen } from '@testing-library/react';
import type { Consumer } from '@internal/plugin-secrets-sync-common';
import { ConsumersList } from './ConsumersList';

const stale = [{ name: 'pod-1', startedAt: new Date(Date.now() - 3_600_000) }];
const consumer = (over: Partial<Consumer>): Consumer => ({
  kind: 'Deployment',
  name: 'web',
  via: ['envFrom'],
  stalePods: [],
  restart: 'rollout',
  ...over,
});

describe('ConsumersList', () => {
  it('says how each consumer picks up a change', () => {
    render(
      <ConsumersList
        consumers={[
          consumer({ name: 'reloaded', restart: 'reloader' }),
          consumer({ kind: 'CronJob', name: 'nightly', restart: 'next-run' }),
          consumer({ name: 'web', stalePods: stale }),
          consumer({ name: 'api', restart: 'reloader', stalePods: stale }),
        ]}
        restartControl={<button type="button">Restart web</button>}
      />,
    );
    expect(
      screen.getByText('Reloader restarts it when the Secret changes.'),
    ).toBeInTheDocument();
    expect(screen.getByText('The next run picks it up.')).toBeInTheDocument();
    expect(
      screen.getByText(
        /still holds old values: pod-1 .* Restart it to pick up/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /still holds old values: pod-1 .* Reloader restarts it for this Secret/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Restart web' }),
    ).toBeInTheDocument();
  });
});
