/**
 * Backend of secrets-sync: reads each environment's secrets from AWS Secrets
 * Manager and the clusters, and serves the topology, write-only value
 * writes and sync actions to the frontend.
 *
 * @packageDocumentation
 */

export { secretsSyncPlugin as default } from './plugin';
export { resilientCacheServiceFactory } from './services/CacheService';
