import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { FACADE_CONFIG } from '../config/facade-config.module';
import type { FacadeConfig } from '../config/facade-config';
import { connectRedis } from './redis-connection';

export const REDIS = Symbol('REDIS');

/** The shared Redis connection when REDIS_URL is set; `null` otherwise (everything stays in memory). */
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [FACADE_CONFIG],
      useFactory: async (config: FacadeConfig): Promise<Redis | null> => {
        if (!config.redisUrl) return null;
        const redis = await connectRedis(config.redisUrl);
        // Start with Redis when it answers soon; a Redis that is down must not keep the facade from starting.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 2000);
          redis.once('ready', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        return redis;
      },
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
