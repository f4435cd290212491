import type { IncomingMessage } from 'node:http';

/**
 * The client's address, as Fastify's `request.ip` gives it: the first X-Forwarded-For hop when
 * proxies are trusted (TRUST_PROXY), else the socket's peer, read from the raw request the access
 * policy is given.
 */
export function clientAddress(raw: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = raw.headers['x-forwarded-for'];
    // Stryker disable next-line OptionalChaining: split(',') always answers at least one element ('' for an
    // empty string), so [0] is never undefined and ?.trim() acts exactly like .trim().
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return raw.socket.remoteAddress ?? 'unknown';
}
