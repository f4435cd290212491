import type { LoggerService } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { AccessModule } from '../src/access/access.module';
import { AccessPolicy } from '../src/access/access-policy';
import { ApiKeys } from '../src/access/api-keys';
import { loadFacadeConfig } from '../src/config/facade-config';
import { FacadeConfigModule } from '../src/config/facade-config.module';
import { RATE_LIMITER } from '../src/rate-limit/rate-limit.tokens';
import type { RateLimiter } from '../src/rate-limit/rate-limiter';
import { RateLimits } from '../src/rate-limit/rate-limits';

export const quiet: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined };

/** A request with only the given headers, never sent anywhere. */
export function request(headers: Record<string, string> = {}): IncomingMessage {
  const raw = new IncomingMessage(new Socket());
  raw.headers = headers;
  return raw;
}

/** The access policy of a facade with these API keys, counting in `limiter`. */
export async function policyWith(
  apiKeys: string,
  limiter: RateLimiter,
): Promise<{ policy: AccessPolicy; module: TestingModule }> {
  const module = await Test.createTestingModule({
    imports: [FacadeConfigModule.forRoot(loadFacadeConfig({ FACADE_API_KEYS: apiKeys })), AccessModule],
  })
    .overrideProvider(RATE_LIMITER)
    .useValue(limiter)
    .setLogger(quiet)
    .compile();
  return { policy: module.get(AccessPolicy), module };
}

/** The rate limits of a facade configured by `env`, counting in `limiter`. */
export async function limitsWith(
  env: Record<string, string>,
  limiter: RateLimiter,
): Promise<{ limits: RateLimits; module: TestingModule }> {
  const module = await Test.createTestingModule({
    imports: [FacadeConfigModule.forRoot(loadFacadeConfig(env))],
    providers: [ApiKeys, RateLimits, { provide: RATE_LIMITER, useValue: limiter }],
  })
    .setLogger(quiet)
    .compile();
  return { limits: module.get(RateLimits), module };
}
