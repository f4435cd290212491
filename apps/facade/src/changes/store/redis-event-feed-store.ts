import type Redis from 'ioredis';
import { Subject } from 'rxjs';
import { compareEventIds, EVENT_ID, type ChangeEvent, type ChangeResource } from '../change-event';
import { EventLog, goneCursor, nextCursor, unknownCursor } from '../event-log';
import { CursorError, type EventFeedStore, type FeedPage } from './change-ports';
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

/**
 * The events in a Redis Stream shared by every instance. Each instance follows it with one blocking read,
 * whatever the number of its open streams, and keeps the recent events (its mirror) to write back into
 * a Redis that restarted empty.
 */
export class RedisEventFeedStore implements EventFeedStore {
  private readonly redis: Redis;
  private readonly tailing: Redis;
  private readonly mirror: EventLog;
  private readonly events = new Subject<ChangeEvent>();
  private closed = false;
  private tailDone: Promise<void> = Promise.resolve();
  readonly live = this.events.asObservable();

  constructor(
    private readonly shared: SharedRedis,
    private readonly keys: RedisChangeKeys,
    private readonly lease: LeaseHolder,
    mirror: number,
  ) {
    this.redis = shared.use();
    this.mirror = new EventLog(mirror);
    // Its own connection: a blocking read holds it for seconds.
    this.tailing = this.redis.duplicate({
      commandTimeout: undefined,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    this.tailing.on('error', () => undefined);
  }

  /** Starts following the stream from its newest entry. */
  start(): void {
    this.tailDone = this.follow();
  }

  private async follow(): Promise<void> {
    let last: string | undefined;
    while (!this.closed) {
      try {
        if (last === undefined) {
          const newest = (await this.tailing.xrevrange(
            this.keys.events,
            '+',
            '-',
            'COUNT',
            1,
          )) as StreamEntry[];
          last = newest[0]?.[0] ?? '0-0';
          if (newest[0]) this.mirror.append([eventOf(newest[0])]);
        }
        const answer = (await this.tailing.xread(
          'COUNT',
          1000,
          'BLOCK',
          2000,
          'STREAMS',
          this.keys.events,
          last,
        )) as [string, StreamEntry[]][] | null;
        for (const entry of answer?.[0]?.[1] ?? []) {
          last = entry[0];
          for (const event of this.mirror.append([eventOf(entry)])) this.events.next(event);
        }
      } catch {
        if (this.closed) return;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
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
    const held = this.mirror.all();
    if (held.length === 0) return;
    const args: (string | number)[] = [this.lease.owner, this.lease.leaseMs];
    for (const { id, ...event } of held) args.push(id, JSON.stringify(event));
    await this.redis.eval(RESTORE_EVENTS, 3, this.keys.lease, this.keys.events, this.keys.seq, ...args);
  }

  /** A read pending on a Redis that is away never settles: it is not awaited for long. */
  async close(): Promise<void> {
    this.closed = true;
    this.tailing.disconnect();
    this.shared.done();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.tailDone, new Promise((resolve) => (timer = setTimeout(resolve, 1000)))]);
    clearTimeout(timer);
    this.events.complete();
  }
}
