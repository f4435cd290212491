import type { LoggerService } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { sharedRedis } from '../redis-harness';
import { loadFacadeConfig } from '../../src/config/facade-config';
import { FacadeConfigModule } from '../../src/config/facade-config.module';
import { RATE_LIMITER } from '../../src/rate-limit/rate-limit.tokens';
import { RedisRateLimiter, type RateLimiter } from '../../src/rate-limit/rate-limiter';
import { AccessModule } from '../../src/access/access.module';
import { AccessPolicy } from '../../src/access/access-policy';
import { KEYED } from '../../src/access/access-rule';

const quiet: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined };
// 12:00:20.5 in a one-minute window: 39.5 s are left, which a client is told as 40.
const NOW = Date.parse('2026-11-27T12:00:20.500Z');

function request(headers: Record<string, string> = {}): IncomingMessage {
  const raw = new IncomingMessage(new Socket());
  raw.headers = headers;
  return raw;
}

async function policyWith(
  apiKeys: string,
  limiter: RateLimiter,
): Promise<{ policy: AccessPolicy; module: TestingModule }> {
  const module = await Test.createTestingModule({
    imports: [FacadeConfigModule.forRoot(loadFacadeConfig({ FACADE_API_KEYS: apiKeys })), AccessModule],
  })
    .overrideProvider(RATE_LIMITER)
    .useValue(limiter)
    .setLogger(quiet)
    .compile();
  return { policy: module.get(AccessPolicy), module };
}

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
