import type { RateLimitConfig } from '../../config';
import type {
  RateLimitDecision,
  RateLimiter,
  RateLimitExceeded,
} from './types';

/** Times (ms) of the mutations counted against one user or entity in one bucket, oldest first. */
type Log = number[];

/**
 * Creates the in-memory {@link RateLimiter}: a sliding window log per
 * bucket and user, and per bucket and entity. Refs are compared case-
 * insensitively, as the catalog compares them. Logs idle for a whole window
 * are dropped, so memory follows recent activity only.
 */
export function createRateLimiter(
  config: RateLimitConfig,
  options: { now?: () => number } = {},
): RateLimiter {
  const now = options.now ?? Date.now;
  const { windowMs } = config;
  const windowSeconds = Math.ceil(windowMs / 1000);
  const logs = new Map<string, Log>();
  let lastSweep = now();

  function recent(key: string, at: number): Log {
    const log = (logs.get(key) ?? []).filter(time => time > at - windowMs);
    logs.set(key, log);
    return log;
  }

  function sweep(at: number) {
    if (at - lastSweep < windowMs) {
      return;
    }
    lastSweep = at;
    for (const [key, log] of logs) {
      if (!log.length || log[log.length - 1] <= at - windowMs) {
        logs.delete(key);
      }
    }
  }

  function refusal(
    log: Log,
    at: number,
    exceeded: RateLimitExceeded,
  ): RateLimitDecision & { allowed: false } {
    // the oldest counted mutation leaves the window first
    const freeAt = log[log.length - exceeded.limit] + windowMs;
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((freeAt - at) / 1000)),
      ...exceeded,
    };
  }

  return {
    take({ bucket, user, entityRef }) {
      const at = now();
      sweep(at);
      const limits = config[bucket];
      const scopes = [
        {
          scope: 'user' as const,
          limit: limits.perUser,
          log: recent(
            `${bucket}\0user\0${user.toLocaleLowerCase('en-US')}`,
            at,
          ),
        },
        {
          scope: 'entity' as const,
          limit: limits.perEntity,
          log: recent(
            `${bucket}\0entity\0${entityRef.toLocaleLowerCase('en-US')}`,
            at,
          ),
        },
      ];
      const refused = scopes
        .filter(({ log, limit }) => log.length >= limit)
        .map(({ log, scope, limit }) =>
          refusal(log, at, { scope, limit, windowSeconds }),
        )
        .sort((a, b) => b.retryAfterSeconds - a.retryAfterSeconds);
      if (refused.length) {
        return refused[0];
      }
      scopes.forEach(({ log }) => log.push(at));
      return { allowed: true };
    },
  };
}
