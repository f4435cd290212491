import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { MemoryCacheStore, type CacheEntry, type CacheStore } from './cache-store';

export interface RedisCacheStoreOptions {
  prefix: string;
  /** An entry younger than this is answered from this instance's memory without asking Redis. */
  freshMs: number;
  /** How long one instance may hold the refresh lock of a key. */
  lockMs: number;
  now?: () => number;
}

/** Which answer Redis holds for a key, without its values. */
interface Stamp {
  version: string;
  storedAt: number;
  expiresAt: number;
}

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

// The same version stored again: a new stamp and a longer life for the values already there, if they
// are still there and still that version; 0 otherwise (the values are then written whole).
const RESTAMP = `
local stamp = redis.call('get', KEYS[2])
if not stamp or cjson.decode(stamp).version ~= ARGV[2] or redis.call('pexpire', KEYS[1], ARGV[3]) == 0 then return 0 end
redis.call('set', KEYS[2], ARGV[1], 'px', ARGV[3])
return 1
`;

/**
 * Vendor answers shared by every instance through Redis, with this instance's memory in front (so a
 * fresh hit costs no Redis round trip) and behind (so Redis going away costs speed, never an error).
 */
export class RedisCacheStore implements CacheStore {
  private readonly local: MemoryCacheStore;
  /** Keys another instance reloaded: their local copy is not answered as fresh without asking Redis. */
  private readonly superseded = new Set<string>();
  private readonly now: () => number;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisCacheStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.local = new MemoryCacheStore(1000, this.now);
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    const local = await this.local.get(key);
    if (local && !this.superseded.has(key) && this.now() - local.storedAt < this.options.freshMs)
      return local;
    try {
      // The stamp first: a big list's values are megabytes, read again only when they are not the ones
      // held here (a soak under load read them per request, and Redis grew its reply buffers by gigabytes).
      const text = await this.redis.get(this.stampKey(key));
      // Stryker disable next-line ConditionalExpression: With no stamp the text is null and JSON.parse(null)
      // parses the string 'null' to null, and null behaves exactly like undefined in every later use of the
      // stamp (each one reads it through ?. or is reached only after the stamp?.version check has passed).
      const stamp = text === null ? undefined : (JSON.parse(text) as Stamp);
      if (local && stamp?.version === local.version) {
        this.superseded.delete(key);
        return this.renewed(key, local, stamp);
      }
      const raw = await this.redis.getBuffer(this.dataKey(key));
      this.superseded.delete(key);
      // Stryker disable next-line ConditionalExpression: With raw null the next line's raw.toString throws a
      // TypeError, which the catch turns into the same `return local`, and superseded.delete has already run
      // on both paths.
      if (raw === null) return local;
      const shared = JSON.parse(raw.toString('utf8')) as CacheEntry & Stamp;
      // Values stored again unchanged keep their first store time; the stamp has the latest.
      const times = stamp?.version === shared.version ? stamp : shared;
      if (local && local.version === shared.version) return this.renewed(key, local, times);
      const entry: CacheEntry = { values: shared.values, storedAt: times.storedAt, version: shared.version };
      await this.local.set(key, entry, Math.max(1, times.expiresAt - this.now()));
      return entry;
    } catch {
      // Redis is away or slow: the copy this instance holds, even one another instance superseded,
      // is still a copy (answered STALE), where nothing would make the request wait on the vendor.
      return local;
    }
  }

  async set(key: string, entry: CacheEntry, lifetimeMs: number): Promise<void> {
    const held = await this.local.get(key);
    await this.local.set(key, entry, lifetimeMs);
    try {
      const stamp: Stamp = {
        version: entry.version,
        storedAt: entry.storedAt,
        expiresAt: this.now() + lifetimeMs,
      };
      const ttl = Math.max(1, lifetimeMs);
      // The change feed reloads every list each poll and most come back unchanged: their megabytes are
      // not serialised and sent again.
      // Stryker disable next-line ConditionalExpression: unnoticeable: Restamping a version this instance
      // does not hold costs one EVAL that answers 0, then the values are written whole as before; only if
      // Redis already holds that very version (the local copy expired between read and store) does the data
      // copy keep its first store time, which readers never see: they read the times from the stamp.
      if (held?.version === entry.version) {
        const restamped = await this.redis.eval(
          RESTAMP,
          2,
          this.dataKey(key),
          this.stampKey(key),
          JSON.stringify(stamp),
          entry.version,
          ttl,
        );
        if (restamped === 1) return;
      }
      await this.redis
        .multi()
        .set(this.dataKey(key), JSON.stringify({ ...entry, expiresAt: stamp.expiresAt }), 'PX', ttl)
        .set(this.stampKey(key), JSON.stringify(stamp), 'PX', ttl)
        .exec();
    } catch {
      // Memory holds it; Redis gets the next refresh.
    }
  }

  /** The same values stored again later (a reload that found nothing new): this copy is as young as that. */
  private async renewed(key: string, local: CacheEntry, shared: Stamp): Promise<CacheEntry> {
    if (shared.storedAt <= local.storedAt) return local;
    const entry = { ...local, storedAt: shared.storedAt };
    await this.local.set(key, entry, Math.max(1, shared.expiresAt - this.now()));
    return entry;
  }

  /**
   * Holds `lock:<key>` while `work` runs, so instances sharing Redis refresh a key once together; an
   * instance that finds the lock taken waits for it, then runs `work`, which finds the fresh copy.
   */
  async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const lockKey = `${this.options.prefix}lock:${key}`;
    const token = randomUUID();
    const giveUpAt = this.now() + this.options.lockMs;
    for (;;) {
      let acquired: boolean;
      try {
        acquired = (await this.redis.set(lockKey, token, 'PX', this.options.lockMs, 'NX')) === 'OK';
      } catch {
        return work();
      }
      if (acquired) {
        try {
          return await work();
        } finally {
          await this.redis.eval(RELEASE, 1, lockKey, token).catch(() => undefined);
        }
      }
      if (this.now() >= giveUpAt) return work();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The next read asks Redis; the local copy stays as the fallback should Redis not answer. */
  forgetLocal(key: string): void {
    this.superseded.add(key);
  }

  async close(): Promise<void> {
    await this.local.close();
  }

  private dataKey(key: string): string {
    return `${this.options.prefix}cache:${key}`;
  }

  private stampKey(key: string): string {
    return `${this.options.prefix}cache-stamp:${key}`;
  }
}
