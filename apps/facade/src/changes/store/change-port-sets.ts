import type Redis from 'ioredis';
import type { DetectionLease, DeliveryPositions, EventFeedStore, SnapshotStore } from './change-ports';
import { MemoryDeliveryPositions } from './memory-delivery-positions';
import { MemoryDetectionLease } from './memory-detection-lease';
import { MemoryEventFeedStore } from './memory-event-feed-store';
import { MemorySnapshotStore } from './memory-snapshot-store';
import { redisChangeKeys, SharedRedis } from './redis-change-keys';
import { RedisDeliveryPositions } from './redis-delivery-positions';
import { RedisDetectionLease } from './redis-detection-lease';
import { RedisEventFeedStore } from './redis-event-feed-store';
import { RedisSnapshotStore } from './redis-snapshot-store';

/** The change feed's four stores, of one kind. */
export interface ChangePorts {
  lease: DetectionLease;
  snapshots: SnapshotStore;
  feed: EventFeedStore;
  positions: DeliveryPositions;
}

/** Recent events each instance keeps in memory, to write back into a Redis that restarted empty. */
const MIRRORED_EVENTS = 10_000;

/** The ports of a single instance, in memory. */
export function memoryChangePorts(retention: number, now: () => number = Date.now): ChangePorts {
  const feed = new MemoryEventFeedStore(retention, now);
  return {
    lease: new MemoryDetectionLease(),
    snapshots: new MemorySnapshotStore(feed),
    feed,
    positions: new MemoryDeliveryPositions(),
  };
}

/** The ports over one Redis connection, which they own together (the last to close disconnects it). */
export function redisChangePorts(
  redis: Redis,
  options: { prefix: string; retention: number; leaseMs: number },
): ChangePorts {
  const shared = new SharedRedis(redis);
  const keys = redisChangeKeys(options.prefix);
  const lease = new RedisDetectionLease(shared, keys, options.leaseMs);
  return {
    lease,
    snapshots: new RedisSnapshotStore(shared, keys, lease, options.retention),
    feed: new RedisEventFeedStore(shared, keys, lease, Math.min(options.retention, MIRRORED_EVENTS)),
    positions: new RedisDeliveryPositions(shared, keys),
  };
}
