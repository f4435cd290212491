import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ProblemException, problemType } from '../problem/problem';
import { ApiKeys } from './api-keys';

/** Guards `/v1`: a configured API key is needed unless access is open. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly keys: ApiKeys) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.url.startsWith('/v1/')) return true;
    const check = this.keys.check(request);
    if (check === 'open' || check === 'valid') return true;
    throw new ProblemException(
      {
        type: problemType('unauthorized'),
        title: 'Unauthorized',
        status: 401,
        detail: check === 'missing' ? 'An API key is required: Authorization: Bearer KEY or X-API-Key: KEY.' : 'The API key is not valid.',
      },
      { 'www-authenticate': 'Bearer realm="youmi-facade"' },
    );
  }
}
