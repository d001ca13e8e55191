import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';

/** How long one shared-cache operation may take before it counts as failed. */
const SHARED_CACHE_TIMEOUT_MS = 500;
/** How long a failed store is left alone before it is tried again. */
const RETRY_AFTER_MS = 5_000;

/**
 * What replicas share through Backstage's cache service (memory in one
 * process, Redis or Valkey in production), never in the way of a read: an
 * operation that fails or takes longer than half a second counts as a
 * miss, and while the store fails each replica keeps to its own memory
 * (`available()` false, for 5 s after each failure), with one warning per
 * streak of failures.
 */
export interface SharedCache {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** False for a while after an operation failed, until one succeeds again. */
  available(): boolean;
}

/** A shared cache over the plugin's cache service. */
export function createSharedCache(options: {
  cache: CacheService;
  logger: LoggerService;
  timeoutMs?: number;
}): SharedCache {
  const { cache, logger, timeoutMs = SHARED_CACHE_TIMEOUT_MS } = options;
  let healthy = true;
  let failedAt = 0;

  async function attempt<T>(run: () => Promise<T>): Promise<T | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const result = await Promise.race([
        run(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${timeoutMs} ms`)),
            timeoutMs,
          );
          timer.unref?.();
        }),
      ]);
      if (!healthy) {
        healthy = true;
        logger.info('The shared cache answers again; replicas share it');
      }
      return result;
    } catch (error) {
      failedAt = Date.now();
      if (healthy) {
        healthy = false;
        logger.warn(
          `The shared cache failed (${
            error instanceof Error ? error.message : String(error)
          }); each replica uses its own memory until it answers again`,
        );
      }
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    get: key => attempt(() => cache.get(key)) as Promise<never>,
    async set(key, value, ttlMs) {
      await attempt(() => cache.set(key, value as never, { ttl: ttlMs }));
    },
    async delete(key) {
      await attempt(() => cache.delete(key));
    },
    available: () => healthy || Date.now() - failedAt >= RETRY_AFTER_MS,
  };
}
