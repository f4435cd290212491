import { type TestingModule } from '@nestjs/testing';
import { MemoryRateLimiter, type RateDecision } from './rate-limiter';
import { rateLimitHeaders, RateLimits } from './rate-limits';
import { limitsWith, request } from '../../test/access-fixtures';

const NOW = Date.parse('2026-11-27T12:00:30.000Z');

/** What is left after one more request of `headers`: the identity it was counted under shows in the count. */
const remainingAfter = (limits: RateLimits, headers: Record<string, string>) =>
  (limits.decide(request(headers)) as RateDecision).remaining;

describe('RateLimits with API keys', () => {
  let limits: RateLimits;
  let module: TestingModule;
  beforeEach(async () => {
    ({ limits, module } = await limitsWith(
      { FACADE_API_KEYS: 'k1,k2', TRUST_PROXY: 'true' },
      new MemoryRateLimiter(10, () => NOW),
    ));
  });
  afterEach(() => module.close());

  it('counts each key apart, whichever header carries it and wherever it comes from', () => {
    expect(remainingAfter(limits, { 'x-api-key': 'k1', 'x-forwarded-for': '10.0.0.1' })).toBe(9);
    expect(remainingAfter(limits, { authorization: 'Bearer k1', 'x-forwarded-for': '10.0.0.2' })).toBe(8);
    expect(remainingAfter(limits, { 'x-api-key': 'k2', 'x-forwarded-for': '10.0.0.1' })).toBe(9);
  });

  it('counts a request without a key by its address', () => {
    expect(remainingAfter(limits, { 'x-forwarded-for': '10.0.0.1' })).toBe(9);
    expect(remainingAfter(limits, { 'x-forwarded-for': '10.0.0.1, 10.9.9.9' })).toBe(8);
    expect(remainingAfter(limits, { 'x-forwarded-for': '10.0.0.2' })).toBe(9);
  });
});

describe('RateLimits with open access', () => {
  it('counts by address, whatever key is sent', async () => {
    const { limits, module } = await limitsWith(
      { TRUST_PROXY: 'true' },
      new MemoryRateLimiter(10, () => NOW),
    );
    try {
      expect(remainingAfter(limits, { 'x-api-key': 'a', 'x-forwarded-for': '10.0.0.1' })).toBe(9);
      expect(remainingAfter(limits, { 'x-api-key': 'b', 'x-forwarded-for': '10.0.0.1' })).toBe(8);
      expect(remainingAfter(limits, { 'x-api-key': 'a', 'x-forwarded-for': '10.0.0.2' })).toBe(9);
    } finally {
      await module.close();
    }
  });

  it('ignores X-Forwarded-For unless proxies are trusted', async () => {
    const { limits, module } = await limitsWith({}, new MemoryRateLimiter(10, () => NOW));
    try {
      expect(remainingAfter(limits, { 'x-forwarded-for': '10.0.0.1' })).toBe(9);
      expect(remainingAfter(limits, { 'x-forwarded-for': '10.0.0.2' })).toBe(8);
    } finally {
      await module.close();
    }
  });
});

describe('rateLimitHeaders', () => {
  it.each([
    [
      { allowed: true, limit: 600, remaining: 599, resetMs: 60_000 },
      { 'ratelimit-limit': '600', 'ratelimit-remaining': '599', 'ratelimit-reset': '60' },
    ],
    [
      { allowed: true, limit: 3, remaining: 0, resetMs: 37_001 },
      { 'ratelimit-limit': '3', 'ratelimit-remaining': '0', 'ratelimit-reset': '38' },
    ],
    [
      { allowed: false, limit: 3, remaining: 0, resetMs: 1 },
      { 'ratelimit-limit': '3', 'ratelimit-remaining': '0', 'ratelimit-reset': '1' },
    ],
  ])('%p → %p', (decision, headers) => {
    expect(rateLimitHeaders(decision)).toEqual(headers);
  });
});
