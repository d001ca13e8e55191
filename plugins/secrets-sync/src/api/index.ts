export { secretsSyncApiRef, type SecretsSyncApi } from './SecretsSyncApi';
export { SecretsSyncClient } from './SecretsSyncClient';
