import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CacheStatus } from '../upstream/cache-status';

/**
 * The process's Prometheus registry, with the HTTP and cache metrics; the vendor's are added by the upstream.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly httpRequests = new Counter({
    name: 'facade_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: 'facade_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });
  private readonly cacheEvents = new Counter({
    name: 'facade_cache_lookups_total',
    help: 'Cache lookups of vendor answers, by result (hit, miss, stale).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  // Labelled series looked up once per combination, not per request: on the hot path the lookup costs.
  private readonly cacheSeries = new Map<CacheStatus, { inc(): void }>();
  private readonly httpSeries = new Map<
    string,
    { count: { inc(): void }; duration: { observe(value: number): void } }
  >();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  httpAnswered(method: string, route: string, status: number, elapsedMs: number): void {
    const key = `${method} ${status} ${route}`;
    let series = this.httpSeries.get(key);
    if (!series) {
      series = {
        count: this.httpRequests.labels(method, route, String(status)),
        duration: this.httpDuration.labels(method, route),
      };
      this.httpSeries.set(key, series);
    }
    series.count.inc();
    series.duration.observe(elapsedMs / 1000);
  }

  cacheEvent(status: CacheStatus): void {
    let series = this.cacheSeries.get(status);
    if (!series) {
      series = this.cacheEvents.labels(status.toLowerCase());
      this.cacheSeries.set(status, series);
    }
    series.inc();
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
