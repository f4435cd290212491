import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { rateLimitHeaders } from '../rate-limit/rate-limits';
import { AccessPolicy } from './access-policy';
import { accessRuleOf } from './access-rule';

/** Applies each route's access rule (API key, rate limit) through the one access policy. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly policy: AccessPolicy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const outcome = await this.policy.check(http.getRequest<FastifyRequest>().raw, accessRuleOf(this.reflector, context));
    if (outcome.rate) http.getResponse<FastifyReply>().headers(rateLimitHeaders(outcome.rate));
    if (!outcome.allowed) throw outcome.refusal;
    return true;
  }
}
