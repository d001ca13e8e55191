import { mockServices } from '@backstage/backend-test-utils';
import type { CacheService } from '@backstage/backend-plugin-api';
import { createSharedCache } from './createSharedCache';

/** A cache service whose store can be made to fail, as a dead Redis does. */
function flakyStore() {
  const entries = new Map<string, unknown>();
  let mode: 'up' | 'refusing' | 'hanging' = 'up';
  const act = <T>(run: () => T): Promise<T> => {
    if (mode === 'refusing') {
      return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    }
    if (mode === 'hanging') {
      return new Promise(() => {});
    }
    return Promise.resolve(run());
  };
  const cache = {
    get: async (key: string) => act(() => entries.get(key)),
    set: async (key: string, value: unknown) =>
      act(() => {
        entries.set(key, value);
      }),
    delete: async (key: string) =>
      act(() => {
        entries.delete(key);
      }),
    withOptions: () => cache,
  } as unknown as CacheService;
  return {
    cache,
    set mode(value: typeof mode) {
      mode = value;
    },
  };
}

describe('createSharedCache', () => {
  it('shares what is set while the store answers', async () => {
    const store = flakyStore();
    const shared = createSharedCache({
      cache: store.cache,
      logger: mockServices.logger.mock(),
    });
    await shared.set('k', { v: 1 }, 1_000);
    await expect(shared.get('k')).resolves.toEqual({ v: 1 });
    expect(shared.available()).toBe(true);
  });

  it('answers a miss, not an error, when the store fails or hangs, and warns once per streak', async () => {
    const store = flakyStore();
    const logger = mockServices.logger.mock();
    const shared = createSharedCache({
      cache: store.cache,
      logger,
      timeoutMs: 50,
    });
    await shared.set('k', 'v', 1_000);
    store.mode = 'refusing';
    await expect(shared.get('k')).resolves.toBeUndefined();
    store.mode = 'hanging';
    await expect(shared.get('k')).resolves.toBeUndefined();
    await expect(shared.delete('k')).resolves.toBeUndefined();
    expect(shared.available()).toBe(false);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toMatch(
      /each replica uses its own memory/,
    );

    store.mode = 'up';
    await expect(shared.get('k')).resolves.toBe('v');
    expect(shared.available()).toBe(true);
  });
});
