import { VendorAuthError, VendorError } from './vendor-errors';

/**
 * Whether the vendor serves us: `unknown` before the first answer; `ok` once a token or a call
 * succeeded; `credentials-refused` / `clock-refused` while it refuses our AppId, appkey, token or
 * timestamps; `unreachable` while calls fail on the network or time out.
 */
export type VendorConnectionState =
  'unknown' | 'ok' | 'credentials-refused' | 'clock-refused' | 'unreachable';

export interface VendorConnectionStatus {
  state: VendorConnectionState;
  /** When this state began (ms since epoch, our clock). */
  since: number;
  /** What the vendor said, while it refuses us. */
  refusal?: { endpoint: string; code: number; meaning: string };
  /** The failure, while it is unreachable. */
  failure?: { endpoint: string; kind: string };
}

export interface VendorConnectionChange {
  status: VendorConnectionStatus;
  previous: VendorConnectionStatus;
}

export type VendorConnectionListener = (change: VendorConnectionChange) => void;

/** Follows the outcome of every token request and call; tells listeners when the state changes. */
export class VendorConnection {
  private status: VendorConnectionStatus;

  constructor(
    private readonly now: () => number,
    private readonly emit: VendorConnectionListener,
  ) {
    this.status = { state: 'unknown', since: now() };
  }

  snapshot(): VendorConnectionStatus {
    return { ...this.status };
  }

  succeeded(): void {
    this.move({ state: 'ok', since: this.now() });
  }

  /** A failed token request or call; failures that say nothing of the connection leave it as it was. */
  failed(error: unknown): void {
    if (error instanceof VendorAuthError && error.upstream) {
      const { code, meaning } = error.upstream;
      const state = error.upstream.class === 'clock' ? 'clock-refused' : 'credentials-refused';
      this.move({ state, since: this.now(), refusal: { endpoint: error.endpoint, code, meaning } });
    } else if (error instanceof VendorError && (error.kind === 'network' || error.kind === 'timeout')) {
      this.move({
        state: 'unreachable',
        since: this.now(),
        failure: { endpoint: error.endpoint, kind: error.kind },
      });
    }
  }

  private move(next: VendorConnectionStatus): void {
    const previous = this.status;
    const same = previous.state === next.state && previous.refusal?.code === next.refusal?.code;
    if (same) return;
    this.status = next;
    this.emit({ status: next, previous });
  }
}
