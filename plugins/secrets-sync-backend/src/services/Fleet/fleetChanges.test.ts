import type { CacheService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { FleetEnvironmentStatus } from '@internal/plugin-secrets-sync-common';
import { memoryCache } from '../../__testUtils__/memoryCache';
import { createSharedCache } from '../AwsSecrets/createSharedCache';
import { createFleetChanges } from './fleetChanges';
import { createFleetStatusMemo } from './fleetStatusMemo';

const WEB = 'component:default/web';
const API = 'component:default/api';
const synced: FleetEnvironmentStatus = { environment: 'dev', status: 'synced' };

/** A replica's fleet memo, remembering a status for each entity. */
async function replica(cache?: CacheService) {
  const memo = createFleetStatusMemo({ ttlMs: 60_000 });
  const changes = createFleetChanges({
    memo,
    shared: cache
      ? createSharedCache({ cache, logger: mockServices.logger.mock() })
      : undefined,
  });
  await changes.follow();
  const remember = async () => {
    for (const entityRef of [WEB, API]) {
      const status = Promise.resolve(synced);
      memo.set(entityRef, 'dev', status);
      await status;
    }
  };
  const remembers = (entityRef: string) =>
    memo.get(entityRef, 'dev') !== undefined;
  return { changes, remember, remembers };
}

describe('createFleetChanges', () => {
  it("a change through replica A empties replica B's memo before B's next summary", async () => {
    const store = memoryCache();
    const a = await replica(store);
    const b = await replica(store);
    await a.remember();
    await b.remember();

    await a.changes.announce(WEB);
    expect(a.remembers(WEB)).toBe(false);
    expect(a.remembers(API)).toBe(true);
    expect(b.remembers(WEB)).toBe(true);

    await b.changes.follow();
    expect(b.remembers(WEB)).toBe(false);
    expect(b.remembers(API)).toBe(false);
    // A's own change does not empty A's memo again
    await a.changes.follow();
    expect(a.remembers(API)).toBe(true);
  });

  it('keeps the memo while no replica changed anything', async () => {
    const store = memoryCache();
    const a = await replica(store);
    const b = await replica(store);
    await a.changes.announce(WEB);
    await b.changes.follow();
    await b.remember();
    await b.changes.follow();
    expect(b.remembers(WEB)).toBe(true);
  });

  it('without a shared cache forgets only what its own replica changed', async () => {
    const alone = await replica();
    await alone.remember();
    await alone.changes.announce(WEB);
    await alone.changes.follow();
    expect(alone.remembers(WEB)).toBe(false);
    expect(alone.remembers(API)).toBe(true);
  });
});
