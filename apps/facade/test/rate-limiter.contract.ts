import type { RateLimiter } from '../src/rate-limit/rate-limiter';

// One-minute windows aligned to the clock: 12:00:00.000 to 12:00:59.999 is one window.
export const WINDOW_START = Date.parse('2026-11-27T12:00:00.000Z');

async function consume(limiter: RateLimiter, identity: string, times: number) {
  const decisions = [];
  for (let i = 0; i < times; i += 1) decisions.push(await limiter.consume(identity));
  return decisions;
}

export type MakeLimiter = (
  limit: number,
  now: () => number,
) => Promise<{ limiter: RateLimiter; done: () => Promise<void> }>;

/** What every rate limiter does, whichever store it counts in. */
export function describeRateLimiter(name: string, make: MakeLimiter): void {
  describe(name, () => {
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
}
