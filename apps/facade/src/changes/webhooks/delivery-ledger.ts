import type { DeliveryPositions, DeliveryState, DetectionLease, EventFeedStore } from '../store/change-ports';
import { displayUrl } from './webhook-url';

/** A URL's deliveries as the API shows them. */
export interface DeliveryView extends DeliveryState {
  url: string;
  backlog: number;
}

/**
 * Where each URL stands while this instance delivers: loaded from the store once it leads, kept in memory
 * and written through; forgotten when another instance takes over.
 */
export class DeliveryLedger {
  private readonly states = new Map<string, DeliveryState>();
  private loadedWhileLeading = false;

  constructor(
    private readonly urls: readonly string[],
    private readonly lease: Pick<DetectionLease, 'leading'>,
    private readonly feed: Pick<EventFeedStore, 'latestId' | 'countAfter'>,
    private readonly positions: DeliveryPositions,
  ) {}

  /** Another instance delivers now: what this one knew goes stale. */
  forget(): void {
    this.loadedWhileLeading = false;
    this.states.clear();
  }

  /** Where `url` stands: from memory, else the store, else (a new URL) the newest event now. */
  async stateOf(url: string): Promise<DeliveryState> {
    if (!this.loadedWhileLeading) {
      const stored = await this.positions.load(this.urls);
      // Memory wins: it is at least as new as the store (which may have restarted empty meanwhile).
      for (const [known, state] of stored) if (!this.states.has(known)) this.states.set(known, state);
      this.loadedWhileLeading = true;
    }
    let state = this.states.get(url);
    if (!state) {
      // A URL added later receives the events recorded from now on.
      state = {
        position: await this.feed.latestId(),
        lastDeliveredAt: null,
        lastError: null,
        attempts: 0,
        nextAttemptAt: null,
      };
      this.states.set(url, state);
      await this.positions.save(url, state);
    }
    return state;
  }

  save(url: string, state: DeliveryState): Promise<void> {
    return this.positions.save(url, state);
  }

  /** Where each URL stands, as the delivering instance knows it (the store, from any other). */
  async overview(): Promise<{ data: DeliveryView[] }> {
    const stored =
      this.lease.leading && this.loadedWhileLeading ? this.states : await this.positions.load(this.urls);
    const data = await Promise.all(
      this.urls.map(async (url): Promise<DeliveryView> => {
        const state = stored.get(url);
        return {
          url: displayUrl(url),
          position: state?.position ?? null,
          backlog: state ? await this.feed.countAfter(state.position) : 0,
          lastDeliveredAt: state?.lastDeliveredAt ?? null,
          lastError: state?.lastError ?? null,
          attempts: state?.attempts ?? 0,
          nextAttemptAt: state?.nextAttemptAt ?? null,
        };
      }),
    );
    return { data };
  }
}
