import { MemoryCacheStore, type CacheEntry } from './cache-store';

const entry = (version: string, storedAt = 0): CacheEntry => ({ values: [{ version }], storedAt, version });

function storeAt(start: number, maxEntries?: number) {
  const clock = { now: start };
  return { clock, store: new MemoryCacheStore(maxEntries, () => clock.now) };
}

describe('MemoryCacheStore', () => {
  it('answers what was stored under a key, and nothing for other keys', async () => {
    const { store } = storeAt(1_000_000);
    await store.set('staff', entry('a'), 60_000);
    expect(await store.get('staff')).toEqual(entry('a'));
    expect(await store.get('Label')).toBeUndefined();
    await store.set('staff', entry('b'), 60_000);
    expect((await store.get('staff'))?.version).toBe('b');
  });

  it('drops an entry once its lifetime has passed on its clock', async () => {
    const { store, clock } = storeAt(1_000_000);
    await store.set('staff', entry('a'), 5_000);
    clock.now += 4_999;
    expect((await store.get('staff'))?.version).toBe('a');
    clock.now += 2;
    expect(await store.get('staff')).toBeUndefined();
  });

  it.each([0, -5])('keeps an entry of lifetime %i for a moment only, never for ever', async (lifetime) => {
    const { store, clock } = storeAt(1_000_000);
    await store.set('staff', entry('a'), lifetime);
    clock.now += 2;
    expect(await store.get('staff')).toBeUndefined();
  });

  it('drops the least recently used entry when full', async () => {
    const { store } = storeAt(1_000_000, 2);
    await store.set('a', entry('a'), 60_000);
    await store.set('b', entry('b'), 60_000);
    await store.get('a');
    await store.set('c', entry('c'), 60_000);
    expect(await store.get('a')).toBeDefined();
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('c')).toBeDefined();
  });

  it('holds 1000 entries unless told otherwise', async () => {
    const { store } = storeAt(1_000_000);
    for (let i = 0; i <= 1000; i += 1) await store.set(`k${i}`, entry(String(i)), 60_000);
    expect(await store.get('k0')).toBeUndefined();
    expect(await store.get('k1')).toBeDefined();
  });

  it('runs the work of a lock at once, as it is the only instance', async () => {
    const { store } = storeAt(0);
    await expect(store.withLock('staff', async () => 'done')).resolves.toBe('done');
    await expect(
      store.withLock('staff', async () => Promise.reject(new Error('vendor down'))),
    ).rejects.toThrow('vendor down');
  });

  it('keeps its entries when told to forget local copies, being no copy of a shared store', async () => {
    const { store } = storeAt(1_000_000);
    await store.set('staff', entry('a'), 60_000);
    store.forgetLocal();
    expect(await store.get('staff')).toBeDefined();
  });

  it('deletes one key, and everything when closed', async () => {
    const { store } = storeAt(1_000_000);
    await store.set('staff', entry('a'), 60_000);
    await store.set('Label', entry('b'), 60_000);
    store.delete('staff');
    expect(await store.get('staff')).toBeUndefined();
    expect(await store.get('Label')).toBeDefined();
    await store.close();
    expect(await store.get('Label')).toBeUndefined();
  });
});
