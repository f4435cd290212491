import type { Logger } from '@nestjs/common';
import type { ChangeResource } from '../change-event';
import type { ChangeMetrics } from '../change-metrics';
import type { DetectedResource } from '../detection/detection-thread';
import type { Candidates } from '../record-diff';
import type { EventFeedStore, SnapshotStore } from '../store/change-ports';
import { noteCommittedEvents } from '../../tracing/change-tracing';
import { baselineOf, changesOf, currentOf, type Held } from './commit-request';
import type { LeaseKeeper } from './lease-keeper';

/**
 * The snapshots this instance holds and their commits: it compares them with the store's, commits each
 * resource's changes against them, and writes them back into a store that lost its state.
 */
export class SnapshotCommitter {
  private readonly held = new Map<ChangeResource, Held>();
  private storeFailing = false;

  constructor(
    private readonly snapshots: SnapshotStore,
    private readonly feed: Pick<EventFeedStore, 'restore'>,
    private readonly lease: Pick<LeaseKeeper, 'lost'>,
    private readonly metrics: ChangeMetrics,
    private readonly logger: Logger,
  ) {}

  get holdsSnapshots(): boolean {
    return this.held.size > 0;
  }

  /** Whether `resource` was last committed from the same vendor answers. */
  unchanged(resource: ChangeResource, version: string): boolean {
    return this.held.get(resource)?.version === version;
  }

  currentOf(resource: ChangeResource, built: DetectedResource, previous: string | undefined) {
    return currentOf(this.held.get(resource), built, previous);
  }

  /**
   * While another instance detects, keep up with the snapshots it commits (reading one only when its
   * commit moved). Should this instance take over after Redis restarted empty, it writes them back and
   * goes on comparing, instead of starting a new baseline that would lose what changed meanwhile.
   */
  async follow(): Promise<void> {
    try {
      for (const [resource, commit] of await this.snapshots.marks()) {
        if (this.held.get(resource)?.commit === commit) continue;
        const stored = await this.snapshots.snapshot(resource);
        if (stored) this.held.set(resource, stored);
      }
    } catch {
      // Redis is away: what is held stays, and the next poll tries again.
    }
  }

  /** Whether the store answers (said once per outage), having compared its marks with those held. */
  async storeAnswers(): Promise<boolean> {
    try {
      await this.checkStore();
      if (this.storeFailing) this.logger.log('the change store answers again');
      this.storeFailing = false;
      return true;
    } catch (error) {
      this.metrics.poll('store-failed');
      // Once per outage: the poll every few seconds would repeat it.
      if (!this.storeFailing)
        this.logger.warn(
          `the change store cannot be read, no changes recorded meanwhile: ${error instanceof Error ? error.message : String(error)}`,
        );
      this.storeFailing = true;
      return false;
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
    const marks = await this.snapshots.marks();
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
    await this.feed.restore();
    const commits = await this.snapshots.restore(
      new Map([...this.held].map(([name, held]) => [name, held.records])),
    );
    for (const [name, commit] of commits) {
      const held = this.held.get(name);
      if (held) held.commit = commit;
    }
  }

  /** Commits `current` as `resource`'s snapshot with the events since the one held (none for a baseline). */
  async commit(
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
        base = await this.snapshots.snapshot(resource);
        if (base) this.held.set(resource, base);
      }
      const request = base
        ? changesOf(resource, base, current, occurredAt, base === held ? candidates : undefined)
        : baselineOf(resource, current);
      const outcome = await this.snapshots.commit(request);
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
          this.lease.lost();
          return;
      }
    }
  }
}
