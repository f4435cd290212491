import { Module } from '@nestjs/common';
import type Redis from 'ioredis';
import { FACADE_CONFIG } from '../config/facade-config.module';
import type { FacadeConfig } from '../config/facade-config';
import { REDIS } from '../redis/redis.module';
import { RATE_LIMITER } from './rate-limit.tokens';
import { RateLimits } from './rate-limits';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './rate-limiter';

@Module({
  providers: [
    {
      provide: RATE_LIMITER,
      inject: [FACADE_CONFIG, REDIS],
      useFactory: (config: FacadeConfig, redis: Redis | null): RateLimiter =>
        redis ? new RedisRateLimiter(redis, config.redisKeyPrefix, config.rateLimitPerMinute) : new MemoryRateLimiter(config.rateLimitPerMinute),
    },
    RateLimits,
  ],
  exports: [RATE_LIMITER, RateLimits],
})
export class RateLimitModule {}
