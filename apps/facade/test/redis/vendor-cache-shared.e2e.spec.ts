import { sharedRedis } from '../redis-harness';
import { RedisCacheStore } from '../../src/upstream/redis-cache-store';
import { VendorCache } from '../../src/upstream/vendor-cache';
import { settle, STALE, TTL, vendor } from '../vendor-cache-fixtures';

describe('VendorCache over a store shared by several instances', () => {
  async function instances() {
    const shared = await sharedRedis();
    const clock = { now: 5_000_000 };
    const now = () => clock.now;
    const make = () =>
      new VendorCache(
        new RedisCacheStore(shared.redis, { prefix: shared.prefix, freshMs: TTL, lockMs: 5_000, now }),
        { ttlMs: TTL, staleMs: STALE, now, refreshBudgetMs: 60_000 },
      );
    return { ...shared, clock, one: make(), two: make() };
  }

  it('lets one instance refresh a key; another waiting for it answers that refresh without calling the vendor', async () => {
    const { one, two, clock, cleanUp } = await instances();
    try {
      await one.reload('staff', async () => ['v1']);
      await two.fetch('staff', async () => ['unused']);
      clock.now += 2 * TTL;
      const sourceOne = vendor();
      const sourceTwo = vendor();
      const first = one.fetch('staff', sourceOne.load);
      while (sourceOne.load.mock.calls.length === 0) await settle();
      const second = two.fetch('staff', sourceTwo.load);
      sourceOne.answer(['v2']);
      const [a, b] = await Promise.all([first, second]);
      expect(a).toMatchObject({ value: ['v2'], cache: 'MISS' });
      expect(b).toMatchObject({ value: ['v2'], cache: 'HIT', version: a.version, freshUntil: a.freshUntil });
      expect(sourceTwo.load).not.toHaveBeenCalled();
    } finally {
      await cleanUp();
    }
  });

  it('reads the shared store again once told another instance reloaded a key', async () => {
    const { one, two, cleanUp } = await instances();
    try {
      await one.reload('staff', async () => ['v1']);
      expect((await two.fetch('staff', async () => ['unused'])).value).toEqual(['v1']);
      const reloaded = await one.reload('staff', async () => ['v2']);
      expect((await two.fetch('staff', async () => ['unused'])).value).toEqual(['v1']);
      two.forgetLocal('staff');
      expect(await two.fetch('staff', async () => ['unused'])).toMatchObject({
        value: ['v2'],
        cache: 'HIT',
        version: reloaded.version,
      });
    } finally {
      await cleanUp();
    }
  });
});
