import { Subject } from 'rxjs';
import type { ChangeEvent, ChangeResource, NewChangeEvent } from '../change-event';
import { EventLog, nextEventId } from '../event-log';
import type { EventFeedStore, FeedPage } from './change-ports';

/** The feed of a single instance: its events in memory, lost at restart. */
export class MemoryEventFeedStore implements EventFeedStore {
  private readonly log: EventLog;
  private readonly events = new Subject<ChangeEvent>();
  readonly live = this.events.asObservable();

  constructor(
    retention: number,
    private readonly now: () => number = Date.now,
  ) {
    this.log = new EventLog(retention);
  }

  start(): void {
    // Nothing to follow: every event is appended here.
  }

  /** Numbers the events of one commit, keeps them and tells the live subscribers. */
  append(events: readonly NewChangeEvent[]): ChangeEvent[] {
    let previous = this.log.newest?.id;
    const numbered = events.map((event): ChangeEvent => {
      previous = nextEventId(previous, this.now());
      return { id: previous, ...event };
    });
    this.log.append(numbered);
    for (const event of numbered) this.events.next(event);
    return numbered;
  }

  async read(after: string | undefined, limit: number, resource?: ChangeResource): Promise<FeedPage> {
    return this.log.read(after, limit, resource);
  }

  async latestId(): Promise<string | null> {
    return this.log.newest?.id ?? null;
  }

  async countAfter(after: string | null): Promise<number> {
    return this.log.countAfter(after);
  }

  async restore(): Promise<void> {
    // Memory cannot lose its events while the process lives.
  }

  async close(): Promise<void> {
    this.events.complete();
  }
}
