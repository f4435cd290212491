import { randomUUID } from 'node:crypto';
import type { CacheStatus, Fetched } from './cache-status';
import type { CacheStore } from './cache-store';
import { sameJson } from './same-json';
import { noteBackgroundRefresh, noteRefresh, tracedLookup } from '../tracing/cache-tracing';
import { facadeTracer } from '../tracing/facade-tracing';

export interface VendorCacheOptions {
  ttlMs: number;
  staleMs: number;
  now?: () => number;
  onStatus?: (key: string, status: CacheStatus) => void;
  onBackgroundError?: (key: string, error: unknown) => void;
  /**
   * How long a request waits for the refresh of a long-expired copy before it is answered the copy
   * (STALE) and the refresh goes on in the background; default 250 ms.
   */
  refreshBudgetMs?: number;
}

/**
 * Vendor answers by call key. Fresh copies are answered as they are; a copy that has just expired is
 * answered (STALE) while one background refresh runs; while the vendor fails, expired copies are
 * answered for up to the stale window; concurrent misses of one key share one vendor call.
 */
export class VendorCache {
  private readonly inflight = new Map<string, Promise<Fetched<unknown[]>>>();
  private readonly refreshStarted = new Map<string, number>();
  /** When the vendor last failed a refresh of each key (cleared by a success). */
  private readonly failedAt = new Map<string, number>();
  /** The refresh of each key whose failure is reported (once, however many requests it served). */
  private readonly watched = new Map<string, Promise<unknown>>();
  private readonly now: () => number;

