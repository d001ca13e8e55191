export { readSecretsSyncConfig } from './readSecretsSyncConfig';
export { readRestrictedWriters } from './readRestrictedWriters';
export type * from './types';
