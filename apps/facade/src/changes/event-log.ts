import { compareEventIds, EVENT_ID, type ChangeEvent, type ChangeResource } from './change-event';
import { CursorError, type FeedPage } from './store/change-ports';

/**
 * The newest events in feed order, at most `capacity` of them: the whole feed of a single instance, and
 * with Redis each instance's copy of the recent feed.
 */
export class EventLog {
  private events: ChangeEvent[] = [];
  private head = 0;
  /** Events ever appended; the newest event's sequence number. */
  private appended = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.events.length - this.head;
  }

  get newest(): ChangeEvent | undefined {
    return this.size > 0 ? this.events[this.events.length - 1] : undefined;
  }

  get oldest(): ChangeEvent | undefined {
    return this.size > 0 ? this.events[this.head] : undefined;
  }

  /** Appends events newer than the newest held (an older or equal one is already held, and skipped). */
  append(events: readonly ChangeEvent[]): ChangeEvent[] {
    const added: ChangeEvent[] = [];
    for (const event of events) {
      const newest = this.newest;
      if (newest && compareEventIds(event.id, newest.id) <= 0) continue;
      this.events.push(event);
      this.appended += 1;
      added.push(event);
    }
    const excess = this.size - this.capacity;
    if (excess > 0) this.head += excess;
    // Compacted now and then rather than shifted per event.
    if (this.head > 1024 && this.head * 2 > this.events.length) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
    return added;
  }

  /** All the events held, oldest first. */
  all(): ChangeEvent[] {
    return this.events.slice(this.head);
  }

  read(after: string | undefined, limit: number, resource?: ChangeResource): FeedPage {
    let from = this.head;
    if (after !== undefined) from = this.indexAfter(after);
    const events: ChangeEvent[] = [];
    let scanned: string | undefined;
    for (let i = from; i < this.events.length && events.length < limit; i += 1) {
      const event = this.events[i];
      scanned = event.id;
      if (resource === undefined || event.resource === resource) events.push(event);
    }
    return { events, next: nextCursor(events, scanned, after) };
  }

  /** How many events follow `after`; every one held for null. */
  countAfter(after: string | null): number {
    if (after === null) return this.size;
    const oldest = this.oldest;
    if (!oldest || compareEventIds(after, oldest.id) < 0) return this.size;
    return this.events.length - this.indexAfter(after, false);
  }

  /** The index of the first event after `after`, which must be held (else a CursorError). */
  private indexAfter(after: string, strict = true): number {
    if (!EVENT_ID.test(after))
      throw new CursorError(
        400,
        `after must be an event id such as 1764230400000-0 (got "${after.slice(0, 40)}")`,
      );
    let low = this.head;
    let high = this.events.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const order = compareEventIds(this.events[middle].id, after);
      if (order === 0) return middle + 1;
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    if (!strict) return low;
    const oldest = this.oldest;
    if (oldest && compareEventIds(after, oldest.id) < 0) throw goneCursor(after, oldest.id);
    throw unknownCursor(after);
  }
}

export function unknownCursor(after: string): CursorError {
  return new CursorError(400, `after is not the id of an event in the feed (got "${after.slice(0, 40)}")`);
}

export function goneCursor(after: string, oldest: string): CursorError {
  return new CursorError(
    410,
    `Event ${after.slice(0, 40)} is older than the oldest event kept (${oldest}): read the feed again from the start (no after) and resynchronise.`,
  );
}

/**
 * The last event returned; else the last one passed over (a filtered page); else `after`; null for an empty
 * feed.
 */
export function nextCursor(
  events: readonly ChangeEvent[],
  scanned: string | undefined,
  after: string | undefined,
): string | null {
  return events.at(-1)?.id ?? scanned ?? after ?? null;
}

/** A new event id after `previous`: `<ms>-<seq>`, as Redis Streams number entries. */
export function nextEventId(previous: string | undefined, now: number): string {
  if (previous === undefined) return `${now}-0`;
  const [ms, seq] = previous.split('-').map(Number);
  return now > ms ? `${now}-0` : `${ms}-${seq + 1}`;
}
