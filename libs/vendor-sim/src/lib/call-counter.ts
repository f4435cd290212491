/** Requests received per vendor path, refused and faulted ones included: tests assert cache hits with it. */
export class CallCounter {
  private counts = new Map<string, number>();

  count(path: string): void {
    this.counts.set(path, (this.counts.get(path) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  reset(): void {
    this.counts = new Map();
  }
}
