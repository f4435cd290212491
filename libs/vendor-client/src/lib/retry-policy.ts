import type { RetryOptions } from './vendor-client.options';
import { VendorError } from './vendor-errors';

/** Codes after which the same call may succeed: 10011 token check failed, 200011 server error. */
const RETRYABLE_CODES: readonly number[] = [10011, 200011];

/**
 * Only what cannot have been a deliberate answer is retried: network failures, HTTP 5xx and the two
 * transient codes. A timeout is not retried: the attempt already spent the caller's patience.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof VendorError)) return false;
  if (error.kind === 'network') return true;
  if (error.httpStatus !== undefined && error.httpStatus >= 500) return true;
  return error.upstream !== undefined && RETRYABLE_CODES.includes(error.upstream.code);
}

/** Exponential backoff with equal jitter: half the step is fixed, half random; capped. */
export function backoffDelayMs(
  retry: RetryOptions,
  failedAttempts: number,
  random: () => number = Math.random,
): number {
  const step = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (failedAttempts - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Failures that count against an endpoint's circuit: the vendor being down, not its business answers. */
export function isBreakerFailure(error: unknown): boolean {
  if (!(error instanceof VendorError)) return true;
  if (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'malformed-response')
    return true;
  return error.upstream?.code === 200011;
}
