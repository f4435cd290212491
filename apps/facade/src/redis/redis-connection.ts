import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { facadeTracer } from '../tracing/facade-tracing';
import { traceRedisCommands } from '../tracing/redis-tracing';

/**
 * One Redis connection that never makes a request wait on it: commands fail at once while it is down
 * (no offline queue) or after a short timeout, and it keeps reconnecting in the background.
 */
export async function connectRedis(url: string, commandTimeoutMs = 500): Promise<Redis> {
  const logger = new Logger('Redis');
  // Loaded only when REDIS_URL is set: without it the driver would only lengthen every start.
  const { default: RedisClient } = await import('ioredis');
  const redis = new RedisClient(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 2000),
  });
  const tracer = facadeTracer();
  if (tracer) traceRedisCommands(redis, url, tracer);
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) logger.warn(`Redis unavailable (${error.message}); serving from memory until it returns`);
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.log('Redis is back');
    down = false;
  });
  return redis;
}
