import { Logger } from '@nestjs/common';
import { setImmediate as realImmediate } from 'node:timers/promises';
import type { FacadeConfig } from '../config/facade-config';
import type { VendorConnectionMonitor } from '../upstream/vendor-connection.monitor';
import type { VendorMetrics } from '../upstream/vendor-metrics';
import type { VendorResourcesService } from '../upstream/vendor-resources.service';
import { CHANGE_RESOURCES, type ChangeResource } from './change-event';
import { ChangeDetector } from './change-detector';
import type { ChangeMetrics } from './change-metrics';
import type { DetectedResource, Detection, DetectionThread } from './detection/detection-thread';
import { memoryChangePorts, type ChangePorts } from './store/change-port-sets';
import type { DetectionLease, SnapshotStore } from './store/change-ports';
import { MemorySnapshotStore } from './store/memory-snapshot-store';
import type { MemoryEventFeedStore } from './store/memory-event-feed-store';

/** The vendor's keyed records as the detection thread would read them: key → JSON text, by resource. */
class FakeVendor {
  readonly records = new Map<ChangeResource, Map<string, string>>(
    CHANGE_RESOURCES.map((resource) => [resource, new Map()]),
  );
  failing: Error | undefined;

  set(resource: ChangeResource, key: string, record: object): void {
    this.records.get(resource)?.set(key, JSON.stringify(record));
  }

  detection(): Detection {
    const resources = new Map<ChangeResource, DetectedResource>(
      [...this.records].map(([resource, records]) => [
        resource,
        { records: [], keys: [...records.keys()], texts: [...records.values()] },
      ]),
    );
    return { reads: new Map(), resources, staffCodesChanged: [], calls: [] } as unknown as Detection;
  }

  /** Each resource's version: its records' text, so that it changes exactly when they do. */
  fresh(): Map<ChangeResource, { value: unknown[]; version: string } | Error> {
    return new Map(
      [...this.records].map(([resource, records]) => [
        resource,
        { value: [], version: JSON.stringify([...records]) },
      ]),
    );
  }
}

function metricsFake() {
  return {
    poll: jest.fn(),
    event: jest.fn(),
    leading: jest.fn(),
    pollCpu: jest.fn(),
    pollMainThreadCpu: jest.fn(),
  };
}

function detectorOf(
  vendor: FakeVendor,
  ports: Pick<ChangePorts, 'lease' | 'snapshots' | 'feed'>,
  metrics = metricsFake(),
) {
  const detection = {
    threaded: false,
    poll: jest.fn(async () => {
      if (vendor.failing) throw vendor.failing;
      return vendor.detection();
    }),
    forget: jest.fn(),
  };
  const upstream = { adoptFresh: async () => vendor.fresh() };
  const connection = { status: () => ({ state: 'ok' }), recheckNow: jest.fn() };
  const detector = new ChangeDetector(
    { changesPollSeconds: 60 } as FacadeConfig,
    ports.lease,
    ports.snapshots,
    ports.feed,
    upstream as unknown as VendorResourcesService,
    metrics as unknown as ChangeMetrics,
    detection as unknown as DetectionThread,
    { observeCall: jest.fn() } as unknown as VendorMetrics,
    connection as unknown as VendorConnectionMonitor,
  );
  return { detector, detection, metrics };
}

/** A snapshot store that can lose everything it holds, as a Redis that restarts empty does. */
class ForgetfulSnapshots implements SnapshotStore {
  private inner: MemorySnapshotStore;
  failing = false;

  constructor(private readonly feed: MemoryEventFeedStore) {
    this.inner = new MemorySnapshotStore(feed);
  }

  forgetAll(): void {
    this.inner = new MemorySnapshotStore(this.feed);
  }

  start = () => this.inner.start();
  close = () => this.inner.close();
  snapshot: SnapshotStore['snapshot'] = (resource) => this.inner.snapshot(resource);
  marks: SnapshotStore['marks'] = async () => {
    if (this.failing) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    return this.inner.marks();
  };
  commit: SnapshotStore['commit'] = (request) => this.inner.commit(request);
  restore: SnapshotStore['restore'] = (snapshots) => this.inner.restore(snapshots);
}

