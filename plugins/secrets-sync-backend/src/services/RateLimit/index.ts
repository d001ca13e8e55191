export { createRateLimiter } from './createRateLimiter';
export { RateLimitedError } from './types';
export type {
  RateLimitBucket,
  RateLimitDecision,
  RateLimitExceeded,
  RateLimitRequest,
  RateLimiter,
} from './types';
