import { Logger } from '@nestjs/common';
import { startSimulator, type RunningSimulator } from '@youmi-facade/testing';
import { randomBytes } from 'node:crypto';
import type { FacadeConfig } from '../config/facade-config';

/**
 * With no UPSTREAM_BASE_URL the facade starts the bundled vendor simulator and uses it, so that
 * `npm start` works on any machine. The credentials are the configured ones, or fresh random ones.
 */
export async function withBundledSimulator(config: FacadeConfig): Promise<{ config: FacadeConfig; simulator?: RunningSimulator }> {
  if (config.upstreamBaseUrl !== undefined) return { config };
  const appId = config.upstreamAppId ?? 'bundled-sim';
  const appKey = config.upstreamAppKey ?? randomBytes(24).toString('base64url');
  const simulator = await startSimulator({ env: { SIM_APP_ID: appId, SIM_APP_KEY: appKey } });
  new Logger('BundledSimulator').log(`UPSTREAM_BASE_URL is not set: using the bundled vendor simulator at ${simulator.baseUrl}`);
  return { config: { ...config, upstreamBaseUrl: simulator.baseUrl, upstreamAppId: appId, upstreamAppKey: appKey }, simulator };
}
