import {
  Inject,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { RedisModule } from '../redis/redis.module';
import { UpstreamModule } from '../upstream/upstream.module';
import { FeedInvalidation } from './feed-invalidation';
import { ChangeDetector } from './change-detector';
import { ChangeFeed } from './change-feed';
import { ChangeMetrics } from './change-metrics';
import { ChangesController } from './changes.controller';
import { DetectionThread } from './detection/detection-thread';
import type { StoreLifecycle } from './store/change-ports';
import {
  changePortsProviders,
  DELIVERY_POSITIONS,
  DETECTION_LEASE,
  EVENT_FEED_STORE,
  SNAPSHOT_STORE,
} from './store/change-ports.provider';
import { WebhookDeliverer } from './webhooks/webhook-deliverer';
import { WebhookPoster } from './webhooks/webhook-poster';

/** The change feed: detection, the feed and its stream, webhooks. */
@Module({
  imports: [UpstreamModule, MetricsModule, RedisModule],
  controllers: [ChangesController],
  providers: [
    ...changePortsProviders,
    ChangeMetrics,
    DetectionThread,
    ChangeDetector,
    ChangeFeed,
    WebhookPoster,
    WebhookDeliverer,
    FeedInvalidation,
  ],
  exports: [FeedInvalidation],
})
export class ChangesModule
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly stores: StoreLifecycle[];

  constructor(
    @Inject(DETECTION_LEASE) lease: StoreLifecycle,
    @Inject(SNAPSHOT_STORE) snapshots: StoreLifecycle,
    @Inject(DELIVERY_POSITIONS) positions: StoreLifecycle,
    @Inject(EVENT_FEED_STORE) events: StoreLifecycle,
    private readonly detector: ChangeDetector,
    private readonly deliverer: WebhookDeliverer,
    private readonly feed: ChangeFeed,
  ) {
    this.stores = [lease, snapshots, positions, events];
  }

  onApplicationBootstrap(): void {
    for (const store of this.stores) store.start();
    this.detector.start();
    this.deliverer.start();
  }

  /** Open streams end before the server closes, which would otherwise wait for them. */
  beforeApplicationShutdown(): void {
    this.feed.closeStreams();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.deliverer.stop();
    await this.detector.stop();
    // Each after the detector and the deliverer, which use them until they stop.
    for (const store of this.stores) await store.close();
  }
}
