import { type TestingModule } from '@nestjs/testing';
import { MemoryRateLimiter } from '../rate-limit/rate-limiter';
import { AccessPolicy, type AccessOutcome } from './access-policy';
import { KEYED, PUBLIC, type AccessRule } from './access-rule';
import { policyWith, request } from '../../test/access-fixtures';

// 12:00:20.5 in a one-minute window: 39.5 s are left, which a client is told as 40.
const NOW = Date.parse('2026-11-27T12:00:20.500Z');

function decided(outcome: AccessOutcome | Promise<AccessOutcome>): AccessOutcome {
  // The memory limiter decides synchronously, which is what lets the server's handler answer without a
  // promise.
  expect(outcome).not.toBeInstanceOf(Promise);
  return outcome as AccessOutcome;
}

describe('AccessPolicy', () => {
  let policy: AccessPolicy;
  let module: TestingModule;
  beforeEach(async () => {
    ({ policy, module } = await policyWith('good-key', new MemoryRateLimiter(2, () => NOW)));
  });
  afterEach(() => module.close());

  it('refuses a keyed route without a key: 401, what to send, and WWW-Authenticate', () => {
    const outcome = decided(policy.check(request(), KEYED));
    expect(outcome.allowed).toBe(false);
    if (outcome.allowed) return;
    expect(outcome.rate).toBeUndefined();
    expect(outcome.refusal.getStatus()).toBe(401);
    expect(outcome.refusal.problem).toEqual({
      type: 'urn:youmi-facade:problem:unauthorized',
      title: 'Unauthorized',
      status: 401,
      detail: 'An API key is required: Authorization: Bearer KEY or X-API-Key: KEY.',
    });
    expect(outcome.refusal.headers).toEqual({ 'www-authenticate': 'Bearer realm="youmi-facade"' });
  });

  it('refuses a key that is not configured, saying so', () => {
    const outcome = decided(policy.check(request({ 'x-api-key': 'bad-key' }), KEYED));
    expect(outcome).toMatchObject({
      allowed: false,
      refusal: {
        problem: { status: 401, detail: 'The API key is not valid.' },
        headers: { 'www-authenticate': 'Bearer realm="youmi-facade"' },
      },
    });
  });

  it('allows a valid key and counts it', () => {
    const outcome = decided(policy.check(request({ authorization: 'Bearer good-key' }), KEYED));
    expect(outcome).toEqual({
      allowed: true,
      rate: { allowed: true, limit: 2, remaining: 1, resetMs: 39_500 },
    });
  });

  it('does not count refused keys, so a wrong key cannot spend the limit of the right one', () => {
    for (let i = 0; i < 3; i += 1) decided(policy.check(request({ 'x-api-key': 'bad-key' }), KEYED));
    decided(policy.check(request(), KEYED));
    expect(decided(policy.check(request({ 'x-api-key': 'good-key' }), KEYED)).rate?.remaining).toBe(1);
  });

  it('refuses the request over the limit with 429, the wait in seconds rounded up, and Retry-After', () => {
    const key = { 'x-api-key': 'good-key' };
    decided(policy.check(request(key), KEYED));
    decided(policy.check(request(key), KEYED));
    const outcome = decided(policy.check(request(key), KEYED));
    expect(outcome.allowed).toBe(false);
    if (outcome.allowed) return;
    expect(outcome.rate).toEqual({ allowed: false, limit: 2, remaining: 0, resetMs: 39_500 });
    expect(outcome.refusal.problem).toEqual({
      type: 'urn:youmi-facade:problem:rate-limited',
      title: 'Too Many Requests',
      status: 429,
      detail: 'The limit of 2 requests a minute is reached; try again in 40 s.',
    });
    expect(outcome.refusal.headers).toEqual({ 'retry-after': '40' });
  });

  it.each<[string, AccessRule, Record<string, string>, AccessOutcome['allowed'], boolean]>([
    ['public routes need no key and are not counted', PUBLIC, {}, true, false],
    ['public routes ignore a wrong key', PUBLIC, { 'x-api-key': 'bad-key' }, true, false],
    [
      'a keyed route that is not counted still checks the key',
      { key: true, rateLimited: false },
      { 'x-api-key': 'bad-key' },
      false,
      false,
    ],
    [
      'a keyed route that is not counted',
      { key: true, rateLimited: false },
      { 'x-api-key': 'good-key' },
      true,
      false,
    ],
    ['a counted route without a key', { key: false, rateLimited: true }, {}, true, true],
  ])('%s', (_case, rule, headers, allowed, counted) => {
    const outcome = decided(policy.check(request(headers), rule));
    expect(outcome.allowed).toBe(allowed);
    expect(outcome.rate !== undefined).toBe(counted);
  });
});

describe('AccessPolicy with open access', () => {
  it('lets anyone through a keyed route and counts them', async () => {
    const { policy, module } = await policyWith('', new MemoryRateLimiter(5, () => NOW));
    try {
      expect(decided(policy.check(request(), KEYED))).toMatchObject({
        allowed: true,
        rate: { remaining: 4 },
      });
      expect(decided(policy.check(request({ 'x-api-key': 'anything' }), KEYED)).allowed).toBe(true);
    } finally {
      await module.close();
    }
  });
});
