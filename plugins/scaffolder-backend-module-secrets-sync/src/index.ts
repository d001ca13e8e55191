/**
 * The scaffolder action `secrets-sync:write`: writes a component's secret
 * values per environment through the secrets-sync backend, as the person
 * who runs the task, with the values taken only from the task's secrets.
 *
 * @packageDocumentation
 */

export { scaffolderModuleSecretsSync as default } from './module';
export { createSecretsSyncWriteAction } from './actions/createSecretsSyncWriteAction';
