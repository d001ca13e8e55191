import type { EventEmitter } from 'node:events';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CacheManager } from '@backstage/backend-defaults/cache';

/** How CacheManager builds a plugin's Keyv (not public API, hence checked). */
type StoreFactory = (
  pluginId: string,
  defaultTtl: number | undefined,
) => { store?: { client?: unknown } };

function isEmitter(value: unknown): value is EventEmitter {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as EventEmitter).on === 'function'
  );
}

/**
 * Gives each Redis client Backstage's cache manager creates an 'error'
 * listener. `@keyv/redis` creates the client and forwards none of its
 * connection errors, and CacheManager listens on the Keyv store only, so
 * a Redis that goes away makes the client emit an 'error' nobody
 * listens to: Node turns it into an uncaught exception. With the
 * listener the client reconnects on its own while reads miss (see
 * createSharedCache); the outage is logged once as a warning and its end
 * once as info.
 *
 * Returns false when the manager is not built the way this expects (a
 * Backstage upgrade changed it), so the caller can say so.
 */
export function listenToRedisClientErrors(
  manager: CacheManager,
  logger: LoggerService,
): boolean {
  const factories = (
    manager as unknown as { storeFactories?: Record<string, StoreFactory> }
  ).storeFactories;
  const createRedisStore = factories?.redis;
  if (!factories || typeof createRedisStore !== 'function') {
    return false;
  }
  const listened = new WeakSet<EventEmitter>();
  factories.redis = (pluginId, defaultTtl) => {
    const keyv = createRedisStore(pluginId, defaultTtl);
    const client = keyv.store?.client;
    if (isEmitter(client) && !listened.has(client)) {
      listened.add(client);
      let failing = false;
      client.on('error', (error: unknown) => {
        if (!failing) {
          failing = true;
          logger.warn(
            `The Redis cache connection failed (${
              error instanceof Error ? error.message : String(error)
            }); reconnecting, plugins' cache reads miss until it is back`,
            { pluginId },
          );
        }
      });
      client.on('ready', () => {
        if (failing) {
          failing = false;
          logger.info('The Redis cache connection is back', { pluginId });
        }
      });
    }
    return keyv;
  };
  return true;
}
