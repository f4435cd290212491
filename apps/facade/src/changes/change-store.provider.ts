import type { Provider } from '@nestjs/common';
import type Redis from 'ioredis';
import { FACADE_CONFIG } from '../config/facade-config.module';
import type { FacadeConfig } from '../config/facade-config';
import { REDIS } from '../redis/redis.module';
import { leaseMsFor } from './lease';
import type { ChangeStore } from './change-store';
import { MemoryChangeStore } from './memory-change-store';
import { RedisChangeStore } from './redis-change-store';

export const CHANGE_STORE = Symbol('CHANGE_STORE');

/** The feed in Redis when REDIS_URL is set (shared, surviving restarts), else in memory. */
export const changeStoreProvider: Provider = {
  provide: CHANGE_STORE,
  inject: [FACADE_CONFIG, REDIS],
  useFactory: (config: FacadeConfig, redis: Redis | null): ChangeStore => {
    if (!redis) return new MemoryChangeStore(config.changesRetention);
    // Its own connection, with room for a large first snapshot in one script.
    return new RedisChangeStore(redis.duplicate({ commandTimeout: 10_000 }), {
      prefix: `${config.redisKeyPrefix}changes:`,
      retention: config.changesRetention,
      leaseMs: leaseMsFor(config.changesPollSeconds),
    });
  },
};
