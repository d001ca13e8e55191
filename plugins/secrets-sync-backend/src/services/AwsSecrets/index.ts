export type * from './types';
export { createAwsClients } from './createAwsClients';
export {
  assertOwnedBy,
  createAwsSecretsService,
} from './createAwsSecretsService';
