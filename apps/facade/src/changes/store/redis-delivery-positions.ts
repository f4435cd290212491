import type Redis from 'ioredis';
import type { DeliveryPositions, DeliveryState } from './change-ports';
import type { RedisChangeKeys, SharedRedis } from './redis-change-keys';

/** The webhook positions in one Redis hash, by URL, as JSON. */
export class RedisDeliveryPositions implements DeliveryPositions {
  private readonly redis: Redis;

  constructor(
    private readonly shared: SharedRedis,
    private readonly keys: RedisChangeKeys,
  ) {
    this.redis = shared.use();
  }

  start(): void {
    // Nothing to start: every call is one command.
  }

  async load(urls: readonly string[]): Promise<Map<string, DeliveryState>> {
    if (urls.length === 0) return new Map();
    const stored = await this.redis.hmget(this.keys.deliveries, ...urls);
    return new Map(
      urls.flatMap((url, i) =>
        stored[i] === null ? [] : [[url, JSON.parse(stored[i] as string) as DeliveryState]],
      ),
    );
  }

  async save(url: string, state: DeliveryState): Promise<void> {
    await this.redis.hset(this.keys.deliveries, url, JSON.stringify(state));
  }

  async close(): Promise<void> {
    this.shared.done();
  }
}
