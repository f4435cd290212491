import type { DetectionLease } from './change-ports';

/** A single instance always detects: the lease is its own for the asking. */
export class MemoryDetectionLease implements DetectionLease {
  leading = false;

  start(): void {
    // Nothing to start: the lease lives in this object.
  }

  async lead(): Promise<boolean> {
    this.leading = true;
    return true;
  }

  lost(): void {
    this.leading = false;
  }

  async release(): Promise<void> {
    this.leading = false;
  }

  async close(): Promise<void> {
    this.leading = false;
  }
}
