import { DEFAULT_RETRY } from './vendor-client.options';
import { backoffDelayMs, isBreakerFailure, isRetryable } from './retry-policy';
import {
  upstreamStatus,
  VendorEnvelopeError,
  VendorMalformedResponseError,
  VendorNetworkError,
  VendorTimeoutError,
} from './vendor-errors';

const envelope = (code: number) =>
  new VendorEnvelopeError({ endpoint: 'WeCaht', attempts: 1, upstream: upstreamStatus(code, '', null) });

describe('retry policy', () => {
  it.each([
    ['a network error', new VendorNetworkError({ endpoint: 'WeCaht', attempts: 1 }), true],
    [
      'an HTTP 503 page',
      new VendorMalformedResponseError({ endpoint: 'WeCaht', attempts: 1, reason: 'x', httpStatus: 503 }),
      true,
    ],
    ['10011', envelope(10011), true],
    ['200011', envelope(200011), true],
    ['200010', envelope(200010), false],
    ['200012', envelope(200012), false],
    ['a timeout', new VendorTimeoutError({ endpoint: 'WeCaht', attempts: 1, timeoutMs: 5 }), false],
    [
      'truncated JSON with HTTP 200',
      new VendorMalformedResponseError({ endpoint: 'WeCaht', attempts: 1, reason: 'x', httpStatus: 200 }),
      false,
    ],
    ['a non-vendor error', new Error('bug'), false],
  ])('%s → retryable %s', (_, error, expected) => expect(isRetryable(error)).toBe(expected));

  it('backs off exponentially with jitter, capped', () => {
    const retry = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelayMs(retry, 1, () => 0)).toBe(50);
    expect(backoffDelayMs(retry, 1, () => 1)).toBe(100);
    expect(backoffDelayMs(retry, 3, () => 1)).toBe(400);
    expect(backoffDelayMs(retry, 10, () => 1)).toBe(1000);
    expect(backoffDelayMs(retry, 10, () => 0)).toBe(500);
  });

  it.each([
    ['a timeout', new VendorTimeoutError({ endpoint: 'x', attempts: 1, timeoutMs: 1 }), true],
    ['a network error', new VendorNetworkError({ endpoint: 'x', attempts: 1 }), true],
    [
      'truncated JSON with HTTP 200',
      new VendorMalformedResponseError({ endpoint: 'x', attempts: 1, reason: 'x', httpStatus: 200 }),
      true,
    ],
    ['a non-vendor error', new Error('socket'), true],
    ['200011', envelope(200011), true],
    ['200010', envelope(200010), false],
    ['10011', envelope(10011), false],
  ])('counts outages, not business answers, against the circuit: %s → %s', (_, error, expected) =>
    expect(isBreakerFailure(error)).toBe(expected),
  );
});
