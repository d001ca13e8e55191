import type { RateLimitConfig } from '../../config';
import { createRateLimiter } from './createRateLimiter';
import { RateLimitedError } from './types';

const config: RateLimitConfig = {
  windowMs: 60_000,
  writes: { perUser: 3, perEntity: 5 },
  forceSyncs: { perUser: 1, perEntity: 10 },
  restarts: { perUser: 1, perEntity: 10 },
};

function setup() {
  let time = 1_000_000;
  const limiter = createRateLimiter(config, { now: () => time });
  return {
    limiter,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

const write = (user: string, entityRef = 'component:default/web') => ({
  bucket: 'writes' as const,
  user,
  entityRef,
});

describe('createRateLimiter', () => {
  it('refuses a user past their limit, and says when to retry', () => {
    const { limiter, advance } = setup();
    for (let i = 0; i < 3; i++) {
      expect(limiter.take(write('user:default/a'))).toEqual({ allowed: true });
      advance(10_000);
    }
    expect(limiter.take(write('user:default/a'))).toEqual({
      allowed: false,
      retryAfterSeconds: 30,
      scope: 'user',
      limit: 3,
      windowSeconds: 60,
    });
    advance(30_000);
    expect(limiter.take(write('user:default/a')).allowed).toBe(true);
  });

  it('counts users case-insensitively and does not count refusals', () => {
    const { limiter, advance } = setup();
    limiter.take(write('user:default/a'));
    limiter.take(write('User:Default/A'));
    limiter.take(write('USER:DEFAULT/A'));
    for (let i = 0; i < 10; i++) {
      expect(limiter.take(write('user:default/a')).allowed).toBe(false);
    }
    advance(60_000);
    expect(limiter.take(write('user:default/a')).allowed).toBe(true);
  });

  it('limits an entity across its users', () => {
    const { limiter } = setup();
    ['a', 'b', 'c', 'd', 'e'].forEach(user =>
      expect(limiter.take(write(`user:default/${user}`)).allowed).toBe(true),
    );
    expect(limiter.take(write('user:default/f'))).toMatchObject({
      allowed: false,
      scope: 'entity',
      limit: 5,
    });
    expect(
      limiter.take(write('user:default/f', 'component:default/other')).allowed,
    ).toBe(true);
  });

  it('keeps the buckets apart', () => {
    const { limiter } = setup();
    const forceSync = {
      bucket: 'forceSyncs' as const,
      user: 'user:default/a',
      entityRef: 'component:default/web',
    };
    expect(limiter.take(forceSync).allowed).toBe(true);
    expect(limiter.take(forceSync).allowed).toBe(false);
    expect(limiter.take(write('user:default/a')).allowed).toBe(true);
  });

  it('retries no sooner than a second', () => {
    const { limiter, advance } = setup();
    for (let i = 0; i < 3; i++) limiter.take(write('user:default/a'));
    advance(59_999);
    expect(limiter.take(write('user:default/a'))).toMatchObject({
      allowed: false,
      retryAfterSeconds: 1,
    });
  });
});

describe('RateLimitedError', () => {
  it('is a 429 saying what is allowed and when to retry', () => {
    const error = new RateLimitedError('forceSyncs', 42, {
      scope: 'entity',
      limit: 40,
      windowSeconds: 60,
    });
    expect(error).toMatchObject({
      name: 'RateLimitedError',
      statusCode: 429,
      retryAfterSeconds: 42,
      message:
        'Rate limit reached: at most 40 force syncs per entity every 60 seconds are allowed; retry in 42 seconds',
    });
    expect(new RateLimitedError('writes', 5).message).toBe(
      'Rate limit reached: too many writes; retry in 5 seconds',
    );
  });
});
