import { createBackend } from '@backstage/backend-defaults';
import { resilientCacheServiceFactory } from '@internal/plugin-secrets-sync-backend';

const backend = createBackend();

// Backstage's cache service with the Redis client's connection errors
// handled: a Redis outage must not crash the backend (each plugin's reads
// miss while it lasts)
backend.add(resilientCacheServiceFactory);

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@internal/plugin-secrets-sync-backend-module-permission-policy'),
);

backend.add(import('@internal/plugin-secrets-sync-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@internal/plugin-scaffolder-backend-module-secrets-sync'));
// Template entities in the catalog (examples/templates)
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-mcp-actions-backend'));
// owners' notifications (restricted writes, environments turning error or drifted), pushed live
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.start();
