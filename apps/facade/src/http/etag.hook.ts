import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { etagMatches } from './rendered-answers';

/**
 * Every 200 GET carries an ETag, the operational routes and the OpenAPI document included: answers
 * that did not get one from the served-answer path get one here, from their bytes (streams excepted).
 */
export function registerEtagHook(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (request.method !== 'GET' || reply.statusCode !== 200 || reply.hasHeader('etag')) return done(null, payload);
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return done(null, payload);
    const etag = `"${createHash('sha1').update(payload).digest('base64url')}"`;
    reply.header('etag', etag);
    if (etagMatches(request.headers['if-none-match'], etag)) {
      reply.code(304);
      return done(null, '');
    }
    return done(null, payload);
  });
}
