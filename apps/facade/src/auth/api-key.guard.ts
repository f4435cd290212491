import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext, type OnModuleInit } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { FACADE_CONFIG } from '../config/facade-config.module';
import type { FacadeConfig } from '../config/facade-config';
import { ProblemException, problemType } from '../problem/problem';

/** The API key a request presented, if any: `Authorization: Bearer KEY` or `X-API-Key: KEY`. */
export function presentedApiKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const authorization = request.headers.authorization;
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  return match?.[1];
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Guards `/v1`: the key is compared with every configured key in constant time (digests of equal
 * length, no early exit). With no keys configured access is open, which start-up warns about.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate, OnModuleInit {
  private readonly logger = new Logger('ApiKeyGuard');
  private readonly keys: Buffer[];

  constructor(@Inject(FACADE_CONFIG) config: FacadeConfig) {
    this.keys = config.apiKeys.map(digest);
  }

  onModuleInit(): void {
    if (this.keys.length === 0) {
      this.logger.warn('FACADE_API_KEYS is not set: /v1 is open to anyone who can reach this port');
    }
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.keys.length === 0) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.url.startsWith('/v1/')) return true;
    const presented = presentedApiKey(request);
    if (presented !== undefined) {
      const candidate = digest(presented);
      let ok = false;
      for (const key of this.keys) ok = timingSafeEqual(candidate, key) || ok;
      if (ok) return true;
    }
    throw new ProblemException(
      {
        type: problemType('unauthorized'),
        title: 'Unauthorized',
        status: 401,
        detail: presented === undefined ? 'An API key is required: Authorization: Bearer KEY or X-API-Key: KEY.' : 'The API key is not valid.',
      },
      { 'www-authenticate': 'Bearer realm="youmi-facade"' },
    );
  }
}
