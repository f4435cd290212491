import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { FACADE_CONFIG } from '../config/facade-config.module';
import type { FacadeConfig } from '../config/facade-config';

/** A Fastify request or the raw Node one: only the headers are read. */
export interface WithHeaders {
  headers: IncomingHttpHeaders;
}

/** The API key a request presented, if any: `Authorization: Bearer KEY` or `X-API-Key: KEY`. */
export function presentedApiKey(request: WithHeaders): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const authorization = request.headers.authorization;
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  return match?.[1];
}

const digest = (value: string) => createHash('sha256').update(value).digest();

export type KeyCheck = 'open' | 'valid' | 'missing' | 'invalid';

/**
 * The configured keys, compared in constant time (digests of equal length, every key compared, no
 * early exit). With no keys configured access is open, which start-up warns about.
 */
@Injectable()
export class ApiKeys implements OnModuleInit {
  private readonly logger = new Logger('ApiKeys');
  private readonly keys: Buffer[];

  constructor(@Inject(FACADE_CONFIG) config: FacadeConfig) {
    this.keys = config.apiKeys.map(digest);
  }

  get open(): boolean {
    return this.keys.length === 0;
  }

  onModuleInit(): void {
    if (this.open)
      this.logger.warn('FACADE_API_KEYS is not set: /v1 is open to anyone who can reach this port');
  }

  check(request: WithHeaders): KeyCheck {
    if (this.open) return 'open';
    const presented = presentedApiKey(request);
    if (presented === undefined) return 'missing';
    const candidate = digest(presented);
    let ok = false;
    for (const key of this.keys) ok = timingSafeEqual(candidate, key) || ok;
    return ok ? 'valid' : 'invalid';
  }
}
