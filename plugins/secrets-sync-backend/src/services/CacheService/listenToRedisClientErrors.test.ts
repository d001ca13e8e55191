import { EventEmitter } from 'node:events';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { listenToRedisClientErrors } from './listenToRedisClientErrors';

/** The Redis client under a plugin's cache (created lazily: no connection is made). */
function redisClientOf(manager: CacheManager): EventEmitter {
  const factories = (
    manager as unknown as {
      storeFactories: Record<
        string,
        (id: string, ttl?: number) => { store: { client: EventEmitter } }
      >;
    }
  ).storeFactories;
  return factories.redis('secrets-sync', undefined).store.client;
}

describe('listenToRedisClientErrors', () => {
  const redisConfig = new ConfigReader({
    backend: {
      cache: { store: 'redis', connection: 'redis://127.0.0.1:1' },
    },
  });

  it("finds the Redis client of this Backstage version's cache manager", () => {
    const manager = CacheManager.fromConfig(redisConfig);
    expect(redisClientOf(manager).listenerCount('error')).toBe(0);
    expect(listenToRedisClientErrors(manager, mockServices.logger.mock())).toBe(
      true,
    );
    manager.forPlugin('secrets-sync');
    expect(redisClientOf(manager).listenerCount('error')).toBe(1);
  });

  it('turns connection errors into one warning per outage and one info when it is back', () => {
    const manager = CacheManager.fromConfig(redisConfig);
    const logger = mockServices.logger.mock();
    listenToRedisClientErrors(manager, logger);
    manager.forPlugin('secrets-sync');
    const client = redisClientOf(manager);

    expect(() => {
      client.emit('error', new Error('Socket closed unexpectedly'));
      client.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:1'));
    }).not.toThrow();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toContain(
      'Socket closed unexpectedly',
    );

    client.emit('ready');
    expect(logger.info).toHaveBeenCalledTimes(1);
    client.emit('error', new Error('Socket closed unexpectedly'));
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('says so when the cache manager is not built as expected', () => {
    expect(
      listenToRedisClientErrors({} as CacheManager, mockServices.logger.mock()),
    ).toBe(false);
  });
});
