import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { FACADE_CONFIG } from '../../config/facade-config.module';
import type { FacadeConfig } from '../../config/facade-config';
import { ChangeDetector } from '../change-detector';
import type { ChangeEvent } from '../change-event';
import { ChangeMetrics } from '../change-metrics';
import { CHANGE_STORE } from '../change-store.provider';
import { CursorError, type ChangeStore, type DeliveryState } from '../change-store';
import { displayUrl } from './webhook-url';
import { WebhookSigner } from './webhook-signer';
import { tracedDelivery } from '../../tracing/change-tracing';

/** A URL's deliveries as the API shows them. */
export interface DeliveryView extends DeliveryState {
  url: string;
  backlog: number;
}

const ANSWER_TIMEOUT_MS = 10_000;
const FIRST_RETRY_MS = 5_000;
const LONGEST_PAUSE_MS = 10 * 60_000;
const PAGE = 50;
/** How often an idle URL's position is written again (a Redis that restarted empty gets it back). */
const REWRITE_MS = 30_000;

/**
 * The pause before attempt `attempts + 1`: within 5 s first, doubling up to 10 minutes, jittered down to
 * half.
 */
export function retryPauseMs(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(LONGEST_PAUSE_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/**
 * Posts every event to each WEBHOOK_URLS entry, signed, in feed order per URL (a later event waits for
 * an earlier one), at least once, retrying with growing pauses for as long as it takes. Only the
 * instance holding the lease delivers; positions live in the store, so a restart or a takeover goes on
 * where the last delivery left off.
 */
@Injectable()
export class WebhookDeliverer {
  private readonly logger = new Logger('Webhooks');
  private readonly signer: WebhookSigner | undefined;
  private readonly states = new Map<string, DeliveryState>();
  private readonly wakers = new Set<() => void>();
  private workers: Promise<void>[] = [];
  private subscription: Subscription | undefined;
  private loadedWhileLeading = false;
  private stopped = false;

  constructor(
    @Inject(FACADE_CONFIG) private readonly config: FacadeConfig,
    @Inject(CHANGE_STORE) private readonly store: ChangeStore,
    private readonly detector: ChangeDetector,
    private readonly metrics: ChangeMetrics,
  ) {
    this.signer = config.webhookSecret ? new WebhookSigner(config.webhookSecret) : undefined;
  }

  start(): void {
    if (this.config.webhookUrls.length === 0 || this.config.changesPollSeconds === 0) return;
    this.subscription = this.store.live.subscribe(() => this.wake());
    this.workers = this.config.webhookUrls.map((url) => this.work(url));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.subscription?.unsubscribe();
    this.wake();
    await Promise.all(this.workers);
  }

  private wake(): void {
    for (const waker of this.wakers) waker();
    this.wakers.clear();
  }

  /** Waits `ms`, or less when an event arrives or the deliverer stops. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      const wakers = this.wakers;
      function done() {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      }
      this.wakers.add(done);
    });
  }

  private async work(url: string): Promise<void> {
    let lastWrite = Date.now();
    while (!this.stopped) {
      try {
        if (!this.detector.isLeading) {
          // Another instance delivers now: what this one knew goes stale.
          this.loadedWhileLeading = false;
          this.states.clear();
          await this.pause(1000);
          continue;
        }
        const state = await this.stateOf(url);
        const waitMs = state.nextAttemptAt === null ? 0 : Date.parse(state.nextAttemptAt) - Date.now();
        if (waitMs > 0) {
          // Retries are not hurried by new events: only the time decides.
          await new Promise((resolve) => setTimeout(resolve, Math.min(waitMs, 1000)).unref());
          continue;
        }
        const delivered = await this.deliverPage(url, state);
        if (delivered === 0) {
          if (Date.now() - lastWrite > REWRITE_MS) {
            await this.store.saveDelivery(url, state);
            lastWrite = Date.now();
          }
          await this.pause(1000);
        } else lastWrite = Date.now();
      } catch (error) {
        // The store is away: wait, the position in memory is kept.
        this.logger.warn(
          `webhook deliveries to ${displayUrl(url)} paused: ${error instanceof Error ? error.message : String(error)}`,
        );
        await this.pause(2000);
      }
    }
  }

  /** Where each URL stands, as the delivering instance knows it (the store, from any other). */
  async overview(): Promise<{ data: DeliveryView[] }> {
    const urls = this.config.webhookUrls;
    const stored =
      this.detector.isLeading && this.loadedWhileLeading ? this.states : await this.store.deliveries(urls);
    const data = await Promise.all(
      urls.map(async (url): Promise<DeliveryView> => {
        const state = stored.get(url);
        return {
          url: displayUrl(url),
          position: state?.position ?? null,
          backlog: state ? await this.store.countAfter(state.position) : 0,
          lastDeliveredAt: state?.lastDeliveredAt ?? null,
          lastError: state?.lastError ?? null,
          attempts: state?.attempts ?? 0,
          nextAttemptAt: state?.nextAttemptAt ?? null,
        };
      }),
    );
    return { data };
  }

  /** Where `url` stands: from memory, else the store, else (a new URL) the newest event now. */
  private async stateOf(url: string): Promise<DeliveryState> {
    if (!this.loadedWhileLeading) {
      const stored = await this.store.deliveries(this.config.webhookUrls);
      // Memory wins: it is at least as new as the store (which may have restarted empty meanwhile).
      for (const [known, state] of stored) if (!this.states.has(known)) this.states.set(known, state);
      this.loadedWhileLeading = true;
    }
    let state = this.states.get(url);
    if (!state) {
      // A URL added later receives the events recorded from now on.
      state = {
        position: await this.store.latestId(),
        lastDeliveredAt: null,
        lastError: null,
        attempts: 0,
        nextAttemptAt: null,
      };
      this.states.set(url, state);
      await this.store.saveDelivery(url, state);
    }
    return state;
  }

  /** Delivers the events after the position in order, up to the first failure; how many were delivered. */
  private async deliverPage(url: string, state: DeliveryState): Promise<number> {
    let events: ChangeEvent[];
    try {
      events = (await this.store.read(state.position ?? undefined, PAGE)).events;
    } catch (error) {
      if (!(error instanceof CursorError)) throw error;
      // The position left the feed (retention, or a store that lost its state): go on from the oldest kept.
      this.logger.error(
        `webhook ${displayUrl(url)}: events after ${state.position} are no longer kept; delivering from the oldest event kept`,
      );
      state.lastError = {
        at: new Date().toISOString(),
        message: `events after ${state.position} were dropped from the feed before delivery`,
      };
      state.position = null;
      await this.store.saveDelivery(url, state);
      return 0;
    }
    let delivered = 0;
    for (const event of events) {
      if (this.stopped || !this.detector.isLeading) break;
      const failure = await tracedDelivery(displayUrl(url), event.id, state.attempts + 1, () =>
        this.post(url, event),
      );
      const now = new Date();
      if (failure === undefined) {
        state.position = event.id;
        state.lastDeliveredAt = now.toISOString();
        state.attempts = 0;
        state.nextAttemptAt = null;
        this.metrics.delivery(displayUrl(url), 'delivered');
        delivered += 1;
        await this.store.saveDelivery(url, state);
        continue;
      }
      state.attempts += 1;
      state.lastError = { at: now.toISOString(), message: `event ${event.id}: ${failure}` };
      state.nextAttemptAt = new Date(now.getTime() + retryPauseMs(state.attempts)).toISOString();
      this.metrics.delivery(displayUrl(url), 'failed');
      if (state.attempts === 1)
        this.logger.warn(
          `webhook ${displayUrl(url)} refused event ${event.id} (${failure}); retrying with growing pauses`,
        );
      await this.store.saveDelivery(url, state);
      break;
    }
    this.metrics.backlog(displayUrl(url), await this.store.countAfter(state.position));
    return delivered;
  }

  /** One POST; undefined when the receiver answered 2xx, else what went wrong. */
  private async post(url: string, event: ChangeEvent): Promise<string | undefined> {
    const signed = (this.signer as WebhookSigner).sign(event.id, JSON.stringify(event), new Date());
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { ...signed.headers, 'user-agent': 'youmi-facade-webhooks' },
        body: signed.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
      });
      await response.body?.cancel().catch(() => undefined);
      return response.status >= 200 && response.status < 300 ? undefined : `HTTP ${response.status}`;
    } catch (error) {
      const cause =
        error instanceof Error && error.name === 'TimeoutError'
          ? `no answer within ${ANSWER_TIMEOUT_MS / 1000} s`
          : describeFetchError(error);
      return cause;
    }
  }
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
