import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeys, presentedApiKey } from '../auth/api-keys';
import { RATE_LIMITER } from './rate-limit.tokens';
import type { RateDecision, RateLimiter } from './rate-limiter';

const DECISION = Symbol('rate-decision');
type Decided = FastifyRequest & { [DECISION]?: RateDecision };

/**
 * One decision per request, per API key (per client address when access is open): taken once, where
 * the request is first answered from (the cached-answer hook or the guard), and reused after.
 */
@Injectable()
export class RateLimits {
  constructor(
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
    private readonly keys: ApiKeys,
  ) {}

  async decide(request: FastifyRequest, reply: FastifyReply): Promise<RateDecision> {
    const decided = request as Decided;
    if (decided[DECISION]) return decided[DECISION];
    const key = this.keys.open ? undefined : presentedApiKey(request);
    const identity = key === undefined ? `ip:${request.ip}` : `key:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
    const decision = await this.limiter.consume(identity);
    decided[DECISION] = decision;
    reply.headers({
      'ratelimit-limit': String(decision.limit),
      'ratelimit-remaining': String(decision.remaining),
      'ratelimit-reset': String(Math.ceil(decision.resetMs / 1000)),
    });
    return decision;
  }
}
