import type { CacheService } from '@backstage/backend-plugin-api';

/**
 * A cache that keeps what it is given, as the cache service does; one
 * instance handed to two services stands for the store replicas share.
 */
export function memoryCache(): CacheService {
  const store = new Map<string, unknown>();
  const cache = {
    get: async (key: string) => store.get(key),
    set: async (key: string, value: unknown) => {
      store.set(key, value);
    },
    delete: async (key: string) => {
      store.delete(key);
    },
    withOptions: () => cache,
  };
  return cache as unknown as CacheService;
}
