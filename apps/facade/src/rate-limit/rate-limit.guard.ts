import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException, problemType } from '../problem/problem';
import { RateLimits } from './rate-limits';

/**
 * RATE_LIMIT_PER_MINUTE on `/v1`. Runs after the API-key guard, so only valid keys are counted and a
 * wrong key cannot spend someone else's limit.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly limits: RateLimits) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (!request.url.startsWith('/v1/')) return true;
    const decision = await this.limits.decide(request, http.getResponse<FastifyReply>());
    if (decision.allowed) return true;
    const reset = String(Math.ceil(decision.resetMs / 1000));
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
