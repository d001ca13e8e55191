export type * from './types';
export { createAwsClients } from './createAwsClients';
export { createSharedCache } from './createSharedCache';
export type { SharedCache } from './createSharedCache';
export {
  assertOwnedBy,
  createAwsSecretsService,
} from './createAwsSecretsService';
