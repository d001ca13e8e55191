/**
 * Isomorphic parts of secrets-sync: the sync contract, entity annotations,
 * validation rules, permissions, status types and the generated API client.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './awsTags';
export * from './contract';
export * from './entityParams';
export * from './externalSecretContract';
export * from './permissions';
export * from './validation';
export * from './status';
export * from './schema/openapi';
