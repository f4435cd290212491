/** The most the simulator's clock may be shifted from the host's: ten years either way. */
export const MAX_CLOCK_OFFSET_SECONDS = 10 * 365 * 24 * 3600;

/** The vendor's clock: the host's, shifted by an offset that tests and the control API may change. */
export class SimClock {
  constructor(
    private readonly base: () => number,
    public offsetSeconds = 0,
  ) {}

  readonly now = (): number => this.base() + this.offsetSeconds * 1000;
}
