import type { Logger } from '@nestjs/common';
import type { ChangeMetrics } from '../change-metrics';
import type { DetectionThread } from '../detection/detection-thread';
import type { DetectionLease } from '../store/change-ports';

/**
 * Checks the lease for the detector: says when it comes and goes, counts it, and ends detection without it.
 */
export class LeaseKeeper {
  constructor(
    private readonly lease: DetectionLease,
    private readonly detection: Pick<DetectionThread, 'forget'>,
    private readonly metrics: ChangeMetrics,
    private readonly logger: Logger,
  ) {}

  async check(holdsSnapshots: boolean): Promise<boolean> {
    const before = this.lease.leading;
    const leading = await this.lease.lead(holdsSnapshots);
    if (leading !== before) {
      this.logger.log(
        leading
          ? 'this instance now detects changes and delivers webhooks'
          : 'another instance detects changes now',
      );
    }
    // On every check, not only when the lease goes: a poll still reading then keeps what it reads.
    if (!leading) this.detection.forget();
    this.metrics.leading(leading);
    return leading;
  }

  /** A commit found the lease held by another instance. */
  lost(): void {
    this.lease.lost();
    this.detection.forget();
  }

  /** Gives the lease up, so that another instance takes over at once. */
  async release(): Promise<void> {
    this.detection.forget();
    await this.lease.release();
  }
}
