export type * from './types';
export { createSyncEngines } from './createSyncEngines';
export { ENGINES } from './registry';
