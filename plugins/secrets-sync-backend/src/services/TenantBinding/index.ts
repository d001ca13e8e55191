export type * from './types';
export {
  bindingRefusal,
  createTenantBindingService,
} from './createTenantBindingService';
