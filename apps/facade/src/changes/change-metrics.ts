import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';
import type { ChangeType } from './change-event';

export type PollOutcome = 'ok' | 'vendor-failed' | 'store-failed';
export type DeliveryOutcome = 'delivered' | 'failed';

/** The change feed's metrics: events by type, polls, webhook deliveries and backlogs, the lease. */
@Injectable()
export class ChangeMetrics {
  private readonly events: Counter<'type'>;
  private readonly polls: Counter<'outcome'>;
  private readonly pollCpuSeconds: Histogram;
  private readonly pollMainThreadCpuSeconds: Histogram;
  private readonly deliveries: Counter<'url' | 'outcome'>;
  private readonly backlogs: Gauge<'url'>;
  private readonly leader: Gauge;
  private readonly streams: Gauge;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.events = new Counter({
      name: 'facade_change_events_total',
      help: 'Change events recorded by this instance, by type (staff.updated, …).',
      labelNames: ['type'] as const,
      registers,
    });
    this.polls = new Counter({
      name: 'facade_change_polls_total',
      help: 'Change detection polls of this instance, by outcome (ok, vendor-failed for a resource, store-failed).',
      labelNames: ['outcome'] as const,
      registers,
    });
    this.pollCpuSeconds = new Histogram({
      name: 'facade_change_poll_cpu_seconds',
      help: 'CPU time of one change detection poll, all threads: reading, building, comparing, committing every resource.',
      buckets: [0.005, 0.01, 0.05, 0.1, 0.2, 0.5, 1, 5],
      registers,
    });
    this.pollMainThreadCpuSeconds = new Histogram({
      name: 'facade_change_poll_main_thread_cpu_seconds',
      help: 'CPU time of the thread that answers requests while one poll ran (its other work meanwhile included).',
      buckets: [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5],
      registers,
    });
    this.deliveries = new Counter({
      name: 'facade_webhook_deliveries_total',
      help: 'Webhook delivery attempts, by URL and outcome (delivered, failed).',
      labelNames: ['url', 'outcome'] as const,
      registers,
    });
    this.backlogs = new Gauge({
      name: 'facade_webhook_backlog',
      help: 'Events waiting to be delivered, by URL (as of the deliverer’s latest look).',
      labelNames: ['url'] as const,
      registers,
    });
    this.leader = new Gauge({
      name: 'facade_changes_leader',
      help: '1 while this instance holds the lease: it detects changes and delivers webhooks.',
      registers,
    });
    this.streams = new Gauge({
      name: 'facade_change_streams_open',
      help: 'Server-Sent Events streams of the change feed open on this instance.',
      registers,
    });
  }

  event(type: ChangeType): void {
    this.events.inc({ type });
  }

  poll(outcome: PollOutcome): void {
    this.polls.inc({ outcome });
  }

  pollCpu(seconds: number): void {
    this.pollCpuSeconds.observe(seconds);
  }

  pollMainThreadCpu(seconds: number): void {
    this.pollMainThreadCpuSeconds.observe(seconds);
  }

  delivery(url: string, outcome: DeliveryOutcome): void {
    this.deliveries.inc({ url, outcome });
  }

  backlog(url: string, events: number): void {
    this.backlogs.set({ url }, events);
  }

  leading(leading: boolean): void {
    this.leader.set(leading ? 1 : 0);
  }

  streamOpened(): void {
    this.streams.inc();
  }

  streamClosed(): void {
    this.streams.dec();
  }
}
