export { SecretsSyncValuesField } from './SecretsSyncValuesField';
export {
  DEFAULT_SECRETS_PREFIX,
  validateSecretsField,
  type SecretsFieldOptions,
  type SecretsFieldValue,
} from './secretsFieldValue';
