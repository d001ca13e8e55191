import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { secretsSyncPlugin } from '../../plugin';
import { SecretsSyncValuesField } from './SecretsSyncValuesField';
import { validateSecretsField } from './secretsFieldValue';

/**
 * The scaffolder field `ui:field: SecretsSyncValues` for the legacy frontend
 * system: several keys and values at once, names into the parameters,
 * values into the task's secrets. Place it inside `ScaffolderFieldExtensions`.
 *
 * @public
 */
export const SecretsSyncValuesFieldExtension = secretsSyncPlugin.provide(
  createScaffolderFieldExtension({
    name: 'SecretsSyncValues',
    component: SecretsSyncValuesField,
    validation: validateSecretsField,
  }),
);
