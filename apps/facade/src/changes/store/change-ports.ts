import type { Observable } from 'rxjs';
import type { ChangeEvent, ChangeResource, NewChangeEvent } from '../change-event';

/** One page of the feed, and the cursor of the next. */
export interface FeedPage {
  events: ChangeEvent[];
  next: string | null;
}

/**
 * A cursor the feed cannot read from: malformed or unknown (400), or older than the oldest event kept (410).
 */
export class CursorError extends Error {
  constructor(
    readonly status: 400 | 410,
    message: string,
  ) {
    super(message);
    this.name = 'CursorError';
  }
}

/** The last snapshot committed for a resource, and which commit wrote it. */
export interface StoredSnapshot {
  records: Map<string, string>;
  commit: string;
}

/** One resource's outcome of a poll: its events and the snapshot entries that changed. */
export interface CommitRequest {
  resource: ChangeResource;
  /** The commit the detector diffed against; undefined for a baseline. */
  basedOn: string | undefined;
  events: NewChangeEvent[];
  upserts: [key: string, json: string][];
  deletes: string[];
}

export type CommitOutcome =
  | { status: 'committed'; commit: string; events: ChangeEvent[] }
  /** Another detector committed since (or the lease moved): reload the snapshot, diff again. */
  | { status: 'stale' }
  /** The store lost its state (a Redis restarted empty): restore it from the detector's memory. */
  | { status: 'lost' }
  /** This instance no longer holds the lease. */
  | { status: 'not-leading' };

/** Where one webhook URL stands. */
export interface DeliveryState {
  /** The last event delivered (or passed over); null: from the oldest event kept. */
  position: string | null;
  lastDeliveredAt: string | null;
  lastError: { at: string; message: string } | null;
  /** Failed attempts at the event after `position`, in a row. */
  attempts: number;
  /** When the failed event is tried again; null when nothing waits. */
  nextAttemptAt: string | null;
}

/** How the module starts and stops a port, whichever its adapter. */
export interface StoreLifecycle {
  start(): void;
  close(): Promise<void>;
}

/** The right to detect and deliver: one instance at a time holds it. */
export interface DetectionLease extends StoreLifecycle {
  /** Whether this instance held the lease at its latest check. */
  readonly leading: boolean;
  /**
   * Takes or keeps the lease; true while this instance holds it. An instance that holds snapshots takes a
   * vacant lease sooner than one that holds none.
   */
  lead(holdsSnapshots?: boolean): Promise<boolean>;
  /** A write found the lease held by another instance: not leading until a check takes it again. */
  lost(): void;
  /** Gives the lease up at once (graceful shutdown). */
  release(): Promise<void>;
}

/** The snapshots each poll compares against; a commit records its events with the snapshot in one step. */
export interface SnapshotStore extends StoreLifecycle {
  snapshot(resource: ChangeResource): Promise<StoredSnapshot | undefined>;
  /** Which commit wrote each resource's stored snapshot (cheap: no records). */
  marks(): Promise<Map<ChangeResource, string>>;
  commit(request: CommitRequest): Promise<CommitOutcome>;
  /** Writes back the snapshots of a store that lost its state; the commit of each written (or kept). */
  restore(
    snapshots: ReadonlyMap<ChangeResource, ReadonlyMap<string, string>>,
  ): Promise<Map<ChangeResource, string>>;
}

/** The events, as pages by cursor and as they arrive. */
export interface EventFeedStore extends StoreLifecycle {
  /** Events after `after` (from the oldest kept without it), oldest first, at most `limit` of `resource`. */
  read(after: string | undefined, limit: number, resource?: ChangeResource): Promise<FeedPage>;
  /** The newest event's id; null for an empty feed. */
  latestId(): Promise<string | null>;
  /** How many events follow `after` (all of them for null). */
  countAfter(after: string | null): Promise<number>;
  /** Writes back the recent events this instance holds into a feed that lost them (and only then). */
  restore(): Promise<void>;
  /** Every event as this instance learns of it, in feed order: the one source of its streams. */
  readonly live: Observable<ChangeEvent>;
}

/** Where each webhook URL stands. */
export interface DeliveryPositions extends StoreLifecycle {
  load(urls: readonly string[]): Promise<Map<string, DeliveryState>>;
  save(url: string, state: DeliveryState): Promise<void>;
}
