import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  describeClockOffset,
  explainVendorFailure,
  VendorClient,
  type VendorFailureCheck,
  type VendorClockEvent,
  type VendorConnectionChange,
  type VendorConnectionStatus,
} from '@youmi-facade/vendor-client';

/** While the vendor refuses us or cannot be reached, a token is asked for again after these pauses. */
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 30_000;
/** A readiness probe that finds the vendor refusing asks again at most this often. */
const PROBE_RETRY_AFTER_MS = 1_000;

/**
 * Whether the vendor accepts our credentials and clock. At start it obtains a token in the background
 * (never delaying the listen) and says in one log line what the vendor answered; while the vendor
 * refuses us or is out of reach it asks again with growing pauses, so readiness recovers by itself;
 * it logs clock skew and changes of state. Nothing it logs holds the appkey or a token.
 */
@Injectable()
export class VendorConnectionMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('VendorConnection');
  private timer: NodeJS.Timeout | undefined;
  private attempt: Promise<void> | undefined;
  private lastAttemptAt = 0;
  private pause = RETRY_FIRST_MS;
  private stopped = false;

  constructor(private readonly client: VendorClient) {}

  onApplicationBootstrap(): void {
    this.client.onClock((event) => this.logClock(event));
    this.client.onConnection((change) => this.logChange(change));
    void this.check(true);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  status(): VendorConnectionStatus {
    return this.client.connection();
  }

  /** For a readiness probe while the vendor is not known to accept us: ask again now, briefly. */
  async recheck(waitMs: number): Promise<void> {
    if (!this.attempt && Date.now() - this.lastAttemptAt >= PROBE_RETRY_AFTER_MS) void this.check(false);
    if (this.attempt)
      await Promise.race([this.attempt, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
  }

  /** Another vendor client of this process got through (the detection thread's): ask again now, briefly. */
  async recheckNow(waitMs: number): Promise<void> {
    const attempt = this.attempt ?? this.check(false);
    await Promise.race([attempt, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
  }

  private check(first: boolean): Promise<void> {
    clearTimeout(this.timer);
    this.lastAttemptAt = Date.now();
    this.attempt ??= this.client
      .connect()
      .then(
        ({ tokenExpiresAt }) => {
          this.pause = RETRY_FIRST_MS;
          if (first) {
            const until =
              tokenExpiresAt === null
                ? 'an expiry the vendor did not give'
                : new Date(tokenExpiresAt).toISOString();
            this.logger.log(
              `the vendor accepts our credentials: access token obtained, valid until ${until}; ${describeClockOffset(this.client.clock().offsetMs)}`,
            );
          }
        },
        (error: unknown) => {
          if (first) this.logger.error(refusalLine('at start', error));
          this.scheduleRetry();
        },
      )
      .finally(() => {
        this.attempt = undefined;
      });
    return this.attempt;
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.check(false), this.pause);
    this.timer.unref();
    this.pause = Math.min(this.pause * 2, RETRY_MAX_MS);
  }

  private logChange({ status, previous }: VendorConnectionChange): void {
    // The first answer is logged by the start-up check itself.
    if (previous.state === 'unknown') return;
    if (status.state === 'ok')
      this.logger.log(`the vendor accepts our requests again (it was ${previous.state})`);
    else if (status.state !== 'unknown') {
      this.logger.warn(
        `vendor connection: ${status.state}${status.refusal ? ` (errmsg ${status.refusal.code}: ${status.refusal.meaning})` : ''}`,
      );
      if (!this.timer && !this.attempt) this.scheduleRetry();
    }
  }

  private logClock(event: VendorClockEvent): void {
    const offset = describeClockOffset(event.offsetMs);
    if (event.kind === 'skew')
      this.logger.warn(
        { clockOffsetMs: event.offsetMs },
        `${offset}: the vendor refuses requests more than 10 minutes old; check the host's clock`,
      );
    else if (event.kind === 'skew-resolved')
      this.logger.log({ clockOffsetMs: event.offsetMs }, `${offset} again`);
    else
      this.logger.warn(
        { clockOffsetMs: event.offsetMs, endpoint: event.endpoint, code: event.code },
        `the vendor refused our timestamp on ${event.endpoint} (errmsg ${event.code}); ${offset}; the call is repeated, and calls from now on are signed with the vendor's time`,
      );
  }
}

const CHECK: Record<VendorFailureCheck, string> = {
  credentials: 'check UPSTREAM_APP_ID and UPSTREAM_APP_KEY',
  clock: "check the host's clock",
  network: 'check UPSTREAM_BASE_URL and the network',
  vendor: 'it is asked again',
};

/** One line that says what the vendor answered and which setting to check; never the key. */
export function refusalLine(when: string, error: unknown): string {
  const { text, check } = explainVendorFailure(error);
  return `${when}, ${text}; ${CHECK[check]}`;
}
