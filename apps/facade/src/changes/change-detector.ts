import { Inject, Injectable, Logger } from '@nestjs/common';
import { explainVendorFailure } from '@youmi-facade/vendor-client';
import { setImmediate as requestsFirst } from 'node:timers/promises';
import { FACADE_CONFIG } from '../config/facade-config.module';
import type { FacadeConfig } from '../config/facade-config';
import { tracedPoll } from '../tracing/change-tracing';
import { VendorConnectionMonitor } from '../upstream/vendor-connection.monitor';
import { VendorMetrics } from '../upstream/vendor-metrics';
import { VendorResourcesService } from '../upstream/vendor-resources.service';
import { CHANGE_RESOURCES, type ChangeResource } from './change-event';
import { ChangeMetrics } from './change-metrics';
import { DetectionForgotten, DetectionThread, type DetectedResource } from './detection/detection-thread';
import { LeaseKeeper } from './detector/lease-keeper';
import { measurePollCpu } from './detector/poll-cpu';
import { PollSchedule } from './detector/poll-schedule';
import { SnapshotCommitter } from './detector/snapshot-committer';
import { leaseMsFor } from './lease';
import type { DetectionLease, EventFeedStore, SnapshotStore } from './store/change-ports';
import { DETECTION_LEASE, EVENT_FEED_STORE, SNAPSHOT_STORE } from './store/change-ports.provider';

/**
 * Staff assignments have no events of their own, but are read with the rest so that they, and each
 * staff member's accounts, change in the cache together with the lists.
 */
const READ_EACH_POLL = [...CHANGE_RESOURCES, 'staff-assignments'] as const;
/** How long a poll waits for this thread's client to reconnect once the detection thread's got through. */
const RECHECK_WAIT_MS = 2000;

/**
 * Notices what changed at the vendor: every CHANGES_POLL_SECONDS the instance holding the lease reads
 * each keyed resource fresh, compares its records by key with the last committed snapshot and commits
 * the events with the new snapshot in one step. The first snapshot is a baseline (no events); a
 * resource whose read fails records nothing and is compared again next time.
 */
@Injectable()
export class ChangeDetector {
  private readonly logger = new Logger('ChangeFeed');
  private readonly failing = new Set<ChangeResource>();
  /** The version of each resource as the latest poll read it. */
  private readonly detected = new Map<string, string>();
  private readonly lease: LeaseKeeper;
  private readonly committer: SnapshotCommitter;
  private readonly schedule: PollSchedule;

  constructor(
    @Inject(FACADE_CONFIG) private readonly config: FacadeConfig,
    @Inject(DETECTION_LEASE) lease: DetectionLease,
    @Inject(SNAPSHOT_STORE) snapshots: SnapshotStore,
    @Inject(EVENT_FEED_STORE) feed: EventFeedStore,
    private readonly upstream: VendorResourcesService,
    private readonly metrics: ChangeMetrics,
    private readonly detection: DetectionThread,
    private readonly vendorMetrics: VendorMetrics,
    private readonly connection: VendorConnectionMonitor,
  ) {
    this.lease = new LeaseKeeper(lease, detection, metrics, this.logger);
    this.committer = new SnapshotCommitter(snapshots, feed, this.lease, metrics, this.logger);
    this.schedule = new PollSchedule(
      config.changesPollSeconds * 1000,
      leaseMsFor(config.changesPollSeconds),
      () => tracedPoll(() => this.poll()),
      () => this.lease.check(this.committer.holdsSnapshots),
    );
  }

  start(): void {
    if (this.config.changesPollSeconds === 0) return;
    this.schedule.start();
    this.logger.log(
      this.detection.threaded
        ? 'changes are detected in a worker thread'
        : 'changes are detected on the main thread (no detection-worker.js beside the script)',
    );
  }

  /** Stops polling and gives the lease up, so that another instance takes over at once. */
  async stop(): Promise<void> {
    await this.schedule.stop();
    await this.lease.release();
  }

  /** One poll: every resource read, compared (in the detection thread) and committed. */
  async poll(): Promise<void> {
    if (!(await this.lease.check(this.committer.holdsSnapshots))) return this.committer.follow();
    const measured = measurePollCpu(this.metrics);
    if (!(await this.committer.storeAnswers())) return;
    let detected: Awaited<ReturnType<DetectionThread['poll']>>;
    try {
      detected = await this.detection.poll(READ_EACH_POLL);
    } catch (error) {
      if (error instanceof DetectionForgotten) return;
      this.metrics.poll('vendor-failed');
      this.logger.warn(`change detection failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    for (const call of detected.calls) this.vendorMetrics.observeCall(call);
    // The detection thread's client got through where this thread's was refused: this one asks again
    // before the cache fills with what was read, so that readiness and the connection state agree.
    if (this.connection.status().state !== 'ok' && detected.calls.some((call) => call.outcome === 'success'))
      await this.connection.recheckNow(RECHECK_WAIT_MS);
    const fresh = await this.upstream.adoptFresh(
      detected.reads,
      detected.resources,
      detected.staffCodesChanged,
    );
    const occurredAt = new Date().toISOString();
    // What the detection thread's changes are relative to: the previous poll's, whatever this one commits.
    const previousVersions = new Map(this.detected);
    for (const [resource, read] of fresh)
      if (!(read instanceof Error)) this.detected.set(resource, read.version);
    for (const resource of CHANGE_RESOURCES) {
      if (this.schedule.stopped) return;
      const read = fresh.get(resource);
      if (read instanceof Error || read === undefined) {
        this.readFailed(resource, read);
        continue;
      }
      if (this.failing.delete(resource))
        this.logger.log(`${resource} is read again; its changes are compared once more`);
      // The same vendor answers as at the last commit: nothing to compare (most polls, most resources).
      if (this.committer.unchanged(resource, read.version)) continue;
      // A baseline builds every record's snapshot: the requests waiting meanwhile go before each resource's.
      await requestsFirst();
      const { current, candidates } = this.committer.currentOf(
        resource,
        detected.resources.get(resource) as DetectedResource,
        previousVersions.get(resource),
      );
      try {
        await this.committer.commit(resource, current, occurredAt, read.version, candidates);
      } catch (error) {
        // The store is away (Redis down): nothing is recorded and the held snapshot stays, so the
        // next poll compares against it and loses nothing.
        this.metrics.poll('store-failed');
        this.logger.warn(
          `changes of ${resource} not recorded: the store failed (${error instanceof Error ? error.message : String(error)})`,
        );
        return;
      }
    }
    measured();
    this.metrics.poll('ok');
  }

  private readFailed(resource: ChangeResource, error: Error | undefined): void {
    this.metrics.poll('vendor-failed');
    if (this.failing.has(resource)) return;
    this.failing.add(resource);
    this.logger.warn(
      `${resource} could not be read from the vendor, no changes recorded for it: ${explainVendorFailure(error).text}`,
    );
  }
}
