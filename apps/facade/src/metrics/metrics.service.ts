import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  VENDOR_ENDPOINTS,
  VendorClient,
  type VendorConnectionState,
  type VendorEndpointName,
} from '@youmi-facade/vendor-client';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CacheStatus } from '../upstream/cache-status';
import { DriftRegistry } from '../upstream/drift-registry';

const CIRCUIT_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;
const CONNECTION_STATES: readonly VendorConnectionState[] = [
  'unknown',
  'ok',
  'credentials-refused',
  'clock-refused',
  'unreachable',
];

/** Prometheus metrics of this process: HTTP, vendor calls and codes, connection, clock, cache, circuits and drift. */
@Injectable()
export class MetricsService implements OnModuleInit {
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
  private readonly cacheSeries = new Map<CacheStatus, { inc(): void }>();
  private readonly httpSeries = new Map<
    string,
    { count: { inc(): void }; duration: { observe(value: number): void } }
  >();
  private readonly vendorCalls = new Counter({
    name: 'facade_vendor_calls_total',
    help: 'Vendor calls (retries included in one call), by vendor endpoint and outcome.',
    labelNames: ['endpoint', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly vendorDuration = new Histogram({
    name: 'facade_vendor_call_duration_seconds',
    help: 'Vendor call latency, by vendor endpoint and outcome.',
    labelNames: ['endpoint', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly cacheEvents = new Counter({
    name: 'facade_cache_lookups_total',
    help: 'Cache lookups of vendor answers, by result (hit, miss, stale).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly vendorCodes = new Counter({
    name: 'facade_vendor_status_codes_total',
    help: "Vendor failure envelopes, by vendor endpoint, errmsg and the code's class in the vendor's table.",
    labelNames: ['endpoint', 'code', 'class'] as const,
    registers: [this.registry],
  });
  private readonly drift = new Counter({
    name: 'facade_vendor_drift_total',
    help: 'Vendor values the contract did not expect, by vendor endpoint and kind.',
    labelNames: ['endpoint', 'kind'] as const,
    registers: [this.registry],
  });

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly client: VendorClient,
    driftRegistry: DriftRegistry,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const vendor = this.client;
    new Gauge({
      name: 'facade_vendor_circuit_state',
      help: 'Circuit of each vendor endpoint: 0 closed, 1 half-open, 2 open.',
      labelNames: ['endpoint'] as const,
      registers: [this.registry],
      collect() {
        for (const name of Object.keys(VENDOR_ENDPOINTS) as VendorEndpointName[]) {
          this.set({ endpoint: VENDOR_ENDPOINTS[name].path }, CIRCUIT_VALUE[vendor.circuitState(name)]);
        }
      },
    });
    new Gauge({
      name: 'facade_vendor_clock_offset_seconds',
      help: "Our clock minus the vendor's, from the msgTime of its latest answer (NaN before the first).",
      registers: [this.registry],
      collect() {
        const { offsetMs } = vendor.clock();
        this.set(offsetMs === null ? Number.NaN : offsetMs / 1000);
      },
    });
    new Gauge({
      name: 'facade_vendor_connection_state',
      help: 'Whether the vendor accepts us: 1 for the current state (ok, credentials-refused, clock-refused, unreachable, unknown).',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const current = vendor.connection().state;
        for (const state of CONNECTION_STATES) this.set({ state }, state === current ? 1 : 0);
      },
    });
    this.client.onCall((event) => {
      this.vendorCalls.inc({ endpoint: event.endpoint, outcome: event.outcome });
      this.vendorDuration.observe(
        { endpoint: event.endpoint, outcome: event.outcome },
        event.latencyMs / 1000,
      );
      if (event.code !== undefined)
        this.vendorCodes.inc({
          endpoint: event.endpoint,
          code: String(event.code),
          class: event.codeClass ?? 'undocumented',
        });
    });
    driftRegistry.onRecord((record) => this.drift.inc({ endpoint: record.endpoint, kind: record.kind }));
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request, reply, done) => {
      this.httpAnswered(
        request.method,
        request.routeOptions.url ?? 'unmatched',
        reply.statusCode,
        reply.elapsedTime,
      );
      done();
    });
  }

  /** One answered request. The labelled series are looked up once per combination, not per request. */
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
