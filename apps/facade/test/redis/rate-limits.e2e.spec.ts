import { createHash } from 'node:crypto';
import { sharedRedis } from '../redis-harness';
import { RedisRateLimiter } from '../../src/rate-limit/rate-limiter';
import { limitsWith, request } from '../access-fixtures';

const NOW = Date.parse('2026-11-27T12:00:30.000Z');

/** What is left after one more request of `headers`: the identity it was counted under shows in the count. */
describe('RateLimits counted in Redis', () => {
  it('keeps the decision once Redis has answered, and stores a digest of the key, never the key', async () => {
    const { redis, prefix, cleanUp } = await sharedRedis();
    const { limits, module } = await limitsWith(
      { FACADE_API_KEYS: 'secret-key', TRUST_PROXY: 'true' },
      new RedisRateLimiter(redis, prefix, 10, () => NOW),
    );
    try {
      const raw = request({ 'x-api-key': 'secret-key' });
      const pending = limits.decide(raw);
      expect(pending).toBeInstanceOf(Promise);
      expect(await pending).toMatchObject({ allowed: true, remaining: 9 });
      await limits.decide(request({ 'x-forwarded-for': '10.0.0.7' }));
      const window = Math.floor(NOW / 60_000);
      const digest = createHash('sha256').update('secret-key').digest('hex').slice(0, 32);
      expect((await redis.keys(`${prefix}*`)).sort()).toEqual([
        `${prefix}ratelimit:${window}:ip:10.0.0.7`,
        `${prefix}ratelimit:${window}:key:${digest}`,
      ]);
    } finally {
      await module.close();
      await cleanUp();
    }
  });
});
