import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { etagMatches, etagOf } from './rendered-answers';

/**
 * The one place a conditional GET or HEAD is decided. Every 200 carries an ETag: a rendered answer brings
 * its own, any other (the operational routes, the OpenAPI document) gets one here from its bytes (streams
 * excepted); a matching If-None-Match turns the answer into a 304, which carries no Content-Length (it
 * would have to be the length of the 200 it stands for).
 */
export function registerEtagHook(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    // Whoever answered 304 (a route may), no body goes with it, so Fastify sends no Content-Length either.
    if (reply.statusCode === 304) return done(null, noBody(request));
    const read = request.method === 'GET' || request.method === 'HEAD';
    if (!read || reply.statusCode !== 200) return done(null, payload);
    let etag = reply.getHeader('etag');
    if (typeof etag !== 'string') {
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return done(null, payload);
      etag = etagOf(payload);
      reply.header('etag', etag);
    }
    if (!etagMatches(request.headers['if-none-match'], etag)) return done(null, payload);
    reply.code(304);
    return done(null, noBody(request));
  });
}

/**
 * Fastify's HEAD handler runs after this hook and sets Content-Length from the payload (and fails on null);
 * an empty stream is the one payload it drains without counting, so a 304 to HEAD claims no length either.
 */
function noBody(request: FastifyRequest): Readable | null {
  return request.method === 'HEAD' ? Readable.from([]) : null;
}
