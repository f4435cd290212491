import { describeRateLimiter, WINDOW_START } from '../../test/rate-limiter.contract';
import { MemoryRateLimiter } from './rate-limiter';

describeRateLimiter('MemoryRateLimiter', async (limit, now) => ({
  limiter: new MemoryRateLimiter(limit, now),
  done: async () => undefined,
}));

describe('MemoryRateLimiter', () => {
  it('forgets every identity’s count when a new window starts', () => {
    const clock = { now: WINDOW_START + 30_000 };
    const limiter = new MemoryRateLimiter(2, () => clock.now);
    limiter.consume('a');
    limiter.consume('a');
    limiter.consume('b');
    clock.now = WINDOW_START + 60_000;
    expect(limiter.consume('a')).toEqual({ allowed: true, limit: 2, remaining: 1, resetMs: 60_000 });
    expect(limiter.consume('b').remaining).toBe(1);
  });

  it('never answers a negative remainder, however far over the limit', () => {
    const limiter = new MemoryRateLimiter(1, () => WINDOW_START);
    for (let i = 0; i < 3; i += 1) limiter.consume('a');
    expect(limiter.consume('a')).toMatchObject({ allowed: false, remaining: 0 });
  });
});
