/** Pauses that end early when woken (an event arrived, or the deliverer stops). */
export class WakeSignal {
  private readonly wakers = new Set<() => void>();

  wake(): void {
    for (const waker of this.wakers) waker();
    this.wakers.clear();
  }

  /** Waits `ms`, or less when woken. */
  pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      const wakers = this.wakers;
      function done() {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      }
      this.wakers.add(done);
    });
  }
}
