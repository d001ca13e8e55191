/**
 * Frontend of secrets-sync: where an entity's secrets live and whether they
 * are in sync, and write-only access to their values.
 *
 * @packageDocumentation
 */

export {
  secretsSyncPlugin,
  EntitySecretsSyncContent,
  EntitySecretsSyncCard,
  SecretsSyncFleetPage,
} from './plugin';
export { SecretsSyncValuesFieldExtension } from './components/SecretsField/legacyFieldExtension';
export type {
  SecretsFieldOptions,
  SecretsFieldValue,
} from './components/SecretsField';
export { isSecretsSyncAvailable } from './lib/isSecretsSyncAvailable';
export {
  secretsSyncApiRef,
  SecretsSyncClient,
  type FleetQuery,
  type RestrictedConfirmation,
  type SecretsSyncApi,
} from './api';
export type { SecretsSyncContentProps } from './components/SecretsSyncContent';
export type { SecretsSyncCardProps } from './components/SecretsSyncCard';
export type { WriteProgressOptions } from './hooks/useWriteProgress';
