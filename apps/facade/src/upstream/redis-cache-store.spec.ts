import Redis from 'ioredis';
import { sharedRedis } from '../../test/redis-harness';
import { RedisCacheStore } from './redis-cache-store';

const FRESH = 60_000;

async function stores() {
  const shared = await sharedRedis();
  const clock = { now: 5_000_000 };
  const options = { prefix: shared.prefix, freshMs: FRESH, lockMs: 2_000, now: () => clock.now };
  return { ...shared, clock, one: new RedisCacheStore(shared.redis, options), two: new RedisCacheStore(shared.redis, options) };
}

const entry = (version: string, storedAt: number) => ({ values: [{ id: 1, version }], storedAt, version });

describe('RedisCacheStore', () => {
  it('shares what one instance stores with the others, until its lifetime ends', async () => {
    const { one, two, clock, cleanUp } = await stores();
    try {
      await one.set('staff', entry('a', clock.now), 120_000);
      expect(await two.get('staff')).toEqual(entry('a', clock.now));
      expect(await two.get('Label')).toBeUndefined();
    } finally {
      await cleanUp();
    }
  });

  it('answers a fresh copy from its own memory without asking Redis, then reads Redis again', async () => {
    const { one, redis, prefix, clock, cleanUp } = await stores();
    try {
      await one.set('staff', entry('a', clock.now), 120_000);
      await redis.set(`${prefix}cache:staff`, JSON.stringify({ ...entry('b', clock.now), expiresAt: clock.now + 120_000 }));
      expect((await one.get('staff'))?.version).toBe('a');
      clock.now += FRESH;
      expect((await one.get('staff'))?.version).toBe('b');
    } finally {
      await cleanUp();
    }
  });

  it('keeps answering its own copy when Redis loses the key or cannot be reached', async () => {
    const { one, redis, prefix, clock, cleanUp } = await stores();
    try {
      await one.set('staff', entry('a', clock.now), 120_000);
      await redis.del(`${prefix}cache:staff`);
      clock.now += FRESH;
      expect((await one.get('staff'))?.version).toBe('a');
    } finally {
      await cleanUp();
    }
    const down = new Redis('redis://127.0.0.1:9', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const offline = new RedisCacheStore(down, { prefix: 'unreachable:', freshMs: FRESH, lockMs: 2_000, now: () => 0 });
    await expect(offline.set('staff', entry('c', 0), 1_000)).resolves.toBeUndefined();
    expect((await offline.get('staff'))?.version).toBe('c');
    expect(await offline.withLock('staff', async () => 'ran')).toBe('ran');
    down.disconnect();
  });

  it('lets one instance at a time hold the refresh lock of a key; the other runs after it', async () => {
    const { one, two, redis, prefix, cleanUp } = await stores();
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    try {
      const order: string[] = [];
      let release!: () => void;
      const first = one.withLock('staff', async () => {
        order.push('one starts');
        await new Promise<void>((resolve) => (release = resolve));
        order.push('one ends');
      });
      while (order.length === 0) await turn();
      expect(await redis.exists(`${prefix}lock:staff`)).toBe(1);
      let secondDone = false;
      const second = two.withLock('staff', async () => order.push('two runs')).then(() => (secondDone = true));
      // Two round trips to Redis: the second instance has tried the lock by now, and found it taken.
      await redis.ping();
      await redis.ping();
      expect(secondDone).toBe(false);
      release();
      await Promise.all([first, second]);
      expect(order).toEqual(['one starts', 'one ends', 'two runs']);
      expect(await redis.exists(`${prefix}lock:staff`)).toBe(0);
    } finally {
      await cleanUp();
    }
  });
});
