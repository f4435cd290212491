/** What the client noticed about the vendor's clock; holds no secret. */
export type VendorClockEvent =
  /** The offset passed the warning threshold (or changed sign while past it). */
  | { kind: 'skew'; offsetMs: number }
  /** The offset is back within the threshold. */
  | { kind: 'skew-resolved'; offsetMs: number }
  /** The vendor refused our Timestamp on `endpoint`; the call is repeated signed with the vendor's time. */
  | { kind: 'corrected'; offsetMs: number; endpoint: string; code: number };

export type VendorClockListener = (event: VendorClockEvent) => void;

export interface VendorClockSnapshot {
  /** Our clock minus the vendor's, from the latest answer's `msgTime`; null before the first answer. */
  offsetMs: number | null;
  /** Whether calls are signed with the vendor's time (after it refused one of our timestamps). */
  correcting: boolean;
}

// `2018-01-18T21:17:35.6138490+08:00`: the vendor's local time with its offset and 0-7 fractional digits.
// Stryker disable next-line Regex: Without the $ anchor only strings that start with a full vendor timestamp
// and carry more characters are let through, and V8’s Date.parse answers NaN for every such string, so
// parseVendorTime still answers undefined.
const VENDOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export function parseVendorTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !VENDOR_TIME.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * The offset between our clock and the vendor's, learnt from the `msgTime` of every answer (the
 * midpoint of the exchange against the vendor's stamp). Calls are signed with our own time until the
 * vendor refuses a Timestamp; from then on with the vendor's, so a host clock that is minutes off
 * costs one refused call, not every call.
 */
export class VendorClock {
  private offset: number | null = null;
  private correcting = false;
  private skewed = false;

  constructor(
    private readonly now: () => number,
    private readonly warnAfterMs: number,
    private readonly emit: (event: VendorClockEvent) => void,
  ) {}

  /** One answer's `msgTime`, with our clock when the request left and when the answer arrived. */
  observe(msgTime: unknown, sentAt: number, receivedAt: number): void {
    const vendorMs = parseVendorTime(msgTime);
    if (vendorMs === undefined) return;
    const offset = Math.round((sentAt + receivedAt) / 2 - vendorMs);
    const wasSkewed = this.skewed;
    const previous = this.offset;
    this.offset = offset;
    this.skewed = Math.abs(offset) > this.warnAfterMs;
    if (this.skewed && (!wasSkewed || Math.sign(previous ?? 0) !== Math.sign(offset)))
      this.emit({ kind: 'skew', offsetMs: offset });
    if (!this.skewed && wasSkewed) this.emit({ kind: 'skew-resolved', offsetMs: offset });
  }

  /** The time to put in a Timestamp, in milliseconds. */
  signingTime(): number {
    return this.correcting && this.offset !== null ? this.now() - this.offset : this.now();
  }

  /**
   * After a timestamp refusal: signs with the vendor's time from now on and answers true, when its
   * offset is known (the refusal itself carries `msgTime`); false when there is nothing to correct by.
   */
  correct(endpoint: string, code: number): boolean {
    if (this.offset === null) return false;
    this.correcting = true;
    this.emit({ kind: 'corrected', offsetMs: this.offset, endpoint, code });
    return true;
  }

  snapshot(): VendorClockSnapshot {
    return { offsetMs: this.offset, correcting: this.correcting };
  }
}

/** `our clock is 11 min 4 s ahead of the vendor's`, for logs and problem details. */
export function describeClockOffset(offsetMs: number | null): string {
  if (offsetMs === null) return "the vendor's clock is not known yet (no answer carried its time)";
  const seconds = Math.round(Math.abs(offsetMs) / 1000);
  if (seconds === 0) return "our clock agrees with the vendor's (within a second)";
  const parts: string[] = [];
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours > 0) parts.push(`${hours} h`);
  if (minutes > 0) parts.push(`${minutes} min`);
  // Stryker disable next-line ConditionalExpression: parts.length === 0 matters only when seconds % 60 is 0,
  // and then seconds (at least 1 here) is a whole number of minutes, so the hours or minutes part is already
  // there.
  if (seconds % 60 > 0 || parts.length === 0) parts.push(`${seconds % 60} s`);
  // Stryker disable next-line EqualityOperator: An offset of 0 rounds to 0 seconds and returns the agreeing
  // sentence earlier, so offsetMs is never 0 on this line.
  return `our clock is ${parts.join(' ')} ${offsetMs > 0 ? 'ahead of' : 'behind'} the vendor's`;
}
