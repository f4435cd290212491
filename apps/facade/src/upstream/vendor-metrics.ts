import { Injectable } from '@nestjs/common';
import {
  VENDOR_ENDPOINTS,
  VendorClient,
  type VendorCallEvent,
  type VendorConnectionState,
  type VendorEndpointName,
} from '@youmi-facade/vendor-client';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';
import { DriftRegistry } from './drift-registry';

const CIRCUIT_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;
const CONNECTION_STATES: readonly VendorConnectionState[] = [
  'unknown',
  'ok',
  'credentials-refused',
  'clock-refused',
  'unreachable',
];

/**
 * The vendor's metrics in the process registry: calls, latency, status codes, circuits, clock, connection and
 * drift.
 */
@Injectable()
export class VendorMetrics {
  /** Counts a call made by another vendor client of this process (the change feed's detection thread). */
  readonly observeCall: (event: VendorCallEvent) => void;

  constructor(metrics: MetricsService, client: VendorClient, drift: DriftRegistry) {
    const registers = [metrics.registry];
    const calls = new Counter({
      name: 'facade_vendor_calls_total',
      help: 'Vendor calls (retries included in one call), by vendor endpoint and outcome.',
      labelNames: ['endpoint', 'outcome'] as const,
      registers,
    });
    const duration = new Histogram({
      name: 'facade_vendor_call_duration_seconds',
      help: 'Vendor call latency, by vendor endpoint and outcome.',
      labelNames: ['endpoint', 'outcome'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const codes = new Counter({
      name: 'facade_vendor_status_codes_total',
      help: "Vendor failure envelopes, by vendor endpoint, errmsg and the code's class in the vendor's table.",
      labelNames: ['endpoint', 'code', 'class'] as const,
      registers,
    });
    const drifted = new Counter({
      name: 'facade_vendor_drift_total',
      help: 'Vendor values the facade did not expect, by vendor endpoint and kind.',
      labelNames: ['endpoint', 'kind'] as const,
      registers,
    });
    new Gauge({
      name: 'facade_vendor_circuit_state',
      help: 'Circuit of each vendor endpoint: 0 closed, 1 half-open, 2 open.',
      labelNames: ['endpoint'] as const,
      registers,
      collect() {
        for (const name of Object.keys(VENDOR_ENDPOINTS) as VendorEndpointName[]) {
          this.set({ endpoint: VENDOR_ENDPOINTS[name].path }, CIRCUIT_VALUE[client.circuitState(name)]);
        }
      },
    });
    new Gauge({
      name: 'facade_vendor_clock_offset_seconds',
      help: "Our clock minus the vendor's, from the msgTime of its latest answer (NaN before the first).",
      registers,
      collect() {
        const { offsetMs } = client.clock();
        this.set(offsetMs === null ? Number.NaN : offsetMs / 1000);
      },
    });
    new Gauge({
      name: 'facade_vendor_connection_state',
      help: 'Whether the vendor accepts us: 1 for the current state (ok, credentials-refused, clock-refused, unreachable, unknown).',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const current = client.connection().state;
        for (const state of CONNECTION_STATES) this.set({ state }, state === current ? 1 : 0);
      },
    });
    this.observeCall = (event) => {
      calls.inc({ endpoint: event.endpoint, outcome: event.outcome });
      duration.observe({ endpoint: event.endpoint, outcome: event.outcome }, event.latencyMs / 1000);
      if (event.code !== undefined)
        codes.inc({
          endpoint: event.endpoint,
          code: String(event.code),
          class: event.codeClass ?? 'undocumented',
        });
    };
    client.onCall(this.observeCall);
    drift.onRecord((record) => drifted.inc({ endpoint: record.endpoint, kind: record.kind }));
  }
}
