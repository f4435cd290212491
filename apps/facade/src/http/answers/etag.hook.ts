import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { etagMatches, etagOf } from './rendered-answers';

/**
 * Every 200 GET (and HEAD) carries an ETag, the operational routes and the OpenAPI document included: answers
 * that did not get one from the served-answer path get one here, from their bytes (streams excepted).
 * A 304 carries no Content-Length: it would have to be the length of the 200 it stands for.
 */
export function registerEtagHook(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    // No body, so Fastify sends no Content-Length either.
    if (reply.statusCode === 304) return done(null, noBody(request));
    // HEAD answers the headers GET would, so it carries the same ETag and honours If-None-Match alike.
    const read = request.method === 'GET' || request.method === 'HEAD';
    if (!read || reply.statusCode !== 200 || reply.hasHeader('etag')) return done(null, payload);
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return done(null, payload);
    const etag = etagOf(payload);
    reply.header('etag', etag);
    if (etagMatches(request.headers['if-none-match'], etag)) {
      reply.code(304);
      return done(null, noBody(request));
    }
    return done(null, payload);
  });
}

/**
 * Fastify's HEAD handler runs after this hook and sets Content-Length from the payload (and fails on null);
 * an empty stream is the one payload it drains without counting, so a 304 to HEAD claims no length either.
 */
function noBody(request: FastifyRequest): Readable | null {
  return request.method === 'HEAD' ? Readable.from([]) : null;
}
