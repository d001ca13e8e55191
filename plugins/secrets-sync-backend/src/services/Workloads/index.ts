export type * from './types';
export { createWorkloadsService } from './createWorkloadsService';
