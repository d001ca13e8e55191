import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { SecretsSyncValuesField } from './SecretsSyncValuesField';
import { validateSecretsField } from './secretsFieldValue';

/** `ui:field: SecretsSyncValues` for the new frontend system's scaffolder. */
export const secretsSyncValuesFormField = createFormField({
  name: 'SecretsSyncValues',
  component: SecretsSyncValuesField,
  validation: validateSecretsField,
});
