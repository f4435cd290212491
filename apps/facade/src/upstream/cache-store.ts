import { LRUCache } from 'lru-cache';

/** One vendor answer as kept in the cache: the records and when they were fetched. */
export interface CacheEntry {
  values: unknown[];
  storedAt: number;
  version: string;
}

/** Where cached vendor answers live: memory by default, Redis when REDIS_URL is set. */
export interface CacheStore {
  get(key: string): Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry, lifetimeMs: number): Promise<void>;
  /** Runs `work` holding a short cross-instance lock on `key` when the store is shared; else just runs it. */
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Drops this instance's own copy of `key` in front of a shared store, so the next read asks the store. */
  forgetLocal(key: string): void;
  close(): Promise<void>;
}

/**
 * A bounded in-memory store: entries expire after their lifetime; the least recently used go first when full.
 */
export class MemoryCacheStore implements CacheStore {
  private readonly entries: LRUCache<string, CacheEntry>;

  constructor(maxEntries = 1000, now: () => number = Date.now) {
    // ttlResolution 0: read the clock on every check, so an entry expires exactly at its lifetime's end
    // (lru-cache otherwise reuses a clock reading for 1 ms, which an injected clock makes visible).
    this.entries = new LRUCache({ max: maxEntries, perf: { now }, ttlResolution: 0 });
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, entry: CacheEntry, lifetimeMs: number): Promise<void> {
    this.entries.set(key, entry, { ttl: Math.max(1, lifetimeMs) });
  }

  async withLock<T>(_key: string, work: () => Promise<T>): Promise<T> {
    return work();
  }

  forgetLocal(): void {
    // Nothing to do: this memory is the store itself, not a copy of a shared one.
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
