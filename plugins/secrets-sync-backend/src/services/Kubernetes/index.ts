export type * from './types';
export type { CachedKubernetesService } from './createCachedKubernetesService';
export type { KubeConfigFactory } from './createKubeConfigs';
export { createKubernetesService } from './createKubernetesService';
export { createKubeConfigs } from './createKubeConfigs';
export { createClusterReader } from './createClusterReader';
