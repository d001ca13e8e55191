export {
  secretsSyncApiRef,
  type RestrictedConfirmation,
  type SecretsSyncApi,
} from './SecretsSyncApi';
export { SecretsSyncClient } from './SecretsSyncClient';
