export type * from './types';
export { createEntityMappingService } from './createEntityMappingService';
