import { Subject } from 'rxjs';
import type { ChangeEvent, ChangeResource } from './change-event';
import type {
  ChangeStore,
  CommitOutcome,
  CommitRequest,
  DeliveryState,
  FeedPage,
  StoredSnapshot,
} from './change-store';
import { EventLog, nextEventId } from './event-log';

/** The feed of a single instance: everything in memory, lost at restart (the next start is a baseline). */
export class MemoryChangeStore implements ChangeStore {
  private readonly log: EventLog;
  private readonly snapshots = new Map<ChangeResource, StoredSnapshot>();
  private readonly positions = new Map<string, DeliveryState>();
  private readonly events = new Subject<ChangeEvent>();
  private commits = 0;
  readonly live = this.events.asObservable();

  constructor(
    retention: number,
    private readonly now: () => number = Date.now,
  ) {
    this.log = new EventLog(retention);
  }

  async lead(): Promise<boolean> {
    return true;
  }

  async release(): Promise<void> {
    // No lease to give up: a single instance always detects.
  }

  async snapshot(resource: ChangeResource): Promise<StoredSnapshot | undefined> {
    const stored = this.snapshots.get(resource);
    return stored && { records: new Map(stored.records), commit: stored.commit };
  }

  async marks(): Promise<Map<ChangeResource, string>> {
    return new Map([...this.snapshots].map(([resource, stored]) => [resource, stored.commit]));
  }

  async commit(request: CommitRequest): Promise<CommitOutcome> {
    const stored = this.snapshots.get(request.resource);
    if (stored?.commit !== request.basedOn) return { status: 'stale' };
    const records = stored?.records ?? new Map<string, string>();
    for (const [key, json] of request.upserts) records.set(key, json);
    for (const key of request.deletes) records.delete(key);
    this.commits += 1;
    const commit = String(this.commits);
    this.snapshots.set(request.resource, { records, commit });
    let previous = this.log.newest?.id;
    const events = request.events.map((event): ChangeEvent => {
      previous = nextEventId(previous, this.now());
      return { id: previous, ...event };
    });
    this.log.append(events);
    for (const event of events) this.events.next(event);
    return { status: 'committed', commit, events };
  }

  async restore(): Promise<Map<ChangeResource, string>> {
    // Memory cannot lose its state while the process lives.
    return new Map([...this.snapshots].map(([resource, stored]) => [resource, stored.commit]));
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

  async deliveries(urls: readonly string[]): Promise<Map<string, DeliveryState>> {
    return new Map(
      urls.flatMap((url) =>
        this.positions.has(url) ? [[url, { ...(this.positions.get(url) as DeliveryState) }]] : [],
      ),
    );
  }

  async saveDelivery(url: string, state: DeliveryState): Promise<void> {
    this.positions.set(url, { ...state });
  }

  async close(): Promise<void> {
    this.events.complete();
  }
}
