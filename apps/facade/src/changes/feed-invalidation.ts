import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { VendorResourcesService } from '../upstream/vendor-resources.service';
import type { ChangeResource } from './change-event';
import type { EventFeedStore } from './store/change-ports';
import { EVENT_FEED_STORE } from './store/change-ports.provider';

/**
 * What the feed's events mean for this instance's copies: the vendor data behind a changed resource was
 * reloaded by the detecting instance, so this one forgets its own copy of it and tells the answers
 * rendered from it (which are repeated without asking the cache) to go.
 */
@Injectable()
export class FeedInvalidation implements OnModuleDestroy {
  private readonly listeners = new Set<() => void>();
  private readonly pending = new Set<ChangeResource>();
  private readonly subscription: Subscription;

  constructor(
    @Inject(EVENT_FEED_STORE) feed: Pick<EventFeedStore, 'live'>,
    private readonly upstream: VendorResourcesService,
  ) {
    this.subscription = feed.live.subscribe((event) => {
      // The events of one commit arrive together: one flush for all of them.
      if (this.pending.size === 0) queueMicrotask(() => this.flush());
      this.pending.add(event.resource);
    });
  }

  /** `listener` runs after each batch of events, once the local copies are forgotten. */
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  private flush(): void {
    const resources = [...this.pending];
    this.pending.clear();
    this.upstream.forgetLocalCopies(resources);
    for (const listener of this.listeners) listener();
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }
}
