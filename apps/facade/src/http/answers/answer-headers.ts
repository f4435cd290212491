import type { RateDecision } from '../../rate-limit/rate-limiter';
import { rateLimitHeaders } from '../../rate-limit/rate-limits';
import type { CacheStatus } from '../../upstream/cache-status';
import type { RenderedAnswer } from './rendered-answers';
import { securityHeaders } from './security-headers';

const SECURITY = securityHeaders();
const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/** What every answer carries, errors included: the request's id and the security headers. */
export function baseHeaders(requestId: string): Record<string, string> {
  return { 'x-request-id': requestId, ...SECURITY };
}

/** What a served answer adds: its representation's headers (type, ETag, caching, CSV's) and X-Cache. */
export function servedHeaders(answer: RenderedAnswer, cache: CacheStatus | undefined): Readonly<Record<string, string>> {
  return cache === undefined ? answer.headers : { ...answer.headers, 'x-cache': cache };
}

/**
 * Every header of an answer the server's handler repeats: the base headers, the rate limit's and the
 * served answer's (X-Cache HIT), from the same parts as the functions above. One object literal on
 * purpose: spreading objects that were themselves built by spreading cost 12 µs a request against 0.4 µs.
 */
export function repeatedAnswerHeaders(requestId: string, rate: RateDecision | undefined, answer: RenderedAnswer): Record<string, string> {
  return { 'x-request-id': requestId, ...SECURITY, ...(rate ? rateLimitHeaders(rate) : NO_HEADERS), ...answer.headers, 'x-cache': 'HIT' };
}
