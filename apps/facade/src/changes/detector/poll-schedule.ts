/**
 * When the detector polls and checks its lease: a poll at once, then one an interval after each ends;
 * a lease check three times a term. Stopping waits for the poll under way.
 */
export class PollSchedule {
  private pollTimer: NodeJS.Timeout | undefined;
  private leaseTimer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private halted = false;

  constructor(
    private readonly intervalMs: number,
    private readonly leaseMs: number,
    private readonly poll: () => Promise<void>,
    private readonly checkLease: () => Promise<unknown>,
  ) {}

  get stopped(): boolean {
    return this.halted;
  }

  start(): void {
    this.leaseTimer = setInterval(() => void this.checkLease(), Math.round(this.leaseMs / 3));
    this.leaseTimer.unref();
    this.next(0);
  }

  async stop(): Promise<void> {
    this.halted = true;
    clearTimeout(this.pollTimer);
    clearInterval(this.leaseTimer);
    await this.polling;
  }

  private next(delayMs: number): void {
    if (this.halted) return;
    this.pollTimer = setTimeout(() => {
      this.polling = this.poll().finally(() => {
        this.polling = undefined;
        this.next(this.intervalMs);
      });
    }, delayMs);
    this.pollTimer.unref();
  }
}
