export type * from './types';
export { createKubernetesService } from './createKubernetesService';
export { createKubeConfigs } from './createKubeConfigs';
export type { KubeConfigFactory } from './createKubeConfigs';
