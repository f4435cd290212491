import type { Observable } from 'rxjs';
import type { ChangeEvent, ChangeResource, NewChangeEvent } from './change-event';

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

/**
 * The change feed's storage: snapshots, events and webhook positions, in memory for one instance or
 * in Redis shared by all, with one detecting instance at a time (a lease).
 */
export interface ChangeStore {
  /**
   * Takes or keeps the right to detect and deliver; true while this instance holds it. An instance that
   * holds snapshots takes a vacant lease sooner than one that holds none.
   */
  lead(holdsSnapshots?: boolean): Promise<boolean>;
  /** Gives the lease up at once (graceful shutdown). */
  release(): Promise<void>;
  snapshot(resource: ChangeResource): Promise<StoredSnapshot | undefined>;
  /** Which commit wrote each resource's stored snapshot (cheap: no records). */
  marks(): Promise<Map<ChangeResource, string>>;
  commit(request: CommitRequest): Promise<CommitOutcome>;
  /** Writes back what a store that lost its state held: the recent events and every snapshot. */
  restore(
    snapshots: ReadonlyMap<ChangeResource, ReadonlyMap<string, string>>,
  ): Promise<Map<ChangeResource, string>>;
  /** Events after `after` (from the oldest kept without it), oldest first, at most `limit` of `resource`. */
  read(after: string | undefined, limit: number, resource?: ChangeResource): Promise<FeedPage>;
  /** The newest event's id; null for an empty feed. */
  latestId(): Promise<string | null>;
  /** How many events follow `after` (all of them for null). */
  countAfter(after: string | null): Promise<number>;
  deliveries(urls: readonly string[]): Promise<Map<string, DeliveryState>>;
  saveDelivery(url: string, state: DeliveryState): Promise<void>;
  /** Every event as this instance learns of it, in feed order: the one source of its streams. */
  readonly live: Observable<ChangeEvent>;
  close(): Promise<void>;
}
