import { startSimulator, type RunningSimulator } from '@youmi-facade/testing';
import { VendorClient } from '@youmi-facade/vendor-client';
import { MemoryCacheStore } from '../src/upstream/cache-store';
import { DriftRegistry } from '../src/upstream/drift-registry';
import { VendorResourcesService } from '../src/upstream/vendor-resources.service';
import { VendorCache } from '../src/upstream/vendor-cache';

describe('VendorResourcesService against the simulator', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('maps each vendor answer once, however many resources are assembled from it', async () => {
    const client = new VendorClient({ baseUrl: sim.baseUrl, appId: sim.appId, appKey: sim.appKey });
    const cache = new VendorCache(new MemoryCacheStore(), { ttlMs: 60_000, staleMs: 60_000 });
    const upstream = new VendorResourcesService(client, cache, new DriftRegistry());

    const merged = (await upstream.resource('operator-accounts')).value;
    const wechat = (await upstream.resource('operator-accounts:wechat')).value;
    expect(wechat.length).toBeGreaterThan(0);
    for (const account of wechat) expect(merged.find((each) => each.id === account.id)).toBe(account);
  });
});
