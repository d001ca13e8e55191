export type * from './types';
export { createKubernetesService } from './createKubernetesService';
