import type { RunningSimulator } from '@youmi-facade/testing';
import { VendorClient, type VendorClientOptions } from '../src';

/** A client of `sim` with short timeouts and retry pauses, so that failure tests stay quick. */
export function quickClient(
  sim: RunningSimulator,
  overrides: Partial<VendorClientOptions> = {},
): VendorClient {
  return new VendorClient({
    baseUrl: sim.baseUrl,
    appId: sim.appId,
    appKey: sim.appKey,
    timeoutMs: 1000,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...overrides,
  });
}

/** The error `promise` rejects with; fails the test when it resolves. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}
