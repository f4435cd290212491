import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MemoryCacheStore } from './cache-store';
import type { CacheStatus } from './cache-status';
import { VendorCache } from './vendor-cache';
import { settle, STALE, TTL, vendor } from '../../test/vendor-cache-fixtures';

function cacheAt(start: number, refreshBudgetMs = 60_000) {
  const clock = { now: start };
  const now = () => clock.now;
  const statuses: CacheStatus[] = [];
  const backgroundErrors: unknown[] = [];
  const cache = new VendorCache(new MemoryCacheStore(100, now), {
    ttlMs: TTL,
    staleMs: STALE,
    now,
    onStatus: (_key, status) => statuses.push(status),
    onBackgroundError: (_key, error) => backgroundErrors.push(error),
    refreshBudgetMs,
  });
  return { cache, clock, statuses, backgroundErrors };
}

/** Collects garbage now, so that a test can tell whether anything still holds an object. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

async function primed(start = 1_000_000, refreshBudgetMs?: number) {
  const setup = cacheAt(start, refreshBudgetMs);
  const source = vendor();
  const first = setup.cache.fetch('staff', source.load);
  await settle();
  source.answer(['v1']);
  const fetched = await first;
  return { ...setup, source, first: fetched };
}

// The budget's timers are faked; the promises and immediates the cache settles on are not.
const useFakeTimers = () => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });

describe('VendorCache', () => {
  afterEach(() => jest.useRealTimers());
  it('answers the first fetch from the vendor (MISS), then the copy while it is fresh (HIT)', async () => {
    const { cache, clock, source, first, statuses } = await primed();
    expect(first).toMatchObject({ value: ['v1'], cache: 'MISS', freshUntil: clock.now + TTL });
    clock.now += TTL - 1;
    const again = await cache.fetch('staff', source.load);
    expect(again).toMatchObject({ value: ['v1'], cache: 'HIT', version: first.version });
    expect(source.load).toHaveBeenCalledTimes(1);
    expect(statuses).toEqual(['MISS', 'HIT']);
  });

  it('shares one vendor call among concurrent misses of a key', async () => {
    const { cache } = cacheAt(0);
    const source = vendor();
    const answers = Promise.all([1, 2, 3].map(() => cache.fetch('Label', source.load)));
    await settle();
    source.answer(['c']);
    const all = await answers;
    expect(source.load).toHaveBeenCalledTimes(1);
    expect(new Set(all.map((a) => a.version)).size).toBe(1);
  });

  it('just after expiry answers the copy (STALE) at once and refreshes it once in the background', async () => {
    const { cache, clock, source, first } = await primed();
    clock.now += TTL;
    const stale = await cache.fetch('staff', source.load);
    expect(stale).toMatchObject({ value: ['v1'], cache: 'STALE', version: first.version, freshUntil: 0 });
    const alsoStale = await cache.fetch('staff', source.load);
    expect(alsoStale.cache).toBe('STALE');
    expect(source.load).toHaveBeenCalledTimes(2);
    source.answer(['v2']);
    await settle();
    const refreshed = await cache.fetch('staff', source.load);
    expect(refreshed).toMatchObject({ value: ['v2'], cache: 'HIT' });
    expect(refreshed.version).not.toBe(first.version);
  });

  it('a failed background refresh is reported, and the copy keeps being answered', async () => {
    const { cache, clock, source, backgroundErrors } = await primed();
    clock.now += TTL + 5;
    expect((await cache.fetch('staff', source.load)).cache).toBe('STALE');
    source.fail();
    await settle();
    expect(backgroundErrors).toEqual([new Error('vendor down')]);
    // Just after the failure the copy is answered without asking the vendor again...
    expect(await cache.fetch('staff', source.load)).toMatchObject({ value: ['v1'], cache: 'STALE' });
    clock.now += 1_999;
    expect((await cache.fetch('staff', source.load)).cache).toBe('STALE');
    expect(source.load).toHaveBeenCalledTimes(2);
    // ...and 2 s later the next request starts another refresh.
    clock.now += 1;
    expect((await cache.fetch('staff', source.load)).value).toEqual(['v1']);
    expect(source.load).toHaveBeenCalledTimes(3);
    source.answer(['v2']);
    await settle();
    expect(await cache.fetch('staff', source.load)).toMatchObject({ value: ['v2'], cache: 'HIT' });
  });

  it('reports a failed refresh once, however many requests were answered the copy while it ran', async () => {
    const { cache, clock, source, backgroundErrors } = await primed(1_000_000, 30);
    clock.now += TTL + 5;
    for (let i = 0; i < 3; i++) expect((await cache.fetch('staff', source.load)).cache).toBe('STALE');
    clock.now += 2 * TTL;
    for (let i = 0; i < 3; i++) expect((await cache.fetch('staff', source.load)).cache).toBe('STALE');
    expect(source.load).toHaveBeenCalledTimes(2);
    source.fail();
    await settle();
    expect(backgroundErrors).toEqual([new Error('vendor down')]);
  });

  it('reports once the failure of a refresh that started while the failure of the one before was being reported', async () => {
    const clock = { now: 1_000_000 };
    const now = () => clock.now;
    const source = vendor();
    const reported: unknown[] = [];
    const cache: VendorCache = new VendorCache(new MemoryCacheStore(10, now), {
      ttlMs: TTL,
      staleMs: STALE,
      now,
      onBackgroundError: (_key, error) => {
        reported.push(error);
        if (reported.length > 1) return;
        // A request arriving as the first failure is reported (its retry pause over) starts the second
        // refresh before the first one's report is done with.
        clock.now += 2_000;
        void cache.fetch('staff', source.load);
      },
    });
    await cache.reload('staff', async () => ['v1']);
    clock.now += TTL;
    expect((await cache.fetch('staff', source.load)).cache).toBe('STALE');
    source.fail('first');
    await settle();
    expect(source.load).toHaveBeenCalledTimes(2);
    expect((await cache.fetch('staff', source.load)).cache).toBe('STALE');
    source.fail('second');
    await settle();
    expect(reported).toEqual([new Error('first'), new Error('second')]);
  });

  it('holds nothing of a background refresh once it is over: what the store has dropped is freed', async () => {
    const clock = { now: 1_000_000 };
    const now = () => clock.now;
    const cache = new VendorCache(new MemoryCacheStore(1, now), { ttlMs: TTL, staleMs: STALE, now });
    await cache.reload('staff', async () => ['v1']);
    clock.now += TTL;
    let refreshed: WeakRef<unknown[]> | undefined;
    const load = async () => {
      const values = [{ id: 1 }];
      refreshed = new WeakRef(values);
      return values;
    };
    expect((await cache.fetch('staff', load)).cache).toBe('STALE');
    await settle();
    expect(refreshed).toBeDefined();
    // Another key takes the store's one place: the refreshed list (megabytes, for a big one) is cached no
    // more, and nothing else may keep it alive.
    await cache.reload('Label', async () => ['other']);
    await settle();
    collectGarbage();
    expect(refreshed?.deref()).toBeUndefined();
  });

  it('a copy expired for longer than a TTL more is refreshed before answering while the vendor is healthy', async () => {
    const { cache, clock, source } = await primed();
    clock.now += 2 * TTL;
    const answer = cache.fetch('staff', source.load);
    await settle();
    source.answer(['v2']);
    expect(await answer).toMatchObject({ value: ['v2'], cache: 'MISS' });
  });

  it('a refresh slower than the budget answers the copy (STALE) and finishes in the background', async () => {
    const { cache, clock, source, backgroundErrors } = await primed(1_000_000, 30);
    clock.now += 2 * TTL;
    // The vendor does not answer: the request gets the copy once the budget has passed.
    expect(await cache.fetch('staff', source.load)).toMatchObject({ value: ['v1'], cache: 'STALE' });
    expect(source.load).toHaveBeenCalledTimes(2);
    // A second request joins the refresh still running, and is answered the copy too.
    expect(await cache.fetch('staff', source.load)).toMatchObject({ value: ['v1'], cache: 'STALE' });
    expect(source.load).toHaveBeenCalledTimes(2);
    source.answer(['v2']);
    await settle();
    expect(await cache.fetch('staff', source.load)).toMatchObject({ value: ['v2'], cache: 'HIT' });
    expect(backgroundErrors).toEqual([]);
  });

  it('a request joining a refresh that has used up its budget answers the copy without waiting again', async () => {
    const { cache, clock, source } = await primed(1_000_000, 60_000);
    clock.now += 2 * TTL;
    const first = cache.fetch('staff', source.load);
    await settle();
    clock.now += 60_000;
    // The vendor has not answered: were the budget counted again from this request, it would wait a minute.
    expect(await cache.fetch('staff', source.load)).toMatchObject({ value: ['v1'], cache: 'STALE' });
    source.answer(['v2']);
    expect(await first).toMatchObject({ value: ['v2'], cache: 'MISS' });
  });

  it('a request joining a refresh that has used up its budget exactly is answered the copy at once, not after a timer', async () => {
    useFakeTimers();
    const { cache, clock, source } = await primed(1_000_000, 60_000);
    clock.now += 2 * TTL;
    const first = cache.fetch('staff', source.load);
    await settle();
    clock.now += 60_000;
    let joined: unknown;
    void cache.fetch('staff', source.load).then((fetched) => (joined = fetched));
    await settle();
    expect(joined).toMatchObject({ value: ['v1'], cache: 'STALE' });
    source.answer(['v2']);
    expect(await first).toMatchObject({ value: ['v2'], cache: 'MISS' });
  });

  it('leaves no budget timer running once the refresh answers within the budget', async () => {
    useFakeTimers();
    const { cache, clock, source } = await primed(1_000_000, 60_000);
    clock.now += 2 * TTL;
    const answer = cache.fetch('staff', source.load);
    await settle();
    source.answer(['v2']);
    expect(await answer).toMatchObject({ value: ['v2'], cache: 'MISS' });
    // A timer left behind keeps the process alive, and what it holds, for up to the budget after each such
    // answer.
    expect(jest.getTimerCount()).toBe(0);
  });

  it('a refresh that fails after the budget is reported, and the copy stays', async () => {
    const { cache, clock, source, backgroundErrors } = await primed(1_000_000, 30);
    clock.now += 2 * TTL;
    expect((await cache.fetch('staff', source.load)).cache).toBe('STALE');
    source.fail('hung up');
    await settle();
    expect(backgroundErrors).toEqual([new Error('hung up')]);
  });

  it('while the vendor fails, answers an expired copy for up to the stale window, then the failure', async () => {
    const { cache, clock, source, backgroundErrors } = await primed();
    clock.now += TTL + STALE - 1;
    const withinWindow = cache.fetch('staff', source.load);
    await settle();
    source.fail();
    expect(await withinWindow).toMatchObject({ value: ['v1'], cache: 'STALE' });
    expect(backgroundErrors).toHaveLength(1);
    clock.now += 1;
    const beyond = cache.fetch('staff', source.load);
    await settle();
    source.fail('still down');
    await expect(beyond).rejects.toThrow('still down');
  });

  it('knows whether a copy is held, fresh or within its stale window', async () => {
    const { cache, clock } = await primed();
    expect(await cache.hasCopy('staff')).toBe(true);
    expect(await cache.hasCopy('AdManage')).toBe(false);
    clock.now += TTL + STALE - 1;
    expect(await cache.hasCopy('staff')).toBe(true);
    clock.now += 1;
    expect(await cache.hasCopy('staff')).toBe(false);
  });

  it('reports every answer’s status, stale ones included', async () => {
    const { cache, clock, source, statuses } = await primed();
    clock.now += TTL;
    await cache.fetch('staff', source.load);
    expect(statuses).toEqual(['MISS', 'STALE']);
  });

  it('says until when a copy is fresh: the time it was fetched plus the TTL', async () => {
    const { cache, clock, source } = await primed(1_000_000);
    clock.now += 10_000;
    expect((await cache.fetch('staff', source.load)).freshUntil).toBe(1_000_000 + TTL);
    clock.now = 1_000_000 + 2 * TTL + 5;
    const refreshing = cache.fetch('staff', source.load);
    await settle();
    source.answer(['v2']);
    expect((await refreshing).freshUntil).toBe(1_000_000 + 3 * TTL + 5);
  });

  it('works without anyone listening to statuses or background failures', async () => {
    const clock = { now: 0 };
    const cache = new VendorCache(new MemoryCacheStore(10, () => clock.now), {
      ttlMs: TTL,
      staleMs: STALE,
      now: () => clock.now,
    });
    const source = vendor();
    const first = cache.fetch('staff', source.load);
    await settle();
    source.answer(['v1']);
    await first;
    clock.now += TTL;
    expect((await cache.fetch('staff', source.load)).cache).toBe('STALE');
    source.fail();
    await settle();
    clock.now += TTL;
    const late = cache.fetch('staff', source.load);
    await settle();
    source.fail();
    expect((await late).cache).toBe('STALE');
  });

  describe('reload', () => {
    it('asks the vendor even while the copy is fresh, and keeps the version of unchanged values', async () => {
      const { cache, clock, source, first } = await primed();
      clock.now += 1_000;
      const same = cache.reload('staff', async () => ['v1']);
      expect(await same).toEqual({
        value: ['v1'],
        cache: 'MISS',
        version: first.version,
        freshUntil: clock.now + TTL,
      });
      const changed = await cache.reload('staff', async () => ['v2']);
      expect(changed).toMatchObject({ value: ['v2'], cache: 'MISS', freshUntil: clock.now + TTL });
      expect(changed.version).not.toBe(first.version);
      expect(source.load).toHaveBeenCalledTimes(1);
      // What it reloaded is what the next request gets, fresh from then on.
      clock.now += TTL - 1;
      expect(await cache.fetch('staff', source.load)).toMatchObject({
        value: ['v2'],
        cache: 'HIT',
        version: changed.version,
      });
    });

    it('gives the first answer for a key a version of its own', async () => {
      const { cache } = cacheAt(0);
      const one = await cache.reload('staff', async () => ['v1']);
      const other = await cache.reload('Label', async () => ['v1']);
      expect(one.version).not.toBe(other.version);
    });

    it('keeps the answer for the TTL and the stale window', async () => {
      const { cache, clock } = cacheAt(0);
      await cache.reload('staff', async () => ['v1']);
      clock.now += TTL + STALE - 1;
      expect(await cache.hasCopy('staff')).toBe(true);
    });
  });

  it('waits 250 ms for the refresh of a long-expired copy unless told otherwise', async () => {
    useFakeTimers();
    const clock = { now: 1_000_000 };
    const cache = new VendorCache(new MemoryCacheStore(10, () => clock.now), {
      ttlMs: TTL,
      staleMs: STALE,
      now: () => clock.now,
    });
    await cache.reload('staff', async () => ['v1']);
    clock.now += 2 * TTL;
    const source = vendor();
    let answered: unknown;
    void cache.fetch('staff', source.load).then((fetched) => (answered = fetched));
    await settle();
    await jest.advanceTimersByTimeAsync(249);
    expect(answered).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(answered).toMatchObject({ value: ['v1'], cache: 'STALE', freshUntil: 0 });
  });
});
