import {
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { VendorError } from '@youmi-facade/vendor-client';
import { VendorClientModule } from '@youmi-facade/vendor-client/nest';
import { FACADE_CONFIG } from '../config/facade-config.module';
import type { FacadeConfig } from '../config/facade-config';
import { MetricsModule } from '../metrics/metrics.module';
import { MetricsService } from '../metrics/metrics.service';
import type Redis from 'ioredis';
import { REDIS, RedisModule } from '../redis/redis.module';
import { MemoryCacheStore, type CacheStore } from './cache-store';
import { RedisCacheStore } from './redis-cache-store';
import { DriftRegistry } from './drift-registry';
import { VendorResourcesService } from './vendor-resources.service';
import { VendorCache } from './vendor-cache';
import { VendorConnectionMonitor } from './vendor-connection.monitor';
import { VendorMetrics } from './vendor-metrics';

export const CACHE_STORE = Symbol('CACHE_STORE');

/** The vendor client, the cache in front of it, and the mapped resources built from both. */
@Module({
  imports: [
    RedisModule,
    MetricsModule,
    VendorClientModule.forRootAsync({
      inject: [FACADE_CONFIG],
      useFactory: (config: FacadeConfig) => ({
        baseUrl: config.upstreamBaseUrl as string,
        appId: config.upstreamAppId as string,
        appKey: config.upstreamAppKey as string,
        timeoutMs: config.upstreamTimeoutMs,
      }),
    }),
  ],
  providers: [
    DriftRegistry,
    {
      provide: CACHE_STORE,
      inject: [FACADE_CONFIG, REDIS],
      useFactory: (config: FacadeConfig, redis: Redis | null): CacheStore =>
        redis
          ? new RedisCacheStore(redis, {
              prefix: config.redisKeyPrefix,
              freshMs: config.cacheTtlSeconds * 1000,
              // Long enough for one vendor call with its retries; a crashed holder frees the key after it.
              lockMs: config.upstreamTimeoutMs * 3 + 1000,
            })
          : new MemoryCacheStore(),
    },
    {
      provide: VendorCache,
      inject: [CACHE_STORE, FACADE_CONFIG, MetricsService],
      useFactory: (store: CacheStore, config: FacadeConfig, metrics: MetricsService) =>
        new VendorCache(store, {
          ttlMs: config.cacheTtlSeconds * 1000,
          staleMs: config.cacheStaleSeconds * 1000,
          refreshBudgetMs: config.cacheRefreshBudgetMs,
          onStatus: (_key, status) => metrics.cacheEvent(status),
          // The client answered with an expired copy instead; the failure still belongs in the logs.
          onBackgroundError: (key, error) =>
            new Logger('VendorCache').warn(
              { key, err: error instanceof VendorError ? error.toJSON() : String(error) },
              `refresh of ${key} failed; the expired copy was answered`,
            ),
        }),
    },
    VendorResourcesService,
    VendorConnectionMonitor,
    VendorMetrics,
  ],
  exports: [VendorResourcesService, DriftRegistry, VendorConnectionMonitor, VendorMetrics],
})
export class UpstreamModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('UpstreamModule');

  constructor(
    @Inject(CACHE_STORE) private readonly store: CacheStore,
    @Inject(FACADE_CONFIG) private readonly config: FacadeConfig,
    private readonly upstream: VendorResourcesService,
  ) {}

  /** With CACHE_WARMUP, every resource is fetched once in the background, so first requests are hits. */
  onApplicationBootstrap(): void {
    if (!this.config.cacheWarmUp) return;
    this.upstream.warmUp().then(
      () => this.logger.log('cache warmed up'),
      (error: unknown) =>
        this.logger.warn(`cache warm-up failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
