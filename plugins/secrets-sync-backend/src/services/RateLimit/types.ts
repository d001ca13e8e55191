import { CustomErrorBase } from '@backstage/errors';

/** The mutations counted separately: secret writes, force syncs, and workload restarts. */
export type RateLimitBucket = 'writes' | 'forceSyncs' | 'restarts';

/** One mutation about to be made. */
export interface RateLimitRequest {
  bucket: RateLimitBucket;
  /** The user's entity ref. */
  user: string;
  /** The canonical ref of the entity the mutation is for. */
  entityRef: string;
}

/** The limit a refused mutation ran into. */
export interface RateLimitExceeded {
  /** Whose limit: the user's own, or the entity's (all its users together). */
  scope: 'user' | 'entity';
  /** How many mutations of the bucket the scope may make per window. */
  limit: number;
  windowSeconds: number;
}

/** Whether a mutation may go ahead; a refused one is not counted. */
export type RateLimitDecision =
  | { allowed: true }
  | ({ allowed: false; retryAfterSeconds: number } & RateLimitExceeded);

/**
 * Counts mutations per user and per entity over a sliding window. In
 * memory: each backend replica counts what it serves.
 */
export interface RateLimiter {
  /** Counts the mutation if both its user and its entity are within their limits. */
  take(request: RateLimitRequest): RateLimitDecision;
}

const BUCKET_NAMES: Record<RateLimitBucket, string> = {
  writes: 'writes',
  forceSyncs: 'force syncs',
  restarts: 'workload restarts',
};

/**
 * A mutation refused by a rate limit: HTTP 429 (the backend's error
 * middleware answers `statusCode`), to be answered with `Retry-After`.
 */
export class RateLimitedError extends CustomErrorBase {
  readonly statusCode = 429;
  readonly retryAfterSeconds: number;

  constructor(
    bucket: RateLimitBucket,
    retryAfterSeconds: number,
    exceeded?: RateLimitExceeded,
  ) {
    const what = BUCKET_NAMES[bucket];
    const limit = exceeded
      ? `at most ${exceeded.limit} ${what} ${
          exceeded.scope === 'user' ? 'per user' : 'per entity'
        } every ${exceeded.windowSeconds} seconds are allowed`
      : `too many ${what}`;
    super(
      `Rate limit reached: ${limit}; retry in ${retryAfterSeconds} seconds`,
    );
    this.name = 'RateLimitedError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
