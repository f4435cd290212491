import Redis from 'ioredis';
import { sharedRedis } from '../redis-harness';
import { RedisCacheStore } from '../../src/upstream/redis-cache-store';

const FRESH = 60_000;

async function stores() {
  const shared = await sharedRedis();
  const clock = { now: 5_000_000 };
  const options = { prefix: shared.prefix, freshMs: FRESH, lockMs: 2_000, now: () => clock.now };
  return {
    ...shared,
    clock,
    one: new RedisCacheStore(shared.redis, options),
    two: new RedisCacheStore(shared.redis, options),
  };
}

/** A store whose Redis never answers (nothing listens on port 9), its clock fixed at `now`. */
function unreachableStore(now: number) {
  const down = new Redis('redis://127.0.0.1:9', {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  const offline = new RedisCacheStore(down, {
    prefix: 'unreachable:',
    freshMs: FRESH,
    lockMs: 2_000,
    now: () => now,
  });
  return { down, offline };
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
    const { one, two, clock, cleanUp } = await stores();
    try {
      await one.set('staff', entry('a', clock.now), 120_000);
      await two.set('staff', entry('b', clock.now), 120_000);
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
    const { down, offline } = unreachableStore(0);
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
      const second = two
        .withLock('staff', async () => order.push('two runs'))
        .then(() => (secondDone = true));
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

  it('keeps each answer in Redis under its prefix, as JSON with its expiry, for its lifetime', async () => {
    const { one, redis, prefix, clock, cleanUp } = await stores();
    try {
      await one.set('staff/GetStaffWechat:b01', entry('a', clock.now), 120_000);
      const key = `${prefix}cache:staff/GetStaffWechat:b01`;
      expect(JSON.parse((await redis.get(key)) as string)).toEqual({
        ...entry('a', clock.now),
        expiresAt: clock.now + 120_000,
      });
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(110_000);
      expect(ttl).toBeLessThanOrEqual(120_000);
    } finally {
      await cleanUp();
    }
  });

  it('keeps its own copy when Redis holds the same version', async () => {
    const { one, clock, cleanUp } = await stores();
    try {
      const stored = entry('a', clock.now);
      await one.set('staff', stored, 120_000);
      clock.now += FRESH;
      expect(await one.get('staff')).toBe(stored);
    } finally {
      await cleanUp();
    }
  });

  it('keeps a copy read from Redis in memory only until the shared entry expires', async () => {
    const { one, two, redis, prefix, clock, cleanUp } = await stores();
    try {
      await one.set('staff', entry('a', clock.now), 120_000);
      clock.now += 10_000;
      expect((await two.get('staff'))?.version).toBe('a');
      await redis.del(`${prefix}cache:staff`);
      clock.now += 109_999;
      expect((await two.get('staff'))?.version).toBe('a');
      clock.now += 2;
      expect(await two.get('staff')).toBeUndefined();
    } finally {
      await cleanUp();
    }
  });

  it('answers its own copy, or nothing, when Redis holds something unreadable', async () => {
    const { one, two, redis, prefix, clock, cleanUp } = await stores();
    try {
      await one.set('staff', entry('a', clock.now), 120_000);
      await redis.set(`${prefix}cache:staff`, '{not json');
      clock.now += FRESH;
      expect((await one.get('staff'))?.version).toBe('a');
      expect(await two.get('staff')).toBeUndefined();
    } finally {
      await cleanUp();
    }
  });

  it('forgets its own copy when told, and reads Redis again at once', async () => {
    const { one, two, clock, cleanUp } = await stores();
    try {
      await one.set('staff', entry('a', clock.now), 120_000);
      expect((await two.get('staff'))?.version).toBe('a');
      await one.set('staff', entry('b', clock.now), 120_000);
      expect((await two.get('staff'))?.version).toBe('a');
      two.forgetLocal('staff');
      expect((await two.get('staff'))?.version).toBe('b');
    } finally {
      await cleanUp();
    }
  });

  it('still answers a copy it was told to forget when Redis does not answer (a copy, not a wait on the vendor)', async () => {
    const { down, offline } = unreachableStore(1_000);
    try {
      await offline.set('staff', entry('a', 1_000), 120_000);
      offline.forgetLocal('staff');
      expect((await offline.get('staff'))?.version).toBe('a');
    } finally {
      down.disconnect();
    }
  });

  it('reads only the small stamp while Redis holds the values it has, and takes their newer store time', async () => {
    const { one, two, redis, clock, cleanUp } = await stores();
    try {
      await one.set('staff', entry('a', clock.now), 120_000);
      expect((await two.get('staff'))?.version).toBe('a');
      const storedAgain = clock.now + 30_000;
      await one.set('staff', entry('a', storedAgain), 120_000);
      clock.now += FRESH;
      const bulkReads = jest.spyOn(redis, 'getBuffer');
      expect(await two.get('staff')).toEqual(entry('a', storedAgain));
      expect(await two.get('staff')).toEqual(entry('a', storedAgain));
      expect(bulkReads).not.toHaveBeenCalled();
      await one.set('staff', entry('b', clock.now), 120_000);
      two.forgetLocal('staff');
      expect((await two.get('staff'))?.version).toBe('b');
      expect(bulkReads).toHaveBeenCalledTimes(1);
    } finally {
      await cleanUp();
    }
  });

  it('stores the same version again as a new stamp only, the values left in place with a longer life; others read the newer store time', async () => {
    const { one, two, redis, prefix, clock, cleanUp } = await stores();
    try {
      await one.set('staff', entry('a', clock.now), 1_000);
      const writes = jest.spyOn(redis, 'multi');
      const storedAgain = clock.now + 30_000;
      await one.set('staff', entry('a', storedAgain), 120_000);
      expect(writes).not.toHaveBeenCalled();
      expect(await redis.pttl(`${prefix}cache:staff`)).toBeGreaterThan(110_000);
      expect(JSON.parse((await redis.get(`${prefix}cache:staff`)) as string).storedAt).toBe(clock.now);
      expect(await two.get('staff')).toEqual(entry('a', storedAgain));

      await redis.del(`${prefix}cache:staff`);
      await one.set('staff', entry('a', storedAgain + 1), 120_000);
      expect(writes).toHaveBeenCalledTimes(1);
      await one.set('staff', entry('b', storedAgain + 2), 120_000);
      expect(writes).toHaveBeenCalledTimes(2);
      two.forgetLocal('staff');
      expect(await two.get('staff')).toEqual(entry('b', storedAgain + 2));
    } finally {
      await cleanUp();
    }
  });

  it('writes the values whole when Redis holds another version than the one it held', async () => {
    const { one, two, clock, cleanUp } = await stores();
    try {
      await one.set('staff', entry('a', clock.now), 120_000);
      await two.set('staff', entry('b', clock.now + 1), 120_000);
      await one.set('staff', entry('a', clock.now + 2), 120_000);
      two.forgetLocal('staff');
      expect(await two.get('staff')).toEqual(entry('a', clock.now + 2));
    } finally {
      await cleanUp();
    }
  });

  it('answers the values an instance of the release before stamps wrote to Redis alone (a rolling update)', async () => {
    const { one, redis, prefix, clock, cleanUp } = await stores();
    const writtenWithoutStamp = (stored: ReturnType<typeof entry>) =>
      redis.set(
        `${prefix}cache:staff`,
        JSON.stringify({ ...stored, expiresAt: clock.now + 120_000 }),
        'PX',
        120_000,
      );
    try {
      await writtenWithoutStamp(entry('a', clock.now));
      expect(await one.get('staff')).toEqual(entry('a', clock.now));
      const changedAt = clock.now + 1;
      await writtenWithoutStamp(entry('b', changedAt));
      clock.now += FRESH;
      expect(await one.get('staff')).toEqual(entry('b', changedAt));
    } finally {
      await cleanUp();
    }
  });

  it('keeps the later store time of its own copy when Redis has lost the stamp of the same values', async () => {
    const { one, redis, prefix, clock, cleanUp } = await stores();
    try {
      await one.set('staff', entry('a', clock.now), 120_000);
      const storedAgain = clock.now + 30_000;
      await one.set('staff', entry('a', storedAgain), 120_000);
      // Evicted (maxmemory): the values left in Redis still carry their first store time.
      await redis.del(`${prefix}cache-stamp:staff`);
      clock.now = storedAgain + FRESH;
      expect(await one.get('staff')).toEqual(entry('a', storedAgain));
    } finally {
      await cleanUp();
    }
  });

  it('keeps a copy renewed by a newer stamp in memory until that stamp expires, no longer', async () => {
    const { one, two, redis, prefix, clock, cleanUp } = await stores();
    try {
      const first = clock.now;
      await one.set('staff', entry('a', first), 120_000);
      expect((await two.get('staff'))?.version).toBe('a');
      clock.now += 30_000;
      await one.set('staff', entry('a', clock.now), 120_000);
      clock.now += FRESH;
      expect(await two.get('staff')).toEqual(entry('a', first + 30_000));
      // Redis loses both keys: only the memory of the second instance is left, for the stamp's lifetime.
      await redis.del(`${prefix}cache:staff`, `${prefix}cache-stamp:staff`);
      clock.now = first + 30_000 + 119_999;
      expect(await two.get('staff')).toEqual(entry('a', first + 30_000));
      clock.now += 2;
      expect(await two.get('staff')).toBeUndefined();
    } finally {
      await cleanUp();
    }
  });

  it('keeps the stamp of each key under its prefix, apart from the stamps of other keys', async () => {
    const { one, two, redis, prefix, clock, cleanUp } = await stores();
    try {
      await one.set('staff', entry('a', clock.now), 120_000);
      await one.set('Label', entry('b', clock.now), 120_000);
      const stampKey = `${prefix}cache-stamp:staff`;
      expect(JSON.parse((await redis.get(stampKey)) as string)).toEqual({
        version: 'a',
        storedAt: clock.now,
        expiresAt: clock.now + 120_000,
      });
      expect(await redis.pttl(stampKey)).toBeGreaterThan(110_000);
      expect((await two.get('staff'))?.version).toBe('a');
      expect((await two.get('Label'))?.version).toBe('b');
      clock.now += FRESH;
      const bulkReads = jest.spyOn(redis, 'getBuffer');
      expect((await two.get('staff'))?.version).toBe('a');
      expect((await two.get('Label'))?.version).toBe('b');
      expect(bulkReads).not.toHaveBeenCalled();
    } finally {
      await cleanUp();
    }
  });

  it('drops its own copies when closed', async () => {
    const { one, redis, prefix, clock, cleanUp } = await stores();
    try {
      await one.set('staff', entry('a', clock.now), 120_000);
      await redis.del(`${prefix}cache:staff`);
      await one.close();
      expect(await one.get('staff')).toBeUndefined();
    } finally {
      await cleanUp();
    }
  });

  it('holds the lock for at most its lock time, and releases only its own', async () => {
    const { one, redis, prefix, cleanUp } = await stores();
    const lockKey = `${prefix}lock:staff`;
    try {
      const ttl = await one.withLock('staff', async () => redis.pttl(lockKey));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(2_000);
      // Its lock expired while it worked and another instance took it: that one is not released.
      await one.withLock('staff', async () => {
        await redis.set(lockKey, 'another-instance', 'PX', 60_000);
      });
      expect(await redis.get(lockKey)).toBe('another-instance');
    } finally {
      await cleanUp();
    }
  });

  it('runs the work anyway once the lock time has passed without the lock coming free', async () => {
    const { one, redis, prefix, clock, cleanUp } = await stores();
    const lockKey = `${prefix}lock:staff`;
    try {
      await redis.set(lockKey, 'crashed-instance', 'PX', 60_000);
      let ran = false;
      const waiting = one.withLock('staff', async () => {
        ran = true;
        return 'ran';
      });
      // Two round trips to Redis: it has tried the lock by now, and found it taken.
      await redis.ping();
      await redis.ping();
      expect(ran).toBe(false);
      clock.now += 2_000;
      expect(await waiting).toBe('ran');
      expect(await redis.get(lockKey)).toBe('crashed-instance');
    } finally {
      await cleanUp();
    }
  });
});
