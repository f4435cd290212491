import type Redis from 'ioredis';
import type { Observable } from 'rxjs';
import { compareEventIds, EVENT_ID, type ChangeEvent, type ChangeResource } from '../change-event';
import { goneCursor, nextCursor, unknownCursor } from '../event-log';
import { CursorError, type EventFeedStore, type FeedPage } from './change-ports';
import { RedisStreamFollower } from './redis-stream-follower';
import {
  entryField,
  eventOf,
  TAKE_LEASE,
  type LeaseHolder,
  type RedisChangeKeys,
  type SharedRedis,
  type StreamEntry,
} from './redis-change-keys';

const RESTORE_EVENTS = `${TAKE_LEASE}
if redis.call('XLEN', KEYS[2]) > 0 then return 0 end
local n = 0
for i = 3, #ARGV, 2 do
  n = n + 1
  redis.call('XADD', KEYS[2], ARGV[i], 'n', n, 'e', ARGV[i + 1])
end
redis.call('SET', KEYS[3], n)
return n
`;

/** The events in a Redis Stream shared by every instance, each entry its sequence number and its event. */
export class RedisEventFeedStore implements EventFeedStore {
  private readonly redis: Redis;
  private readonly follower: RedisStreamFollower;
  readonly live: Observable<ChangeEvent>;

  constructor(
    private readonly shared: SharedRedis,
    private readonly keys: RedisChangeKeys,
    private readonly lease: LeaseHolder,
    mirror: number,
  ) {
    this.redis = shared.use();
    this.follower = new RedisStreamFollower(this.redis, keys.events, mirror);
    this.live = this.follower.live;
  }

  start(): void {
    this.follower.start();
  }

  async read(after: string | undefined, limit: number, resource?: ChangeResource): Promise<FeedPage> {
    if (after !== undefined) await this.mustHold(after);
    const events: ChangeEvent[] = [];
    let scanned: string | undefined;
    let from = after === undefined ? '-' : `(${after}`;
    // A filtered page may pass over events of other resources: read on in chunks until it is full.
    const chunk = resource === undefined ? limit : Math.max(limit, 500);
    for (;;) {
      const entries = (await this.redis.xrange(this.keys.events, from, '+', 'COUNT', chunk)) as StreamEntry[];
      for (const entry of entries) {
        const event = eventOf(entry);
        scanned = event.id;
        if (resource === undefined || event.resource === resource) events.push(event);
        if (events.length === limit) return { events, next: event.id };
      }
      if (entries.length < chunk) break;
      from = `(${scanned}`;
    }
    return { events, next: nextCursor(events, scanned, after) };
  }

  private async mustHold(after: string): Promise<void> {
    if (!EVENT_ID.test(after))
      throw new CursorError(
        400,
        `after must be an event id such as 1764230400000-0 (got "${after.slice(0, 40)}")`,
      );
    const [found, oldest] = await Promise.all([
      this.redis.xrange(this.keys.events, after, after) as Promise<StreamEntry[]>,
      this.redis.xrange(this.keys.events, '-', '+', 'COUNT', 1) as Promise<StreamEntry[]>,
    ]);
    if (found.length > 0) return;
    if (oldest[0] && compareEventIds(after, oldest[0][0]) < 0) throw goneCursor(after, oldest[0][0]);
    throw unknownCursor(after);
  }

  async latestId(): Promise<string | null> {
    const newest = (await this.redis.xrevrange(this.keys.events, '+', '-', 'COUNT', 1)) as StreamEntry[];
    return newest[0]?.[0] ?? null;
  }

  async countAfter(after: string | null): Promise<number> {
    const stream = this.keys.events;
    const [length, newest, found] = await Promise.all([
      this.redis.xlen(stream),
      this.redis.xrevrange(stream, '+', '-', 'COUNT', 1) as Promise<StreamEntry[]>,
      after === null
        ? Promise.resolve([] as StreamEntry[])
        : (this.redis.xrange(stream, after, after) as Promise<StreamEntry[]>),
    ]);
    if (!found[0] || !newest[0])
      return after !== null && newest[0] && compareEventIds(after, newest[0][0]) >= 0 ? 0 : length;
    return Number(entryField(newest[0], 'n')) - Number(entryField(found[0], 'n'));
  }

  async restore(): Promise<void> {
    const held = this.follower.recent();
    if (held.length === 0) return;
    const args: (string | number)[] = [this.lease.owner, this.lease.leaseMs];
    for (const { id, ...event } of held) args.push(id, JSON.stringify(event));
    await this.redis.eval(RESTORE_EVENTS, 3, this.keys.lease, this.keys.events, this.keys.seq, ...args);
  }

  async close(): Promise<void> {
    this.shared.done();
    await this.follower.close();
  }
}
