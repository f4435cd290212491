import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiKeys, presentedApiKey } from '../access/api-keys';
import { FACADE_CONFIG } from '../config/facade-config.module';
import type { FacadeConfig } from '../config/facade-config';
import { clientAddress } from '../request/client-address';
import { RATE_LIMITER } from './rate-limit.tokens';
import type { RateDecision, RateLimiter } from './rate-limiter';

/** Counts each request against the limit of its API key (of its client address when access is open). */
@Injectable()
export class RateLimits {
  private readonly trustProxy: boolean;

  constructor(
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
    private readonly keys: ApiKeys,
    @Inject(FACADE_CONFIG) config: FacadeConfig,
  ) {
    this.trustProxy = config.trustProxy;
  }

  /** Synchronous while the limiter counts in memory, so a repeated answer needs no promise. */
  decide(raw: IncomingMessage): RateDecision | Promise<RateDecision> {
    return this.limiter.consume(this.identity(raw));
  }

  private identity(raw: IncomingMessage): string {
    const key = this.keys.open ? undefined : presentedApiKey(raw);
    if (key === undefined) return `ip:${clientAddress(raw, this.trustProxy)}`;
    return `key:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
  }
}

export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    'ratelimit-limit': String(decision.limit),
    'ratelimit-remaining': String(decision.remaining),
    'ratelimit-reset': String(Math.ceil(decision.resetMs / 1000)),
  };
}
