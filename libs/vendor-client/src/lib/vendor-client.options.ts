import type { VendorCodeInfo } from '../wire/codes';
import type { VendorClockListener } from './vendor-clock';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No attempt starts after this much time since the call began. */
  deadlineMs: number;
}

export interface CircuitBreakerOptions {
  /** Consecutive failed calls (after their retries) that open an endpoint's circuit. */
  consecutiveFailures: number;
  /** How long an open circuit waits before it lets one trial call through. */
  halfOpenAfterMs: number;
}

export type VendorCallOutcome =
  | 'success'
  | 'envelope-error'
  | 'auth-error'
  | 'timeout'
  | 'network-error'
  | 'malformed-response'
  | 'circuit-open';

/** Emitted once per call (retries and token renewal included) for metrics and logs. Holds no secret. */
export interface VendorCallEvent {
  endpoint: string;
  outcome: VendorCallOutcome;
  latencyMs: number;
  attempts: number;
  code?: number;
  /** The class of `code` in the vendor's table. */
  codeClass?: VendorCodeInfo['class'];
  tokenRenewed: boolean;
}

export type VendorCallListener = (event: VendorCallEvent) => void;

export interface VendorClientOptions {
  /** The vendor root, e.g. `http://HOST:5001/publicapi/v1/` (trailing slash optional). */
  baseUrl: string;
  /** AppId (监控ID). */
  appId: string;
  /** appkey: signs every call; never logged, never serialised. */
  appKey: string;
  /** Per attempt; default 5000. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  circuitBreaker?: Partial<CircuitBreakerOptions>;
  /** Renew the token this long before its absolute `expires_in`; default 300. */
  tokenRefreshMarginSeconds?: number;
  onCall?: VendorCallListener;
  /** Warn (an `onClock` `skew` event) when our clock and the vendor's are further apart; default 60 s. */
  clockSkewWarningMs?: number;
  onClock?: VendorClockListener;
  /** For tests: the clock, in milliseconds. */
  now?: () => number;
}

export interface ResolvedVendorClientOptions {
  baseUrl: string;
  appId: string;
  timeoutMs: number;
  retry: RetryOptions;
  circuitBreaker: CircuitBreakerOptions;
  tokenRefreshMarginSeconds: number;
  clockSkewWarningMs: number;
  now: () => number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 2000,
  deadlineMs: 15000,
};
export const DEFAULT_CIRCUIT_BREAKER: CircuitBreakerOptions = {
  consecutiveFailures: 5,
  halfOpenAfterMs: 10000,
};
