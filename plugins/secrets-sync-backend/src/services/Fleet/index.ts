export type * from './types';
export { createFleetService } from './createFleetService';
