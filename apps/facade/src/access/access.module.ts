import { Module } from '@nestjs/common';
import type Redis from 'ioredis';
import { FACADE_CONFIG } from '../config/facade-config.module';
import type { FacadeConfig } from '../config/facade-config';
import { RATE_LIMITER } from '../rate-limit/rate-limit.tokens';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from '../rate-limit/rate-limiter';
import { RateLimits } from '../rate-limit/rate-limits';
import { REDIS, RedisModule } from '../redis/redis.module';
import { AccessPolicy } from './access-policy';
import { ApiKeys } from './api-keys';

/** Who may call what: API keys and rate limits, decided by one policy, asked by the access hook. */
@Module({
  imports: [RedisModule],
  providers: [
    ApiKeys,
    {
      provide: RATE_LIMITER,
      inject: [FACADE_CONFIG, REDIS],
      useFactory: (config: FacadeConfig, redis: Redis | null): RateLimiter =>
        redis
          ? new RedisRateLimiter(redis, config.redisKeyPrefix, config.rateLimitPerMinute)
          : new MemoryRateLimiter(config.rateLimitPerMinute),
    },
    RateLimits,
    AccessPolicy,
  ],
  exports: [AccessPolicy, ApiKeys],
})
export class AccessModule {}
