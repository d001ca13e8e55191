import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { SyncStatus } from '@internal/plugin-secrets-sync-common';
import { memoryCache } from '../../__testUtils__/memoryCache';
import type { FleetService } from '../Fleet';
import { createStatusWatch } from './createStatusWatch';
import type { OwnerNotifier } from './types';

function watchOver(statuses: { current: Record<string, SyncStatus> }) {
  const fleet: FleetService = {
    forget: async () => {},
    summarize: async ({ filters }) => {
      const items = Object.entries(statuses.current)
        .filter(([, status]) => status === filters.status)
        .map(([entityRef, status]) => ({
          entityRef,
          tenantKey: entityRef,
          environments: [{ environment: 'prod', status }],
        }));
      return {
        items,
        totalEntities: items.length,
        statusCounts: {},
        offset: 0,
        limit: 500,
      };
    },
  };
  const notifier: jest.Mocked<OwnerNotifier> = {
    restrictedWrite: jest.fn(),
    statusTurned: jest.fn(),
  };
  const watch = createStatusWatch({
    fleet,
    cache: memoryCache(),
    notifier,
    logger: mockServices.logger.mock(),
    credentials: async () => mockCredentials.service(),
    environmentTitle: () => 'Production',
  });
  return { watch, notifier };
}

describe('createStatusWatch', () => {
  it('tells each turn to error or drifted once, and again after a recovery', async () => {
    const statuses = {
      current: {
        'component:default/a': 'error',
        'component:default/b': 'synced',
      } as Record<string, SyncStatus>,
    };
    const { watch, notifier } = watchOver(statuses);

    expect((await watch.check()).map(e => e.entityRef)).toEqual([
      'component:default/a',
    ]);
    expect(await watch.check()).toEqual([]);

    statuses.current = {
      'component:default/a': 'synced',
      'component:default/b': 'drifted',
    };
    expect(await watch.check()).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/b',
        status: 'drifted',
      }),
    ]);

    statuses.current['component:default/a'] = 'error';
    expect((await watch.check()).map(e => e.entityRef)).toEqual([
      'component:default/a',
    ]);
    expect(notifier.statusTurned).toHaveBeenCalledTimes(3);
  });

  it('tells a change from drifted to error as a new turn', async () => {
    const statuses = {
      current: { 'component:default/a': 'drifted' } as Record<
        string,
        SyncStatus
      >,
    };
    const { watch } = watchOver(statuses);
    await watch.check();
    statuses.current['component:default/a'] = 'error';
    expect(await watch.check()).toEqual([
      expect.objectContaining({ status: 'error' }),
    ]);
  });
});
