export { readSecretsSyncConfig } from './readSecretsSyncConfig';
export type * from './types';
