import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';

/** Where the field puts each value in the task's secrets, unless `ui:options.secretsPrefix` says otherwise. */
export const DEFAULT_SECRETS_PREFIX = 'secretsSync.';

/**
 * What the SecretsSyncValues field puts into the template's parameters: key
 * names only. The values go to the task's secrets, at `secretsPrefix + key`,
 * where the action `secrets-sync:write` reads them.
 *
 * @public
 */
export interface SecretsFieldValue {
  /** The key names entered, in the order of the rows. */
  keys: string[];
  /**
   * What must be fixed before the form can go on: messages naming keys by
   * name or position, never quoting a value. Absent when there is nothing.
   */
  problems?: string[];
}

/**
 * Options a template gives the field in `ui:options`.
 *
 * @public
 */
export interface SecretsFieldOptions {
  /** Where in the task's secrets each value goes, before its key name; `secretsSync.` by default. */
  secretsPrefix?: string;
}

/**
 * Keeps the form from moving on while the field reports problems, or holds
 * no key.
 */
export const validateSecretsField: CustomFieldValidator<SecretsFieldValue> = (
  value,
  validation,
) => {
  for (const problem of value?.problems ?? []) {
    validation.addError(problem);
  }
  if (!value?.problems?.length && !value?.keys?.length) {
    validation.addError('Add at least one key and its value');
  }
};