  constructor(
    private readonly store: CacheStore,
    private readonly options: VendorCacheOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async fetch(key: string, load: () => Promise<unknown[]>): Promise<Fetched<unknown[]>> {
    const tracer = facadeTracer();
    return tracer ? tracedLookup(tracer, key, () => this.lookup(key, load)) : this.lookup(key, load);
  }

  private async lookup(key: string, load: () => Promise<unknown[]>): Promise<Fetched<unknown[]>> {
    const entry = await this.store.get(key);
    const { ttlMs, staleMs } = this.options;
    if (entry) {
      const age = this.now() - entry.storedAt;
      if (age < ttlMs) return this.answer(key, entry.values, 'HIT', entry.version, entry.storedAt + ttlMs);
      if (age < ttlMs + staleMs) {
        // The vendor failed this key's last refresh just now: the copy, without asking again at once
        // (under load every answer would otherwise start a vendor call: 420 per 1,000 requests in the soak).
        if (this.now() - (this.failedAt.get(key) ?? -Infinity) < RETRY_AFTER_FAILURE_MS)
          return this.answer(key, entry.values, 'STALE', entry.version, 0);
        // Just expired: answer the copy while one background refresh runs. Expired for longer (a key
        // nobody asked for a while): refresh now, and fall back to the copy only if the vendor fails or
        // is slower than the refresh budget, so that a rarely asked key is not answered with day-old
        // data while the vendor is healthy.
        if (age < 2 * ttlMs) {
          this.inBackground(key, this.refresh(key, load));
          noteBackgroundRefresh();
          return this.answer(key, entry.values, 'STALE', entry.version, 0);
        }
        // A slow or hung vendor never holds an answer that has a copy for longer than the budget.
        // The budget runs from the refresh's start: requests that join a refresh already running wait
        // only what is left of it, so a hung vendor costs each answer at most one budget in all.
        const refreshing = this.refresh(key, load);
        const left =
          (this.options.refreshBudgetMs ?? 250) - (this.now() - (this.refreshStarted.get(key) ?? this.now()));
        const fetched = left > 0 ? await withinBudget(refreshing, left) : OVER_BUDGET;
        if (fetched === OVER_BUDGET || fetched instanceof Failed) {
          this.inBackground(key, refreshing);
          noteBackgroundRefresh();
          return this.answer(key, entry.values, 'STALE', entry.version, 0);
        }
        return this.answer(key, fetched.value, fetched.cache, fetched.version, fetched.freshUntil);
      }
    }
    const fetched = await this.refresh(key, load);
    return this.answer(key, fetched.value, fetched.cache, fetched.version, fetched.freshUntil);
  }

  /**
   * Calls the vendor now, whatever the cache holds, and keeps the answer as any refresh would (the
   * change feed's detection, so that consumers see what it noticed at once). Unchanged values keep
   * their version, so that what was rendered from them stays valid.
   */
  async reload(key: string, load: () => Promise<unknown[]>): Promise<Fetched<unknown[]>> {
    const [values, previous] = await Promise.all([load(), this.store.get(key)]);
    const same = previous !== undefined && sameJson(previous.values, values);
    const entry = { values, storedAt: this.now(), version: same ? previous.version : randomUUID() };
    await this.store.set(key, entry, this.options.ttlMs + this.options.staleMs);
    return {
      value: values,
      cache: 'MISS',
      version: entry.version,
      freshUntil: entry.storedAt + this.options.ttlMs,
    };
  }

  /** Makes the next read of `key` ask the shared store (another instance reloaded it). */
  forgetLocal(key: string): void {
    this.store.forgetLocal(key);
  }

  /** Whether an answer for `key` is held, fresh or within its stale window. */
  async hasCopy(key: string): Promise<boolean> {
    const entry = await this.store.get(key);
    return entry !== undefined && this.now() - entry.storedAt < this.options.ttlMs + this.options.staleMs;
  }

  /** One vendor call per key at a time in this process (and, with a shared store, across instances). */
  private refresh(key: string, load: () => Promise<unknown[]>): Promise<Fetched<unknown[]>> {
    let pending = this.inflight.get(key);
    noteRefresh(pending ? 'joined' : 'started');
    if (!pending) {
      pending = this.store
        .withLock(key, async () => {
          // Another instance may have refreshed while this one waited for the lock.
          const current = await this.store.get(key);
          if (current && this.now() - current.storedAt < this.options.ttlMs) {
            return {
              value: current.values,
              cache: 'HIT' as const,
              version: current.version,
              freshUntil: current.storedAt + this.options.ttlMs,
            };
          }
          let values: unknown[];
          try {
            values = await load();
          } catch (error) {
            this.failedAt.set(key, this.now());
            throw error;
          }
          this.failedAt.delete(key);
          const entry = { values, storedAt: this.now(), version: randomUUID() };
          await this.store.set(key, entry, this.options.ttlMs + this.options.staleMs);
          return {
            value: values,
            cache: 'MISS' as const,
            version: entry.version,
            freshUntil: entry.storedAt + this.options.ttlMs,
          };
        })
        .finally(() => {
          this.inflight.delete(key);
          this.refreshStarted.delete(key);
        });
      this.inflight.set(key, pending);
      this.refreshStarted.set(key, this.now());
    }
    return pending;
  }

  /**
   * Reports a refresh that no request waits for when it fails: once per refresh, however many
   * requests were answered the copy meanwhile (a vendor outage under load would log each of them).
   */
  private inBackground(key: string, refreshing: Promise<unknown>): void {
    if (this.watched.get(key) === refreshing) return;
    this.watched.set(key, refreshing);
    refreshing
      .catch((error: unknown) => this.options.onBackgroundError?.(key, error))
      .finally(() => {
        if (this.watched.get(key) === refreshing) this.watched.delete(key);
      });
  }

  private answer(
    key: string,
    value: unknown[],
    cache: CacheStatus,
    version: string,
    freshUntil: number,
  ): Fetched<unknown[]> {
    this.options.onStatus?.(key, cache);
    return { value, cache, version, freshUntil };
  }
}

const OVER_BUDGET = Symbol('over budget');
/** How long a copy is answered without asking the vendor again after it failed a refresh of that key. */
const RETRY_AFTER_FAILURE_MS = 2000;

class Failed {
  constructor(readonly error: unknown) {}
}

/** What `work` settles to within `ms`, or OVER_BUDGET; it never rejects. */
function withinBudget<T>(work: Promise<T>, ms: number): Promise<T | Failed | typeof OVER_BUDGET> {
  let timer: NodeJS.Timeout | undefined;
  const over = new Promise<typeof OVER_BUDGET>((resolve) => {
    timer = setTimeout(() => resolve(OVER_BUDGET), ms);
  });
  const settled = work.then(
    (value) => value,
    (error: unknown) => new Failed(error),
  );
  return Promise.race([settled, over]).finally(() => clearTimeout(timer));
}
