import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { FacadeConfig } from '../config/facade-config';

export interface BundledSimulator {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * With no UPSTREAM_BASE_URL the facade runs the bundled vendor simulator in its own process (loaded only
 * then) and uses it, so that `npm start` works on any machine. The credentials are the configured
 * ones, or fresh random ones.
 */
export async function withBundledSimulator(
  config: FacadeConfig,
): Promise<{ config: FacadeConfig; simulator?: BundledSimulator }> {
  if (config.upstreamBaseUrl !== undefined) return { config };
  const appId = config.upstreamAppId ?? 'bundled-sim';
  const appKey = config.upstreamAppKey ?? randomBytes(24).toString('base64url');
  const { createSimulator } = await import('@youmi-facade/vendor-sim');
  const simulator = createSimulator({ appId, appKey });
  const { baseUrl } = await simulator.listen(0, '127.0.0.1');
  new Logger('BundledSimulator').log(
    `UPSTREAM_BASE_URL is not set: using the bundled vendor simulator at ${baseUrl}`,
  );
  return {
    config: { ...config, upstreamBaseUrl: baseUrl, upstreamAppId: appId, upstreamAppKey: appKey },
    simulator: { baseUrl, stop: () => simulator.close() },
  };
}
