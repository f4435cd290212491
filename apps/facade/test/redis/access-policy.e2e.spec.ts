import { sharedRedis } from '../redis-harness';
import { RedisRateLimiter } from '../../src/rate-limit/rate-limiter';
import { KEYED } from '../../src/access/access-rule';
import { policyWith, request } from '../access-fixtures';

// 12:00:20.5 in a one-minute window: 39.5 s are left, which a client is told as 40.
const NOW = Date.parse('2026-11-27T12:00:20.500Z');

describe('AccessPolicy with the limit counted in Redis', () => {
  it('decides asynchronously, with the same outcomes', async () => {
    const { redis, prefix, cleanUp } = await sharedRedis();
    const { policy, module } = await policyWith(
      'good-key',
      new RedisRateLimiter(redis, prefix, 1, () => NOW),
    );
    try {
      const first = policy.check(request({ 'x-api-key': 'good-key' }), KEYED);
      expect(first).toBeInstanceOf(Promise);
      expect(await first).toEqual({
        allowed: true,
        rate: { allowed: true, limit: 1, remaining: 0, resetMs: 39_500 },
      });
      const second = await policy.check(request({ 'x-api-key': 'good-key' }), KEYED);
      expect(second).toMatchObject({
        allowed: false,
        refusal: { problem: { status: 429 }, headers: { 'retry-after': '40' } },
      });
      // A refused key is answered at once, without asking Redis.
      expect(policy.check(request({ 'x-api-key': 'bad-key' }), KEYED)).not.toBeInstanceOf(Promise);
    } finally {
      await module.close();
      await cleanUp();
    }
  });
});
