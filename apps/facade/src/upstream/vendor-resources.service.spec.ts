import { RESOURCES } from '@youmi-facade/mapping';
import { VendorClient } from '@youmi-facade/vendor-client';
import { MemoryCacheStore } from './cache-store';
import { DriftRegistry } from './drift-registry';
import { VendorResourcesService } from './vendor-resources.service';
import { VendorCache } from './vendor-cache';

describe('VendorResourcesService adopting what detection read', () => {
  const key = RESOURCES.staff.reads[0].key;
  const drift = { endpoint: 'staff', field: 'ad_new', kind: 'unknown-field' as const, sample: '1' };

  function service() {
    const store = new MemoryCacheStore();
    // Never called: everything asked for below is in the cache.
    const client = new VendorClient({ baseUrl: 'http://127.0.0.1:9/', appId: 'app', appKey: 'key' });
    const registry = new DriftRegistry();
    const cache = new VendorCache(store, { ttlMs: 60_000, staleMs: 60_000 });
    return { upstream: new VendorResourcesService(client, cache, registry), registry, store };
  }

  it('keeps the vendor answers and the records built from them: the next request is a hit on both', async () => {
    const { upstream, store } = service();
    const values = [{ ad_staff_code: 'a01' }];
    const records = [{ code: 'a01' }];
    const adopted = await upstream.adoptFresh(
      new Map([[key, { values }]]),
      new Map([['staff', { records }]]),
      [],
    );
    expect((await store.get(key))?.values).toBe(values);
    const answer = await upstream.resource('staff');
    expect(answer.cache).toBe('HIT');
    expect(answer.value).toBe(records);
    expect(answer.version).toBe((adopted.get('staff') as { version: string }).version);
  });

  it('keeps the version of unchanged answers and records their drift once per new answer', async () => {
    const { upstream, registry } = service();
    const values = [{ ad_staff_code: 'a01', ad_new: 1 }];
    const read = { values, drift: [[drift, 2]] as [typeof drift, number][] };
    const built = new Map([['staff' as const, { records: [{ code: 'a01' }] }]]);
    const first = await upstream.adoptFresh(new Map([[key, read]]), built, []);
    const again = await upstream.adoptFresh(new Map([[key, read]]), built, []);
    expect((again.get('staff') as { version: string }).version).toBe(
      (first.get('staff') as { version: string }).version,
    );
    expect(registry.list().map((entry) => [entry.field, entry.count])).toEqual([['ad_new', 2]]);
    const changed = {
      values: [{ ad_staff_code: 'a02', ad_new: 2 }],
      drift: [[drift, 1]] as [typeof drift, number][],
    };
    await upstream.adoptFresh(new Map([[key, changed]]), built, []);
    expect(registry.list().map((entry) => [entry.field, entry.count])).toEqual([['ad_new', 3]]);
  });

  it('fails the resources built from a read that failed', async () => {
    const { upstream } = service();
    const failure = new Error('the vendor timed out');
    const adopted = await upstream.adoptFresh(
      new Map([[key, failure]]),
      new Map([['staff', new Error('staff: a vendor read failed')]]),
      [],
    );
    expect(adopted.get('staff')).toBeInstanceOf(Error);
  });

  it('records no drift again for an answer detection mapped, whatever else is built from it', async () => {
    const { upstream, registry, store } = service();
    const labelsKey = RESOURCES.labels.reads[0].key;
    const categoriesKey = RESOURCES['label-tree'].reads[0].key;
    const row = {
      ad_label_info_id: 1,
      ad_label_id: 5,
      ad_label_info_name: 'x',
      ad_label_name: 'c',
      ad_choose: 0,
    };
    const labelDrift = {
      endpoint: 'wecahtlabel',
      field: 'ad_new',
      kind: 'unknown-field' as const,
      sample: '1',
    };
    await upstream.adoptFresh(
      new Map([
        [
          labelsKey,
          { values: [{ ...row, ad_new: 1 }], drift: [[labelDrift, 1]] as [typeof labelDrift, number][] },
        ],
        [categoriesKey, { values: [], drift: [] }],
      ]),
      new Map([['labels', { records: [{ id: 1 }] }]]),
      [],
    );
    expect((await store.get(labelsKey))?.values).toHaveLength(1);
    const tree = await upstream.resource('label-tree');
    expect(tree.value.map((node) => [node.id, node.labels.length])).toEqual([[5, 1]]);
    expect(registry.list().map((entry) => [entry.field, entry.count])).toEqual([['ad_new', 1]]);
  });
});
