import { inspect } from 'node:util';
import { vendorCode, type VendorCodeInfo } from '../wire/codes';
import { describeClockOffset } from './vendor-clock';

/**
 * What the vendor said when it refused a call: its `errmsg` code, its `errdesc` as sent, the code's
 * documented meaning, wording and class (from the vendor's table), and its `requestId`.
 */
export interface UpstreamStatus {
  code: number;
  description: string;
  meaning: string;
  wording: string | null;
  class: VendorCodeInfo['class'];
  requestId: string | null;
}

export interface VendorErrorDetails {
  endpoint: string;
  attempts: number;
  upstream?: UpstreamStatus;
  httpStatus?: number;
  cause?: unknown;
}

/**
 * Base of every failure the client reports. Messages and serialised forms carry the endpoint, the
 * attempts and the vendor's status, never the appkey, a token, a signature or a raw vendor body.
 */
export abstract class VendorError extends Error {
  abstract readonly kind: string;
  readonly endpoint: string;
  readonly attempts: number;
  readonly upstream?: UpstreamStatus;
  readonly httpStatus?: number;

  protected constructor(message: string, details: VendorErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: sanitiseCause(details.cause) });
    this.name = new.target.name;
    this.endpoint = details.endpoint;
    this.attempts = details.attempts;
    this.upstream = details.upstream;
    this.httpStatus = details.httpStatus;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      endpoint: this.endpoint,
      attempts: this.attempts,
      ...(this.upstream ? { upstream: this.upstream } : {}),
      ...(this.httpStatus !== undefined ? { httpStatus: this.httpStatus } : {}),
    };
  }

  [inspect.custom](): string {
    return `${this.name}: ${this.message} ${inspect(this.toJSON(), { breakLength: Infinity })}`;
  }
}

/**
 * The vendor refused the credentials, the signature or its timestamp (token acquisition, or a call even
 * after a renewal or a clock correction). A timestamp refusal carries the measured clock offset.
 */
export class VendorAuthError extends VendorError {
  readonly kind = 'auth';
  /** Our clock minus the vendor's when the vendor refused a timestamp; undefined otherwise. */
  readonly clockOffsetMs?: number | null;
  constructor(details: VendorErrorDetails & { clockOffsetMs?: number | null }) {
    const clock =
      details.upstream?.class === 'clock' ? `; ${describeClockOffset(details.clockOffsetMs ?? null)}` : '';
    super(
      `vendor refused authentication on ${details.endpoint}${codeSuffix(details.upstream)}${clock}`,
      details,
    );
    if (details.upstream?.class === 'clock') this.clockOffsetMs = details.clockOffsetMs ?? null;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      ...(this.clockOffsetMs !== undefined ? { clockOffsetMs: this.clockOffsetMs } : {}),
    };
  }
}

/** The vendor answered its envelope with `succeed` false or an `errmsg` that is not a success code. */
export class VendorEnvelopeError extends VendorError {
  readonly kind = 'envelope';
  constructor(details: VendorErrorDetails & { upstream: UpstreamStatus }) {
    super(
      `vendor answered a failure envelope on ${details.endpoint}${codeSuffix(details.upstream)}`,
      details,
    );
  }
}

/** The vendor did not answer within the per-call timeout or the overall deadline. */
export class VendorTimeoutError extends VendorError {
  readonly kind = 'timeout';
  readonly timeoutMs: number;
  constructor(details: VendorErrorDetails & { timeoutMs: number }) {
    super(`vendor did not answer ${details.endpoint} within ${details.timeoutMs} ms`, details);
    this.timeoutMs = details.timeoutMs;
  }
}

/** The connection failed: refused, reset, dropped, DNS. */
export class VendorNetworkError extends VendorError {
  readonly kind = 'network';
  constructor(details: VendorErrorDetails) {
    super(`network failure calling vendor ${details.endpoint}`, details);
  }
}

/** The body is not the documented envelope: HTML, truncated JSON, an HTTP error page. */
export class VendorMalformedResponseError extends VendorError {
  readonly kind = 'malformed-response';
  constructor(details: VendorErrorDetails & { reason: string }) {
    super(
      `vendor answered ${details.endpoint} with a body that is not its envelope (${details.reason})`,
      details,
    );
  }
}

/** The endpoint's circuit is open after repeated failures; the call was not sent. */
export class VendorCircuitOpenError extends VendorError {
  readonly kind = 'circuit-open';
  constructor(details: VendorErrorDetails) {
    super(`circuit for vendor ${details.endpoint} is open; call not sent`, details);
  }
}

export function upstreamStatus(code: number, errdesc: unknown, requestId: unknown): UpstreamStatus {
  const documented = vendorCode(code);
  return {
    code,
    description: typeof errdesc === 'string' ? errdesc.slice(0, 200) : '',
    meaning: documented.meaning,
    wording: documented.wording,
    class: documented.class,
    requestId: typeof requestId === 'string' ? requestId : null,
  };
}

function codeSuffix(upstream: UpstreamStatus | undefined): string {
  return upstream ? `: errmsg ${upstream.code} (${upstream.meaning})` : '';
}

// Low-level errors (undici's) can carry request options; keep only their name, code and message.
function sanitiseCause(cause: unknown): unknown {
  if (cause instanceof VendorError) return cause;
  if (cause instanceof Error) {
    const safe = new Error(cause.message);
    safe.name = cause.name;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') (safe as Error & { code: string }).code = code;
    const inner = (cause as { cause?: unknown }).cause;
    if (inner instanceof Error) return Object.assign(safe, { cause: sanitiseCause(inner) });
    return safe;
  }
  return undefined;
}

/** What a person should look at when a call failed. */
export type VendorFailureCheck = 'credentials' | 'clock' | 'network' | 'vendor';

/**
 * A failure in one sentence for people, in the vendor table's words (and, for a refused timestamp, how far
 * apart the clocks are), with what to check: the AppId/appkey, the host's clock, the URL and network, or
 * the vendor itself. Holds no secret.
 */
export function explainVendorFailure(error: unknown): { text: string; check: VendorFailureCheck } {
  if (error instanceof VendorAuthError && error.upstream) {
    const { code, meaning, wording } = error.upstream;
    const said = `errmsg ${code}, ${meaning}${wording ? ` (${wording})` : ''}`;
    if (error.upstream.class === 'clock') {
      return {
        text: `the vendor refused our timestamp: ${said}; ${describeClockOffset(error.clockOffsetMs ?? null)}`,
        check: 'clock',
      };
    }
    return { text: `the vendor refused our credentials: ${said}`, check: 'credentials' };
  }
  if (error instanceof VendorError) {
    if (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'circuit-open')
      return { text: error.message, check: 'network' };
    return { text: error.message, check: 'vendor' };
  }
  return { text: error instanceof Error ? error.message : String(error), check: 'vendor' };
}
