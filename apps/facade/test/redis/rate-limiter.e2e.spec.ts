import Redis from 'ioredis';
import { sharedRedis } from '../redis-harness';
import { describeRateLimiter, WINDOW_START } from '../rate-limiter.contract';
import { RedisRateLimiter } from '../../src/rate-limit/rate-limiter';

describeRateLimiter('RedisRateLimiter', async (limit, now) => {
  const { redis, prefix, cleanUp } = await sharedRedis();
  return { limiter: new RedisRateLimiter(redis, prefix, limit, now), done: cleanUp };
});

describe('RedisRateLimiter', () => {
  it('shares one count between instances', async () => {
    const { redis, prefix, cleanUp } = await sharedRedis();
    const now = () => WINDOW_START + 1_000;
    try {
      const one = new RedisRateLimiter(redis, prefix, 2, now);
      const two = new RedisRateLimiter(redis, prefix, 2, now);
      expect((await one.consume('key:x')).allowed).toBe(true);
      expect((await two.consume('key:x')).allowed).toBe(true);
      expect((await one.consume('key:x')).allowed).toBe(false);
    } finally {
      await cleanUp();
    }
  });

  it('keeps a window’s count in Redis only until the window is over', async () => {
    const { redis, prefix, cleanUp } = await sharedRedis();
    try {
      await new RedisRateLimiter(redis, prefix, 5, () => WINDOW_START + 10_000).consume('key:t');
      const key = `${prefix}ratelimit:${Math.floor(WINDOW_START / 60_000)}:key:t`;
      expect(await redis.get(key)).toBe('1');
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    } finally {
      await cleanUp();
    }
  });

  it('counts in this process when Redis refuses the count, never failing a request', async () => {
    const { redis, prefix, cleanUp } = await sharedRedis();
    try {
      const now = () => WINDOW_START + 1_000;
      // A value INCR cannot count: Redis answers an error for that command alone.
      await redis.set(`${prefix}ratelimit:${Math.floor(WINDOW_START / 60_000)}:key:broken`, 'not a number');
      const limiter = new RedisRateLimiter(redis, prefix, 2, now);
      expect(await limiter.consume('key:broken')).toEqual({
        allowed: true,
        limit: 2,
        remaining: 1,
        resetMs: 59_000,
      });
      expect(await limiter.consume('key:broken')).toMatchObject({ allowed: true, remaining: 0 });
      expect((await limiter.consume('key:broken')).allowed).toBe(false);
    } finally {
      await cleanUp();
    }
  });

  it('counts in this process while Redis cannot be reached, never failing a request', async () => {
    const down = new Redis('redis://127.0.0.1:9', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    const limiter = new RedisRateLimiter(down, 'unreachable:', 1, () => WINDOW_START);
    expect((await limiter.consume('key:y')).allowed).toBe(true);
    expect((await limiter.consume('key:y')).allowed).toBe(false);
    down.disconnect();
  });
});
