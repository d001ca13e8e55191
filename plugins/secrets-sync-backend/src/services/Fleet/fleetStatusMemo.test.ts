import type { FleetEnvironmentStatus } from '@internal/plugin-secrets-sync-common';
import { createFleetStatusMemo } from './fleetStatusMemo';

const WEB = 'component:default/web';
const synced: FleetEnvironmentStatus = { environment: 'dev', status: 'synced' };

function memoAt(ttlMs: number) {
  const clock = { now: 1_000 };
  const memo = createFleetStatusMemo({ ttlMs, now: () => clock.now });
  return { memo, clock };
}

describe('createFleetStatusMemo', () => {
  it('reuses a status until its time to live has passed since it was derived', async () => {
    const { memo, clock } = memoAt(5_000);
    memo.set(WEB, 'dev', Promise.resolve(synced));
    await Promise.resolve();
    clock.now += 4_999;
    await expect(memo.get(WEB, 'dev')).resolves.toEqual(synced);
    clock.now += 1;
    expect(memo.get(WEB, 'dev')).toBeUndefined();
    expect(memo.get(WEB, 'prod')).toBeUndefined();
  });

  it('shares a status still being derived, however long it takes', async () => {
    const { memo, clock } = memoAt(5_000);
    let settle!: (status: FleetEnvironmentStatus) => void;
    const status = new Promise<FleetEnvironmentStatus>(resolve => {
      settle = resolve;
    });
    memo.set(WEB, 'dev', status);
    clock.now += 60_000;
    expect(memo.get(WEB, 'dev')).toBe(status);
    settle(synced);
    await status;
    clock.now += 4_999;
    expect(memo.get(WEB, 'dev')).toBe(status);
  });

  it('does not remember a derivation that failed', async () => {
    const { memo } = memoAt(5_000);
    const failed = Promise.reject(new Error('cluster unreachable'));
    memo.set(WEB, 'dev', failed);
    await expect(failed).rejects.toThrow();
    await Promise.resolve();
    expect(memo.get(WEB, 'dev')).toBeUndefined();
  });

  it('forgets every environment of an entity, whatever the case of its reference', async () => {
    const { memo } = memoAt(5_000);
    memo.set(WEB, 'dev', Promise.resolve(synced));
    memo.set(WEB, 'prod', Promise.resolve({ ...synced, environment: 'prod' }));
    memo.set('component:default/api', 'dev', Promise.resolve(synced));
    memo.forget('Component:default/Web');
    expect(memo.get(WEB, 'dev')).toBeUndefined();
    expect(memo.get(WEB, 'prod')).toBeUndefined();
    expect(memo.get('component:default/api', 'dev')).toBeDefined();
  });

  it('with a time to live of 0 shares only what is in progress', async () => {
    const { memo } = memoAt(0);
    const status = Promise.resolve(synced);
    memo.set(WEB, 'dev', status);
    expect(memo.get(WEB, 'dev')).toBe(status);
    await status;
    await Promise.resolve();
    expect(memo.get(WEB, 'dev')).toBeUndefined();
  });

  it('prunes what expired and keeps what is fresh', async () => {
    const { memo, clock } = memoAt(5_000);
    memo.set(WEB, 'dev', Promise.resolve(synced));
    await Promise.resolve();
    clock.now += 3_000;
    memo.set(WEB, 'prod', Promise.resolve({ ...synced, environment: 'prod' }));
    await Promise.resolve();
    clock.now += 2_000;
    memo.prune();
    expect(memo.get(WEB, 'dev')).toBeUndefined();
    expect(memo.get(WEB, 'prod')).toBeDefined();
  });
});
