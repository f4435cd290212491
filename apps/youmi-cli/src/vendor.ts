import { randomBytes } from 'node:crypto';
import { VendorClient } from '@youmi-facade/vendor-client';
import type { UpstreamSettings } from './settings';

/** The vendor a command talks to: the configured one, or the bundled simulator when none is. */
export interface Vendor {
  client: VendorClient;
  baseUrl: string;
  appId: string;
  /** True when this is the bundled simulator. */
  simulated: boolean;
  close(): Promise<void>;
}

/** Retries would hide what a check is asking: every call is tried once. */
const ONE_ATTEMPT = { maxAttempts: 1 };

export async function openVendor(settings: UpstreamSettings, note: (line: string) => void): Promise<Vendor> {
  const timeoutMs = settings.timeoutMs;
  if (settings.baseUrl !== undefined && settings.appId !== undefined && settings.appKey !== undefined) {
    const { baseUrl, appId, appKey } = settings;
    const client = new VendorClient({ baseUrl, appId, appKey, timeoutMs, retry: ONE_ATTEMPT });
    return { client, baseUrl, appId, simulated: false, close: async () => undefined };
  }
  const appId = settings.appId ?? 'bundled-sim';
  const appKey = settings.appKey ?? randomBytes(24).toString('base64url');
  const { createSimulator } = await import('@youmi-facade/vendor-sim');
  const simulator = createSimulator({ appId, appKey });
  const { baseUrl } = await simulator.listen(0, '127.0.0.1');
  note(`UPSTREAM_BASE_URL is not set: using the bundled vendor simulator at ${baseUrl}`);
  const client = new VendorClient({ baseUrl, appId, appKey, timeoutMs, retry: ONE_ATTEMPT });
  return { client, baseUrl, appId, simulated: true, close: () => simulator.close() };
}
