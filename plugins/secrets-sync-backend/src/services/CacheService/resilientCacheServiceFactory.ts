import { CacheManager } from '@backstage/backend-defaults/cache';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { listenToRedisClientErrors } from './listenToRedisClientErrors';

/**
 * Backstage's cache service (the same CacheManager, configured by
 * `backend.cache`) whose Redis clients survive Redis going away: their
 * connection errors are logged instead of crashing the backend process,
 * and they reconnect when Redis is back. Add it to a backend that uses
 * Redis as its cache store, in place of the default cache service.
 *
 * @public
 */
export const resilientCacheServiceFactory = createServiceFactory({
  service: coreServices.cache,
  deps: {
    config: coreServices.rootConfig,
    plugin: coreServices.pluginMetadata,
    logger: coreServices.rootLogger,
  },
  async createRootContext({ config, logger }) {
    const manager = CacheManager.fromConfig(config, { logger });
    const cacheLogger = logger.child({ type: 'cacheManager' });
    if (
      config.getOptionalString('backend.cache.store') === 'redis' &&
      !listenToRedisClientErrors(manager, cacheLogger)
    ) {
      cacheLogger.warn(
        "Cannot listen to the Redis clients' errors with this Backstage version: a Redis outage may crash the backend",
      );
    }
    return manager;
  },
  async factory({ plugin }, manager) {
    return manager.forPlugin(plugin.getId());
  },
});
