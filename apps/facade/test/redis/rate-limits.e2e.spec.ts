import type { LoggerService } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { createHash } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { sharedRedis } from '../redis-harness';
import { ApiKeys } from '../../src/access/api-keys';
import { loadFacadeConfig } from '../../src/config/facade-config';
import { FacadeConfigModule } from '../../src/config/facade-config.module';
import { RATE_LIMITER } from '../../src/rate-limit/rate-limit.tokens';
import { RedisRateLimiter, type RateLimiter } from '../../src/rate-limit/rate-limiter';
import { RateLimits } from '../../src/rate-limit/rate-limits';

const quiet: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined };
const NOW = Date.parse('2026-11-27T12:00:30.000Z');

function request(headers: Record<string, string> = {}): IncomingMessage {
  const raw = new IncomingMessage(new Socket());
  raw.headers = headers;
  return raw;
}

async function limitsWith(
  env: Record<string, string>,
  limiter: RateLimiter,
): Promise<{ limits: RateLimits; module: TestingModule }> {
  const module = await Test.createTestingModule({
    imports: [FacadeConfigModule.forRoot(loadFacadeConfig(env))],
    providers: [ApiKeys, RateLimits, { provide: RATE_LIMITER, useValue: limiter }],
  })
    .setLogger(quiet)
    .compile();
  return { limits: module.get(RateLimits), module };
}

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
