export type * from './types';
export { createSecretsSyncService } from './createSecretsSyncService';
