import type { CacheStatus } from '../upstream/cache-status';
import type { RenderedAnswer } from './rendered-answers';
import { securityHeaders } from './security-headers';

const SECURITY = securityHeaders();

/** What every answer carries, errors included: the request's id and the security headers. */
export function baseHeaders(requestId: string): Record<string, string> {
  return { 'x-request-id': requestId, ...SECURITY };
}

/** What a rendered answer adds: its representation's headers (type, ETag, caching, CSV's) and X-Cache. */
export function answerHeaders(
  answer: RenderedAnswer,
  cache: CacheStatus | undefined,
): Readonly<Record<string, string>> {
  return cache === undefined ? answer.headers : { ...answer.headers, 'x-cache': cache };
}
