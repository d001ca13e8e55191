import { InputError } from '@backstage/errors';
import {
  validateSecretKeyName,
  validateSecretValue,
} from '@internal/plugin-secrets-sync-common';

/** Where the SecretsField puts a key's value in the task's secrets, by default. */
export const DEFAULT_SECRETS_PREFIX = 'secretsSync.';

/**
 * The values to write, taken from the task's secrets (`${secretsPrefix}KEY`
 * for each key the input names), never from the input. A message names a
 * key by its position until it is known to be a valid name, and never quotes
 * a value.
 */
export function collectValues(options: {
  keys: string[];
  secrets: Record<string, string> | undefined;
  secretsPrefix: string;
}): Record<string, string> {
  const { keys, secrets = {}, secretsPrefix } = options;
  const problems = keys
    .map((key, index) => validateSecretKeyName(key, `key ${index + 1}`))
    .filter((problem): problem is string => problem !== undefined);
  if (problems.length) {
    throw new InputError(problems.join('; '));
  }
  const missing = keys.filter(
    key => !Object.hasOwn(secrets, `${secretsPrefix}${key}`),
  );
  if (missing.length) {
    throw new InputError(
      `No value for ${missing.join(
        ', ',
      )} in the task's secrets: enter the values in the form (a field with ui:field SecretsSyncValues), they are not taken from parameters`,
    );
  }
  const values: Record<string, string> = {};
  for (const key of keys) {
    const value = secrets[`${secretsPrefix}${key}`];
    const problem = validateSecretValue(key, value);
    if (problem) {
      throw new InputError(problem);
    }
    values[key] = value;
  }
  return values;
}
