import type { LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { sharedRedis, SHARED_REDIS_URL } from '../redis-harness';
import { loadFacadeConfig } from '../../src/config/facade-config';
import { FacadeConfigModule } from '../../src/config/facade-config.module';
import { RATE_LIMITER } from '../../src/rate-limit/rate-limit.tokens';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from '../../src/rate-limit/rate-limiter';
import { AccessModule } from '../../src/access/access.module';
import { AccessPolicy } from '../../src/access/access-policy';
import { ApiKeys } from '../../src/access/api-keys';

const quiet: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined };

async function moduleWith(env: Record<string, string>) {
  return Test.createTestingModule({
    imports: [FacadeConfigModule.forRoot(loadFacadeConfig(env)), AccessModule],
  })
    .setLogger(quiet)
    .compile();
}

describe('AccessModule', () => {
  it('counts in memory without Redis, to the configured limit', async () => {
    const module = await moduleWith({ RATE_LIMIT_PER_MINUTE: '7' });
    try {
      const limiter = module.get<RateLimiter>(RATE_LIMITER);
      expect(limiter).toBeInstanceOf(MemoryRateLimiter);
      expect(await limiter.consume('ip:1')).toMatchObject({ allowed: true, limit: 7, remaining: 6 });
      expect(module.get(AccessPolicy)).toBeInstanceOf(AccessPolicy);
      expect(module.get(ApiKeys).open).toBe(true);
    } finally {
      await module.close();
    }
  });

  it('counts in Redis with REDIS_URL, under the configured key prefix', async () => {
    const { redis, cleanUp } = await sharedRedis();
    const prefix = `youmi-facade-test:${randomUUID()}:`;
    const module = await moduleWith({
      REDIS_URL: SHARED_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      RATE_LIMIT_PER_MINUTE: '3',
    });
    try {
      const limiter = module.get<RateLimiter>(RATE_LIMITER);
      expect(limiter).toBeInstanceOf(RedisRateLimiter);
      expect(await limiter.consume('ip:1')).toMatchObject({ allowed: true, limit: 3, remaining: 2 });
      expect(await redis.keys(`${prefix}ratelimit:*`)).toHaveLength(1);
    } finally {
      await module.close();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await cleanUp();
    }
  });
});
