export { createMutationPolicy } from './createMutationPolicy';
export type {
  MutationPolicy,
  MutationRequest,
  PreparedMutation,
} from './types';
