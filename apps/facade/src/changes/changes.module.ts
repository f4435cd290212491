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
import type { ChangeStore } from './change-store';
import { CHANGE_STORE, changeStoreProvider } from './change-store.provider';
import { ChangesController } from './changes.controller';
import { DetectionThread } from './detection/detection-thread';
import { RedisChangeStore } from './redis-change-store';
import { WebhookDeliverer } from './webhooks/webhook-deliverer';

/** The change feed: detection, the feed and its stream, webhooks. */
@Module({
  imports: [UpstreamModule, MetricsModule, RedisModule],
  controllers: [ChangesController],
  providers: [
    changeStoreProvider,
    ChangeMetrics,
    DetectionThread,
    ChangeDetector,
    ChangeFeed,
    WebhookDeliverer,
    FeedInvalidation,
  ],
  exports: [FeedInvalidation],
})
export class ChangesModule
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  constructor(
    @Inject(CHANGE_STORE) private readonly store: ChangeStore,
    private readonly detector: ChangeDetector,
    private readonly deliverer: WebhookDeliverer,
    private readonly feed: ChangeFeed,
  ) {}

  onApplicationBootstrap(): void {
    if (this.store instanceof RedisChangeStore) this.store.start();
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
    await this.store.close();
  }
}
