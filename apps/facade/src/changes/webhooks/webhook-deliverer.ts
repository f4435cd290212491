import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { FACADE_CONFIG } from '../../config/facade-config.module';
import type { FacadeConfig } from '../../config/facade-config';
import { tracedDelivery } from '../../tracing/change-tracing';
import type { ChangeEvent } from '../change-event';
import { ChangeMetrics } from '../change-metrics';
import {
  CursorError,
  type DeliveryPositions,
  type DeliveryState,
  type DetectionLease,
  type EventFeedStore,
} from '../store/change-ports';
import { DELIVERY_POSITIONS, DETECTION_LEASE, EVENT_FEED_STORE } from '../store/change-ports.provider';
import { DeliveryLedger, type DeliveryView } from './delivery-ledger';
import { markDelivered, markDropped, markFailed } from './delivery-state';
import { WakeSignal } from './wake-signal';
import { WebhookPoster } from './webhook-poster';
import { displayUrl } from './webhook-url';

const PAGE = 50;
/** How often an idle URL's position is written again (a Redis that restarted empty gets it back). */
const REWRITE_MS = 30_000;

/**
 * Posts every event to each WEBHOOK_URLS entry, signed, in feed order per URL (a later event waits for
 * an earlier one), at least once, retrying with growing pauses for as long as it takes. Only the
 * instance holding the lease delivers; positions live in the store, so a restart or a takeover goes on
 * where the last delivery left off.
 */
@Injectable()
export class WebhookDeliverer {
  private readonly logger = new Logger('Webhooks');
  private readonly ledger: DeliveryLedger;
  private readonly signal = new WakeSignal();
  private workers: Promise<void>[] = [];
  private subscription: Subscription | undefined;
  private stopped = false;

  constructor(
    @Inject(FACADE_CONFIG) private readonly config: FacadeConfig,
    @Inject(DETECTION_LEASE) private readonly lease: DetectionLease,
    @Inject(EVENT_FEED_STORE) private readonly feed: EventFeedStore,
    @Inject(DELIVERY_POSITIONS) positions: DeliveryPositions,
    private readonly metrics: ChangeMetrics,
    private readonly poster: WebhookPoster,
  ) {
    this.ledger = new DeliveryLedger(config.webhookUrls, lease, feed, positions);
  }

  start(): void {
    if (this.config.webhookUrls.length === 0 || this.config.changesPollSeconds === 0) return;
    this.subscription = this.feed.live.subscribe(() => this.signal.wake());
    this.workers = this.config.webhookUrls.map((url) => this.work(url));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.subscription?.unsubscribe();
    this.signal.wake();
    await Promise.all(this.workers);
  }

  /** Where each URL stands, as the delivering instance knows it (the store, from any other). */
  overview(): Promise<{ data: DeliveryView[] }> {
    return this.ledger.overview();
  }

  private async work(url: string): Promise<void> {
    let lastWrite = Date.now();
    while (!this.stopped) {
      try {
        if (!this.lease.leading) {
          this.ledger.forget();
          await this.signal.pause(1000);
          continue;
        }
        const state = await this.ledger.stateOf(url);
        const waitMs = state.nextAttemptAt === null ? 0 : Date.parse(state.nextAttemptAt) - Date.now();
        if (waitMs > 0) {
          // Retries are not hurried by new events: only the time decides.
          await new Promise((resolve) => setTimeout(resolve, Math.min(waitMs, 1000)).unref());
          continue;
        }
        const delivered = await this.deliverPage(url, state);
        if (delivered === 0) {
          if (Date.now() - lastWrite > REWRITE_MS) {
            await this.ledger.save(url, state);
            lastWrite = Date.now();
          }
          await this.signal.pause(1000);
        } else lastWrite = Date.now();
      } catch (error) {
        // The store is away: wait, the position in memory is kept.
        this.logger.warn(
          `webhook deliveries to ${displayUrl(url)} paused: ${error instanceof Error ? error.message : String(error)}`,
        );
        await this.signal.pause(2000);
      }
    }
  }

  /** Delivers the events after the position in order, up to the first failure; how many were delivered. */
  private async deliverPage(url: string, state: DeliveryState): Promise<number> {
    let events: ChangeEvent[];
    try {
      events = (await this.feed.read(state.position ?? undefined, PAGE)).events;
    } catch (error) {
      if (!(error instanceof CursorError)) throw error;
      // The position left the feed (retention, or a store that lost its state): go on from the oldest kept.
      this.logger.error(
        `webhook ${displayUrl(url)}: events after ${state.position} are no longer kept; delivering from the oldest event kept`,
      );
      markDropped(state, new Date());
      await this.ledger.save(url, state);
      return 0;
    }
    let delivered = 0;
    for (const event of events) {
      if (this.stopped || !this.lease.leading) break;
      const failure = await tracedDelivery(displayUrl(url), event.id, state.attempts + 1, () =>
        this.poster.post(url, event),
      );
      if (failure === undefined) {
        markDelivered(state, event.id, new Date());
        this.metrics.delivery(displayUrl(url), 'delivered');
        delivered += 1;
        await this.ledger.save(url, state);
        continue;
      }
      markFailed(state, event.id, failure, new Date());
      this.metrics.delivery(displayUrl(url), 'failed');
      if (state.attempts === 1)
        this.logger.warn(
          `webhook ${displayUrl(url)} refused event ${event.id} (${failure}); retrying with growing pauses`,
        );
      await this.ledger.save(url, state);
      break;
    }
    this.metrics.backlog(displayUrl(url), await this.feed.countAfter(state.position));
    return delivered;
  }
}
