import type { FastifyInstance } from 'fastify';
import { etagMatches, etagOf } from './rendered-answers';

/**
 * Every 200 GET carries an ETag, the operational routes and the OpenAPI document included: answers
 * that did not get one from the served-answer path get one here, from their bytes (streams excepted).
 * A 304 carries no Content-Length: it would have to be the length of the 200 it stands for.
 */
export function registerEtagHook(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    // No body, so Fastify sends no Content-Length either.
    if (reply.statusCode === 304) return done(null, null);
    if (request.method !== 'GET' || reply.statusCode !== 200 || reply.hasHeader('etag')) return done(null, payload);
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return done(null, payload);
    const etag = etagOf(payload);
    reply.header('etag', etag);
    if (etagMatches(request.headers['if-none-match'], etag)) {
      reply.code(304);
      return done(null, null);
    }
    return done(null, payload);
  });
}
