import type Redis from 'ioredis';
import { Subject } from 'rxjs';
import type { ChangeEvent } from '../change-event';
import { EventLog } from '../event-log';
import { eventOf, type StreamEntry } from './redis-change-keys';

/**
 * Follows the stream with one blocking read on a connection of its own, whatever the number of open
 * streams, and keeps the recent events (the mirror written back into a Redis that restarted empty).
 */
export class RedisStreamFollower {
  private readonly tailing: Redis;
  private readonly mirror: EventLog;
  private readonly events = new Subject<ChangeEvent>();
  private closed = false;
  private tailDone: Promise<void> = Promise.resolve();
  readonly live = this.events.asObservable();

  constructor(
    redis: Redis,
    private readonly stream: string,
    mirror: number,
  ) {
    this.mirror = new EventLog(mirror);
    // Its own connection: a blocking read holds it for seconds.
    this.tailing = redis.duplicate({
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

  /** The recent events held, oldest first. */
  recent(): ChangeEvent[] {
    return this.mirror.all();
  }

  private async follow(): Promise<void> {
    let last: string | undefined;
    while (!this.closed) {
      try {
        if (last === undefined) {
          const newest = (await this.tailing.xrevrange(this.stream, '+', '-', 'COUNT', 1)) as StreamEntry[];
          last = newest[0]?.[0] ?? '0-0';
          if (newest[0]) this.mirror.append([eventOf(newest[0])]);
        }
        const answer = (await this.tailing.xread(
          'COUNT',
          1000,
          'BLOCK',
          2000,
          'STREAMS',
          this.stream,
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

  /** A read pending on a Redis that is away never settles: it is not awaited for long. */
  async close(): Promise<void> {
    this.closed = true;
    this.tailing.disconnect();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.tailDone, new Promise((resolve) => (timer = setTimeout(resolve, 1000)))]);
    clearTimeout(timer);
    this.events.complete();
  }
}
