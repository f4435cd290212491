import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeys } from '../auth/api-keys';
import { MetricsService } from '../metrics/metrics.service';
import { RateLimits } from '../rate-limit/rate-limits';
import { etagMatches, RenderedAnswers, wantsCsv } from './rendered-answers';

/**
 * The hot path: a GET whose exact answer was rendered from vendor data that is still fresh is answered
 * from those bytes in a Fastify hook, without the Nest pipeline (router, guards, pipes, interceptors).
 * It keeps what the pipeline guarantees: the API key, the rate limit, ETag/304, X-Cache (HIT) and the
 * headers, request id and log line that hooks before it add. Anything else falls through to Nest.
 */
@Injectable()
export class CachedAnswerHook {
  constructor(
    private readonly answers: RenderedAnswers,
    private readonly keys: ApiKeys,
    private readonly limits: RateLimits,
    private readonly metrics: MetricsService,
  ) {}

  register(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request, reply) => this.answer(request, reply));
  }

  private async answer(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (request.method !== 'GET' || !request.url.startsWith('/v1/')) return undefined;
    const answer = this.answers.get(RenderedAnswers.key(request, wantsCsv(request)));
    if (!answer || Date.now() >= answer.freshUntil) return undefined;
    const check = this.keys.check(request);
    if (check !== 'open' && check !== 'valid') return undefined;
    if (!(await this.limits.decide(request, reply)).allowed) return undefined;
    this.metrics.cacheEvent('HIT');
    reply.headers(answer.headers).header('x-cache', 'HIT');
    if (etagMatches(request.headers['if-none-match'], answer.etag)) return reply.code(304).send();
    return reply.send(answer.body);
  }
}
