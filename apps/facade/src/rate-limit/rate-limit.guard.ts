import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { presentedApiKey } from '../auth/api-key.guard';
import { FACADE_CONFIG } from '../config/facade-config.module';
import type { FacadeConfig } from '../config/facade-config';
import { ProblemException, problemType } from '../problem/problem';
import { RATE_LIMITER } from './rate-limit.tokens';
import type { RateLimiter } from './rate-limiter';

/**
 * RATE_LIMIT_PER_MINUTE per API key (per client address when access is open). Runs after the API-key
 * guard, so only valid keys are counted and a wrong key cannot spend someone else's limit.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly open: boolean;

  constructor(
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
    @Inject(FACADE_CONFIG) config: FacadeConfig,
  ) {
    this.open = config.apiKeys.length === 0;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (!request.url.startsWith('/v1/')) return true;
    const key = this.open ? undefined : presentedApiKey(request);
    const identity = key === undefined ? `ip:${request.ip}` : `key:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
    const decision = await this.limiter.consume(identity);
    const reset = String(Math.ceil(decision.resetMs / 1000));
    http
      .getResponse<FastifyReply>()
      .header('ratelimit-limit', String(decision.limit))
      .header('ratelimit-remaining', String(decision.remaining))
      .header('ratelimit-reset', reset);
    if (decision.allowed) return true;
    throw new ProblemException(
      {
        type: problemType('rate-limited'),
        title: 'Too Many Requests',
        status: 429,
        detail: `The limit of ${decision.limit} requests a minute is reached; try again in ${reset} s.`,
      },
      { 'retry-after': reset },
    );
  }
}
