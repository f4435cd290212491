import type { FastifyInstance } from 'fastify';
import { wantsCsv, formatInUrl } from './accept';
import { RenderedAnswers } from './rendered-answers';

declare module 'fastify' {
  interface FastifyRequest {
    /** Answered by the cached-answer hook from a rendered copy, without entering Nest. */
    answeredFromCache: boolean;
  }
}

/**
 * A GET or HEAD whose answer was rendered from vendor data that is still fresh is answered from those bytes
 * here, after the access decision and before Nest's routing, pipes and interceptors; everything else goes
 * on to Nest. The answer then passes the same hooks as any other (ETag and 304, the log line, the metrics).
 */
export function registerCachedAnswerHook(
  fastify: FastifyInstance,
  answers: Pick<RenderedAnswers, 'fresh'>,
  now: () => number = Date.now,
): void {
  fastify.decorateRequest('answeredFromCache', false);
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return done();
    const url = request.url;
    const answer = answers.fresh(
      RenderedAnswers.key(url, wantsCsv(formatInUrl(url), request.headers.accept)),
      now(),
    );
    if (!answer) return done();
    request.answeredFromCache = true;
    reply.headers(answer.headers).header('x-cache', 'HIT').send(answer.body);
  });
}
