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
  close(): Promise<void>;
}

/** A bounded in-memory store: entries expire after their lifetime; the oldest go first when full. */
export class MemoryCacheStore implements CacheStore {
  private readonly entries = new Map<string, { entry: CacheEntry; expiresAt: number }>();

  constructor(
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string): Promise<CacheEntry | undefined> {
    const held = this.entries.get(key);
    if (!held) return undefined;
    if (held.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return held.entry;
  }

  async set(key: string, entry: CacheEntry, lifetimeMs: number): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { entry, expiresAt: this.now() + lifetimeMs });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  async withLock<T>(_key: string, work: () => Promise<T>): Promise<T> {
    return work();
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
