export {
  secretsSyncApiRef,
  type FleetQuery,
  type RestrictedConfirmation,
  type SecretsSyncApi,
} from './SecretsSyncApi';
export { SecretsSyncClient } from './SecretsSyncClient';