describe('ChangeDetector', () => {
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-12-01T08:00:00.000Z') });
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('records a baseline first, then one event per record created, updated or deleted', async () => {
    const vendor = new FakeVendor();
    vendor.set('staff', 'b01', { code: 'b01', name: '张三' });
    vendor.set('staff', 'b02', { code: 'b02', name: '李四' });
    const ports = memoryChangePorts(100, Date.now);
    const { detector, metrics } = detectorOf(vendor, ports);

    await detector.poll();
    expect((await ports.feed.read(undefined, 100)).events).toEqual([]);
    expect(log).toHaveBeenCalledWith('staff: baseline of 2 records');

    vendor.set('staff', 'b01', { code: 'b01', name: '张伟' });
    vendor.records.get('staff')?.delete('b02');
    vendor.set('labels', '9001', { id: '9001', name: 'VIP' });
    await detector.poll();

    const { events } = await ports.feed.read(undefined, 100);
    expect(events.map((event) => `${event.type} ${event.key}`)).toEqual([
      'staff.updated b01',
      'staff.deleted b02',
      'labels.created 9001',
    ]);
    expect(events[0]).toMatchObject({
      occurredAt: '2026-12-01T08:00:00.000Z',
      changes: [{ field: 'name', before: '张三', after: '张伟' }],
      data: { code: 'b01', name: '张伟' },
    });
    expect(events[1].data).toBeNull();
    expect(metrics.event.mock.calls.map(([type]) => type)).toEqual([
      'staff.updated',
      'staff.deleted',
      'labels.created',
    ]);
    expect(metrics.poll.mock.calls).toEqual([['ok'], ['ok']]);
    expect(metrics.leading).toHaveBeenLastCalledWith(true);
  });

  it('commits nothing for a resource the vendor answers as before', async () => {
    const vendor = new FakeVendor();
    vendor.set('staff', 'b01', { code: 'b01', name: '张三' });
    const ports = memoryChangePorts(100, Date.now);
    const commit = jest.spyOn(ports.snapshots, 'commit');
    const { detector } = detectorOf(vendor, ports);

    await detector.poll();
    const baselines = commit.mock.calls.length;
    await detector.poll();
    expect(commit).toHaveBeenCalledTimes(baselines);
    expect(baselines).toBe(CHANGE_RESOURCES.length);
  });

  it('while another instance leads, it reads nothing from the vendor and keeps up with the stored snapshots', async () => {
    const vendor = new FakeVendor();
    vendor.set('staff', 'b01', { code: 'b01', name: '张三' });
    const ports = memoryChangePorts(100, Date.now);
    // Another detector committed this snapshot.
    await ports.snapshots.commit({
      resource: 'staff',
      basedOn: undefined,
      events: [],
      upserts: [['b01', JSON.stringify({ code: 'b01', name: '张三' })]],
      deletes: [],
    });
    const follower: DetectionLease = {
      leading: false,
      lead: jest.fn(async () => false),
      lost: jest.fn(),
      release: jest.fn(async () => undefined),
      start: () => undefined,
      close: async () => undefined,
    };
    const { detector, detection, metrics } = detectorOf(vendor, { ...ports, lease: follower });
    const snapshot = jest.spyOn(ports.snapshots, 'snapshot');

    await detector.poll();
    expect(detection.poll).not.toHaveBeenCalled();
    expect(detection.forget).toHaveBeenCalled();
    expect(snapshot).toHaveBeenCalledWith('staff');
    expect(metrics.leading).toHaveBeenLastCalledWith(false);
    await detector.poll();
    // The snapshot held is the stored one: it is not read again.
    expect(snapshot).toHaveBeenCalledTimes(1);
    // Holding snapshots, it asks for a vacant lease sooner.
    expect(follower.lead).toHaveBeenLastCalledWith(true);
  });

  it('writes its snapshots back into a store that lost them, and the next change is an event, not a new baseline', async () => {
    const vendor = new FakeVendor();
    vendor.set('staff', 'b01', { code: 'b01', name: '张三' });
    const ports = memoryChangePorts(100, Date.now);
    const snapshots = new ForgetfulSnapshots(ports.feed as MemoryEventFeedStore);
    const { detector } = detectorOf(vendor, { ...ports, snapshots });
    await detector.poll();

    snapshots.forgetAll();
    await detector.poll();
    expect(warn).toHaveBeenCalledWith(
      'the change store lost its state (Redis restarted empty?): writing back the recent events and snapshots',
    );
    expect((await snapshots.snapshot('staff'))?.records).toEqual(
      new Map([['b01', JSON.stringify({ code: 'b01', name: '张三' })]]),
    );

    vendor.set('staff', 'b01', { code: 'b01', name: '张伟' });
    await detector.poll();
    const { events } = await ports.feed.read(undefined, 100);
    expect(events.map((event) => `${event.type} ${event.key}`)).toEqual(['staff.updated b01']);
  });

  it('says once that the store does not answer, records nothing meanwhile, and says when it answers again', async () => {
    const vendor = new FakeVendor();
    vendor.set('staff', 'b01', { code: 'b01', name: '张三' });
    const ports = memoryChangePorts(100, Date.now);
    const snapshots = new ForgetfulSnapshots(ports.feed as MemoryEventFeedStore);
    const { detector, detection, metrics } = detectorOf(vendor, { ...ports, snapshots });
    await detector.poll();

    snapshots.failing = true;
    await detector.poll();
    await detector.poll();
    expect(metrics.poll.mock.calls).toEqual([['ok'], ['store-failed'], ['store-failed']]);
    expect(detection.poll).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls.filter(([message]) => /cannot be read/.test(message))).toEqual([
      ['the change store cannot be read, no changes recorded meanwhile: connect ECONNREFUSED 127.0.0.1:6379'],
    ]);

    snapshots.failing = false;
    await detector.poll();
    expect(log).toHaveBeenCalledWith('the change store answers again');
    expect(metrics.poll).toHaveBeenLastCalledWith('ok');
  });

  it('a commit that finds the lease taken ends detection until the lease is checked again', async () => {
    const vendor = new FakeVendor();
    const ports = memoryChangePorts(100, Date.now);
    jest.spyOn(ports.snapshots, 'commit').mockResolvedValue({ status: 'not-leading' });
    const lost = jest.spyOn(ports.lease, 'lost');
    const { detector, detection } = detectorOf(vendor, ports);

    await detector.poll();
    expect(lost).toHaveBeenCalled();
    expect(ports.lease.leading).toBe(false);
    expect(detection.forget).toHaveBeenCalled();
  });

  it('counts a failed detection and says why', async () => {
    const vendor = new FakeVendor();
    const ports = memoryChangePorts(100, Date.now);
    const { detector, metrics } = detectorOf(vendor, ports);
    vendor.failing = new Error('socket hang up');

    await detector.poll();
    expect(metrics.poll).toHaveBeenLastCalledWith('vendor-failed');
    expect(warn).toHaveBeenCalledWith('change detection failed: socket hang up');
  });

  it('polls at once and then every interval, and gives the lease up when stopped', async () => {
    const vendor = new FakeVendor();
    const ports = memoryChangePorts(100, Date.now);
    const { detector, detection } = detectorOf(vendor, ports);

    detector.start();
    await jest.advanceTimersByTimeAsync(0);
    // A poll lets waiting requests go first (real immediates, which fake timers leave alone) before
    // each resource's commit; the next poll is scheduled once this one is done.
    for (let i = 0; i < 10; i += 1) await realImmediate();
    expect(detection.poll).toHaveBeenCalledTimes(1);
    expect(ports.lease.leading).toBe(true);
    await jest.advanceTimersByTimeAsync(59_999);
    expect(detection.poll).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(detection.poll).toHaveBeenCalledTimes(2);

    await detector.stop();
    expect(ports.lease.leading).toBe(false);
    await jest.advanceTimersByTimeAsync(120_000);
    expect(detection.poll).toHaveBeenCalledTimes(2);
  });
});
