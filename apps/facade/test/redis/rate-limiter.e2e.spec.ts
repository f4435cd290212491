import Redis from 'ioredis';
import { sharedRedis } from '../redis-harness';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from '../../src/rate-limit/rate-limiter';

// One-minute windows aligned to the clock: 12:00:00.000 to 12:00:59.999 is one window.
const WINDOW_START = Date.parse('2026-11-27T12:00:00.000Z');

async function consume(limiter: RateLimiter, identity: string, times: number) {
  const decisions = [];
  for (let i = 0; i < times; i += 1) decisions.push(await limiter.consume(identity));
  return decisions;
}

type Make = (
  limit: number,
  now: () => number,
) => Promise<{ limiter: RateLimiter; done: () => Promise<void> }>;

describe.each<[string, Make]>([
  [
    'MemoryRateLimiter',
    async (limit, now) => ({ limiter: new MemoryRateLimiter(limit, now), done: async () => undefined }),
  ],
  [
    'RedisRateLimiter',
    async (limit, now) => {
      const { redis, prefix, cleanUp } = await sharedRedis();
      return { limiter: new RedisRateLimiter(redis, prefix, limit, now), done: cleanUp };
    },
  ],
])('%s', (_name, make) => {
  it('allows the limit in a window, refuses the next, and counts each identity apart', async () => {
    const clock = { now: WINDOW_START + 10_000 };
    const { limiter, done } = await make(3, () => clock.now);
    try {
      const decisions = await consume(limiter, 'key:a', 4);
      expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([
        [true, 2],
        [true, 1],
        [true, 0],
        [false, 0],
      ]);
      expect(decisions[0]).toMatchObject({ limit: 3, resetMs: 50_000 });
      expect((await limiter.consume('key:b')).allowed).toBe(true);
    } finally {
      await done();
    }
  });

  it('counts requests spread over a window as one window', async () => {
    const clock = { now: WINDOW_START };
    const { limiter, done } = await make(2, () => clock.now);
    try {
      expect((await limiter.consume('key:s')).remaining).toBe(1);
      clock.now = WINDOW_START + 30_000;
      expect((await limiter.consume('key:s')).remaining).toBe(0);
      clock.now = WINDOW_START + 59_999;
      expect(await limiter.consume('key:s')).toMatchObject({ allowed: false, resetMs: 1 });
    } finally {
      await done();
    }
  });

  it('starts again at the window edge, not a minute after the first request', async () => {
    const clock = { now: WINDOW_START + 59_999 };
    const { limiter, done } = await make(1, () => clock.now);
    try {
      expect(await limiter.consume('ip:1')).toMatchObject({ allowed: true, resetMs: 1 });
      expect((await limiter.consume('ip:1')).allowed).toBe(false);
      clock.now += 1;
      expect(await limiter.consume('ip:1')).toMatchObject({ allowed: true, remaining: 0, resetMs: 60_000 });
    } finally {
      await done();
    }
  });
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
