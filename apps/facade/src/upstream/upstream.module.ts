import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { VendorClient, VendorClientModule } from '@youmi-facade/vendor-client';
import { FACADE_CONFIG } from '../config/facade-config.module';
import type { FacadeConfig } from '../config/facade-config';
import { MetricsService } from '../metrics/metrics.service';
import { MemoryCacheStore, type CacheStore } from './cache-store';
import { DriftRegistry } from './drift-registry';
import { UpstreamService } from './upstream.service';
import { VendorCache } from './vendor-cache';

export const CACHE_STORE = Symbol('CACHE_STORE');

/** The vendor client, the cache in front of it, and the mapped resources built from both. */
@Global()
@Module({
  imports: [
    VendorClientModule.forRootAsync({
      inject: [FACADE_CONFIG],
      useFactory: (config: FacadeConfig) => ({
        baseUrl: config.upstreamBaseUrl as string,
        appId: config.upstreamAppId as string,
        appKey: config.upstreamAppKey as string,
        timeoutMs: config.upstreamTimeoutMs,
        // The facade maps every record itself and reports drift from there, field by field.
        driftCheck: false,
      }),
    }),
  ],
  providers: [
    DriftRegistry,
    { provide: CACHE_STORE, useFactory: (): CacheStore => new MemoryCacheStore() },
    {
      provide: VendorCache,
      inject: [CACHE_STORE, FACADE_CONFIG, MetricsService],
      useFactory: (store: CacheStore, config: FacadeConfig, metrics: MetricsService) =>
        new VendorCache(store, {
          ttlMs: config.cacheTtlSeconds * 1000,
          staleMs: config.cacheStaleSeconds * 1000,
          onStatus: (_key, status) => metrics.cacheEvent(status),
        }),
    },
    UpstreamService,
  ],
  exports: [UpstreamService, DriftRegistry, VendorCache, VendorClientModule, CACHE_STORE],
})
export class UpstreamModule implements OnApplicationShutdown {
  constructor(@Inject(CACHE_STORE) private readonly store: CacheStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

export { VendorClient };
