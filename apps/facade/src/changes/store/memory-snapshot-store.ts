import type { ChangeResource } from '../change-event';
import type { CommitOutcome, CommitRequest, SnapshotStore, StoredSnapshot } from './change-ports';
import type { MemoryEventFeedStore } from './memory-event-feed-store';

/** The snapshots of a single instance; a commit appends its events to the instance's feed. */
export class MemorySnapshotStore implements SnapshotStore {
  private readonly snapshots = new Map<ChangeResource, StoredSnapshot>();
  private commits = 0;

  constructor(private readonly feed: MemoryEventFeedStore) {}

  start(): void {
    // Nothing to start: the snapshots live in this object.
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
    return { status: 'committed', commit, events: this.feed.append(request.events) };
  }

  /** Writes back the snapshots missing here and keeps the others, as the Redis adapter does. */
  async restore(
    snapshots: ReadonlyMap<ChangeResource, ReadonlyMap<string, string>>,
  ): Promise<Map<ChangeResource, string>> {
    for (const [resource, records] of snapshots) {
      if (this.snapshots.has(resource)) continue;
      this.commits += 1;
      this.snapshots.set(resource, { records: new Map(records), commit: String(this.commits) });
    }
    return new Map(
      [...snapshots.keys()].map((resource) => [resource, this.snapshots.get(resource)?.commit as string]),
    );
  }

  async close(): Promise<void> {
    // Nothing to close.
  }
}
