import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { ApiKeys } from '../auth/api-keys';
import { MetricsService } from '../metrics/metrics.service';
import { RateLimits } from '../rate-limit/rate-limits';
import { etagMatches, RenderedAnswers, wantsCsv } from './rendered-answers';

const SERVED = Symbol('served-from-cached-answer');
type Marked = FastifyRequest & { [SERVED]?: true };

/**
 * The hot path: a GET whose exact answer was rendered from vendor data that is still fresh is answered
 * from those bytes in a Fastify hook, before Nest's middleware and pipeline (request logging, router,
 * guards, pipes, interceptors). It keeps what they guarantee: the API key, the rate limit, ETag/304,
 * X-Cache (HIT), the request id and security headers of the hook before it, metrics, and one log line
 * per request in the shape the request logger writes. Anything else falls through to Nest.
 */
@Injectable()
export class CachedAnswerHook {
  constructor(
    private readonly answers: RenderedAnswers,
    private readonly keys: ApiKeys,
    private readonly limits: RateLimits,
    private readonly metrics: MetricsService,
  ) {}

  /** The log line that Nest's request logger would have written, for the requests answered here. */
  registerLogging(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', (request, reply, done) => {
      if ((request as Marked)[SERVED]) {
        PinoLogger.root?.info(
          // The raw objects, as the request logger passes them: its serializers read those.
          { req: request.raw, res: reply.raw, responseTime: Math.round(reply.elapsedTime) },
          'request completed',
        );
      }
      done();
    });
  }

  async answer(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (request.method !== 'GET' || !request.url.startsWith('/v1/')) return undefined;
    const answer = this.answers.get(RenderedAnswers.key(request, wantsCsv(request)));
    if (!answer || Date.now() >= answer.freshUntil) return undefined;
    const check = this.keys.check(request);
    if (check !== 'open' && check !== 'valid') return undefined;
    if (!(await this.limits.decide(request, reply)).allowed) return undefined;
    this.metrics.cacheEvent('HIT');
    (request as Marked)[SERVED] = true;
    reply.headers(answer.headers).header('x-cache', 'HIT');
    if (etagMatches(request.headers['if-none-match'], answer.etag)) return reply.code(304).send();
    return reply.send(answer.body);
  }
}
