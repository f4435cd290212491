import { Inject, Injectable, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { explainVendorFailure } from '@youmi-facade/vendor-client';
import { FACADE_CONFIG } from '../config/facade-config.module';
import type { FacadeConfig } from '../config/facade-config';
import { VendorConnectionMonitor } from '../upstream/vendor-connection.monitor';
import { VendorMetrics } from '../upstream/vendor-metrics';
import { VendorResourcesService } from '../upstream/vendor-resources.service';
import { CHANGE_RESOURCES, type ChangeResource, type NewChangeEvent } from './change-event';
import { CHANGE_STORE } from './change-store.provider';
import type { ChangeStore, CommitRequest } from './change-store';
import { ChangeMetrics } from './change-metrics';
import { DetectionForgotten, DetectionThread, type DetectedResource } from './detection/detection-thread';
import { leaseMsFor } from './lease';
import { diffSnapshots, type Candidates } from './record-diff';
import { noteCommittedEvents, tracedPoll } from '../tracing/change-tracing';

/**
 * Staff assignments have no events of their own, but are read with the rest so that they, and each
 * staff member's accounts, change in the cache together with the lists.
 */
const READ_EACH_POLL = [...CHANGE_RESOURCES, 'staff-assignments'] as const;
/** How long a poll waits for this thread's client to reconnect once the detection thread's got through. */
const RECHECK_WAIT_MS = 2000;

/**
 * What this instance last committed of a resource: the records, which commit wrote them, and from which
 * vendor answers.
 */
interface Held {
  records: Map<string, string>;
  commit: string;
  version?: string;
}

/**
 * Notices what changed at the vendor: every CHANGES_POLL_SECONDS the instance holding the lease reads
 * each keyed resource fresh, compares its records by key with the last committed snapshot and commits
 * the events with the new snapshot in one step. The first snapshot is a baseline (no events); a
 * resource whose read fails records nothing and is compared again next time.
 */
@Injectable()
export class ChangeDetector {
  private readonly logger = new Logger('ChangeFeed');
  private readonly held = new Map<ChangeResource, Held>();
  private readonly failing = new Set<ChangeResource>();
  /** The version of each resource as the latest poll read it. */
  private readonly detected = new Map<string, string>();
  private pollTimer: NodeJS.Timeout | undefined;
  private leaseTimer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private leading = false;
  private stopped = false;
  private storeFailing = false;

  constructor(
    @Inject(FACADE_CONFIG) private readonly config: FacadeConfig,
    @Inject(CHANGE_STORE) private readonly store: ChangeStore,
    private readonly upstream: VendorResourcesService,
    private readonly metrics: ChangeMetrics,
    private readonly detection: DetectionThread,
    private readonly vendorMetrics: VendorMetrics,
    private readonly connection: VendorConnectionMonitor,
  ) {}

  start(): void {
    if (this.config.changesPollSeconds === 0) return;
    const leaseMs = leaseMsFor(this.config.changesPollSeconds);
    this.leaseTimer = setInterval(() => void this.checkLease(), Math.round(leaseMs / 3));
    this.leaseTimer.unref();
    this.schedule(0);
    this.logger.log(
      this.detection.threaded
        ? 'changes are detected in a worker thread'
        : 'changes are detected on the main thread (no detection-worker.js beside the script)',
    );
  }

  /** Stops polling and gives the lease up, so that another instance takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.pollTimer);
    clearInterval(this.leaseTimer);
    await this.polling;
    this.detection.forget();
    this.leading = false;
    await this.store.release();
  }

  /** Whether this instance detects (and delivers) now. */
  get isLeading(): boolean {
    return this.leading;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.pollTimer = setTimeout(() => {
      this.polling = tracedPoll(() => this.poll()).finally(() => {
        this.polling = undefined;
        this.schedule(this.config.changesPollSeconds * 1000);
      });
    }, delayMs);
    this.pollTimer.unref();
  }

  private async checkLease(): Promise<boolean> {
    const leading = await this.store.lead(this.held.size > 0);
    if (leading !== this.leading) {
      this.logger.log(
        leading
          ? 'this instance now detects changes and delivers webhooks'
          : 'another instance detects changes now',
      );
    }
    // On every check, not only when the lease goes: a poll still reading then keeps what it reads.
    if (!leading) this.detection.forget();
    this.leading = leading;
    this.metrics.leading(leading);
    return leading;
  }

  /** One poll: every resource read, compared (in the detection thread) and committed. */
  async poll(): Promise<void> {
    if (!(await this.checkLease())) return this.follow();
    const cpu = process.cpuUsage();
    const mainThread = threadCpuNs();
    try {
      await this.checkStore();
      if (this.storeFailing) this.logger.log('the change store answers again');
      this.storeFailing = false;
    } catch (error) {
      this.metrics.poll('store-failed');
      // Once per outage: the poll every few seconds would repeat it.
      if (!this.storeFailing)
        this.logger.warn(
          `the change store cannot be read, no changes recorded meanwhile: ${error instanceof Error ? error.message : String(error)}`,
        );
      this.storeFailing = true;
      return;
    }
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
    // Which versions the detection thread's changes are relative to: the previous poll's, whatever this one commits.
    const previousVersions = new Map(this.detected);
    for (const [resource, read] of fresh)
      if (!(read instanceof Error)) this.detected.set(resource, read.version);
    for (const resource of CHANGE_RESOURCES) {
      if (this.stopped) return;
      const read = fresh.get(resource);
      if (read instanceof Error || read === undefined) {
        this.readFailed(resource, read);
        continue;
      }
      if (this.failing.delete(resource))
        this.logger.log(`${resource} is read again; its changes are compared once more`);
      // The same vendor answers as at the last commit: nothing to compare (most polls, most resources).
      if (this.held.get(resource)?.version === read.version) continue;
      const { current, candidates } = this.currentOf(
        resource,
        detected.resources.get(resource) as DetectedResource,
        previousVersions.get(resource),
      );
      try {
        await this.commit(resource, current, occurredAt, read.version, candidates);
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
    const used = process.cpuUsage(cpu);
    this.metrics.pollCpu((used.user + used.system) / 1e6);
    const mainThreadUsed = threadCpuNs() - mainThread;
    if (!Number.isNaN(mainThreadUsed)) this.metrics.pollMainThreadCpu(mainThreadUsed / 1e9);
    this.metrics.poll('ok');
  }

  /**
   * While another instance detects, keep up with the snapshots it commits (reading one only when its
   * commit moved). Should this instance take over after Redis restarted empty, it writes them back and
   * goes on comparing, instead of starting a new baseline that would lose what changed meanwhile.
   */
  private async follow(): Promise<void> {
    try {
      for (const [resource, commit] of await this.store.marks()) {
        if (this.held.get(resource)?.commit === commit) continue;
        const stored = await this.store.snapshot(resource);
        if (stored) this.held.set(resource, stored);
      }
    } catch {
      // Redis is away: what is held stays, and the next poll tries again.
    }
  }

  /**
   * Most polls commit nothing (the vendor answers as before), so a commit would notice a Redis that
   * restarted empty only at the next vendor change, the feed empty and every cursor refused until
   * then: the marks are compared on every poll instead. A mark moved by another detector (the lease
   * went and came back) makes that resource compared against the stored snapshot again.
   */
  private async checkStore(): Promise<void> {
    if (this.held.size === 0) return;
    const marks = await this.store.marks();
    let lost = false;
    for (const [resource, held] of this.held) {
      const mark = marks.get(resource);
      if (mark === undefined) lost = true;
      else if (mark !== held.commit) this.held.delete(resource);
    }
    if (lost) await this.writeBack();
  }

  private async writeBack(): Promise<void> {
    this.logger.warn(
      'the change store lost its state (Redis restarted empty?): writing back the recent events and snapshots',
    );
    const commits = await this.store.restore(
      new Map([...this.held].map(([name, held]) => [name, held.records])),
    );
    for (const [name, commit] of commits) {
      const held = this.held.get(name);
      if (held) held.commit = commit;
    }
  }

  private readFailed(resource: ChangeResource, error: Error | undefined): void {
    this.metrics.poll('vendor-failed');
    if (this.failing.has(resource)) return;
    this.failing.add(resource);
    this.logger.warn(
      `${resource} could not be read from the vendor, no changes recorded for it: ${explainVendorFailure(error).text}`,
    );
  }

  /**
   * The records read now, by key. When the snapshot held is the one the previous poll read, the records
   * the detection thread found changed are all that differ from it: the rest are not looked at.
   */
  private currentOf(
    resource: ChangeResource,
    built: DetectedResource,
    previous: string | undefined,
  ): { current: Map<string, string>; candidates?: Candidates } {
    const held = this.held.get(resource);
    if (held && built.changes && previous !== undefined && held.version === previous) {
      const current = new Map(held.records);
      for (const [key, text] of built.changes.upserts) current.set(key, text);
      for (const key of built.changes.removed) current.delete(key);
      const changed = built.changes.upserts.map(([key]) => key);
      return { current, candidates: { changed, removed: built.changes.removed } };
    }
    const { keys = [], texts = [] } = built;
    return { current: new Map(keys.map((key, i) => [key, texts[i]])) };
  }

  private async commit(
    resource: ChangeResource,
    current: Map<string, string>,
    occurredAt: string,
    version: string,
    candidates?: Candidates,
  ): Promise<void> {
    const held = this.held.get(resource);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      let base = this.held.get(resource);
      if (!base) {
        base = await this.store.snapshot(resource);
        if (base) this.held.set(resource, base);
      }
      const request = base
        ? changesOf(resource, base, current, occurredAt, base === held ? candidates : undefined)
        : baselineOf(resource, current);
      const outcome = await this.store.commit(request);
      switch (outcome.status) {
        case 'committed':
          this.held.set(resource, { records: current, commit: outcome.commit, version });
          for (const event of outcome.events) this.metrics.event(event.type);
          noteCommittedEvents(outcome.events);
          if (!base) this.logger.log(`${resource}: baseline of ${current.size} records`);
          return;
        case 'stale':
          this.held.delete(resource);
          break;
        case 'lost':
          await this.writeBack();
          break;
        case 'not-leading':
          this.leading = false;
          this.detection.forget();
          return;
      }
    }
  }
}

/** This thread's CPU time in nanoseconds where Linux tells it (the process's alone covers every thread); else NaN. */
function threadCpuNs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}

function baselineOf(resource: ChangeResource, current: Map<string, string>): CommitRequest {
  return { resource, basedOn: undefined, events: [], upserts: [...current], deletes: [] };
}

function changesOf(
  resource: ChangeResource,
  base: Held,
  current: Map<string, string>,
  occurredAt: string,
  candidates: Candidates | undefined,
): CommitRequest {
  const events: NewChangeEvent[] = [];
  const upserts: [string, string][] = [];
  const deletes: string[] = [];
  for (const change of diffSnapshots(base.records, current, candidates)) {
    events.push({
      type: `${resource}.${change.kind}`,
      resource,
      key: change.key,
      occurredAt,
      ...(change.changes ? { changes: change.changes } : {}),
      data: change.after === undefined ? null : JSON.parse(change.after),
    });
    if (change.after === undefined) deletes.push(change.key);
    else upserts.push([change.key, change.after]);
  }
  return { resource, basedOn: base.commit, events, upserts, deletes };
}
