export type * from './types';
export { createSyncEngines } from './createSyncEngines';
