export type * from './types';
export { createAwsClients } from './createAwsClients';
export { createAwsSecretsService } from './createAwsSecretsService';
