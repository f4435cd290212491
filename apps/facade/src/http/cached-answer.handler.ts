import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import pino, { type Logger as Pino } from 'pino';
import { ApiKeys } from '../auth/api-keys';
import { FACADE_CONFIG } from '../config/facade-config.module';
import type { FacadeConfig } from '../config/facade-config';
import { LOG_DESTINATION, type LogDestination } from '../logging/log-destination';
import { MetricsService } from '../metrics/metrics.service';
import type { RateDecision } from '../rate-limit/rate-limiter';
import { RateLimits, rateLimitHeaders } from '../rate-limit/rate-limits';
import { securityHeaders } from '../security/security-headers';
import { etagMatches, formatInUrl, RenderedAnswers, wantsCsv, type RenderedAnswer } from './rendered-answers';
import { requestIdOf } from './request-id';

/**
 * The hot path. A GET whose exact answer was rendered from vendor data that is still fresh is answered
 * from those bytes by the HTTP server itself, before Fastify and Nest: routing, hooks, middleware,
 * guards, pipes and interceptors cost several times more than writing the bytes. It keeps what they
 * guarantee: the API key, the rate limit and its headers, ETag/304, X-Cache (HIT), the request id,
 * the security headers, metrics, and the request log line in the shape the request logger writes.
 * Anything else (a miss, a stale copy, a missing or wrong key, a refused rate, shutdown) goes to
 * Fastify, which answers it as before.
 */
@Injectable()
export class CachedAnswerHandler {
  private readonly security = securityHeaders();
  private closing = false;
  /**
   * Writes the request logger's `request completed` line, to the same stdout, at the same level. Its
   * records are built here from five fields and hold no headers, so it needs neither the request
   * logger's serializers of raw objects nor its redaction (together a fifth of a repeated answer).
   */
  private readonly log: Pino;

  constructor(
    private readonly answers: RenderedAnswers,
    private readonly keys: ApiKeys,
    private readonly limits: RateLimits,
    private readonly metrics: MetricsService,
    @Inject(FACADE_CONFIG) config: FacadeConfig,
    @Inject(LOG_DESTINATION) destination: LogDestination,
  ) {
    this.log = pino({ level: config.logLevel }, destination);
  }

  /** From now on every request goes to Fastify, which answers 503 while it closes. */
  close(): void {
    this.closing = true;
  }

  handle(request: IncomingMessage, response: ServerResponse, next: () => void): void {
    const started = performance.now();
    let answer: RenderedAnswer | undefined;
    let decision: RateDecision | Promise<RateDecision> | undefined;
    try {
      answer = this.servable(request);
      if (answer) decision = this.limits.decideRaw(request);
    } catch {
      // Nothing was written: Fastify answers, and reports whatever went wrong.
      answer = undefined;
    }
    const served = answer;
    if (!served || !decision) return next();
    if (!(decision instanceof Promise)) return this.respond(request, response, served, decision, started, next);
    decision.then(
      (decided) => this.respond(request, response, served, decided, started, next),
      () => next(),
    );
  }

  private respond(request: IncomingMessage, response: ServerResponse, answer: RenderedAnswer, decision: RateDecision, started: number, next: () => void): void {
    try {
      if (this.send(request, response, answer, decision, started)) return;
    } catch {
      if (response.headersSent) return;
    }
    next();
  }

  private servable(request: IncomingMessage): RenderedAnswer | undefined {
    const url = request.url;
    if (this.closing || request.method !== 'GET' || url === undefined || !url.startsWith('/v1/')) return undefined;
    const answer = this.answers.get(RenderedAnswers.key(url, wantsCsv(formatInUrl(url), request.headers.accept)));
    if (!answer || Date.now() >= answer.freshUntil) return undefined;
    const check = this.keys.check(request);
    return check === 'open' || check === 'valid' ? answer : undefined;
  }

  private send(request: IncomingMessage, response: ServerResponse, answer: RenderedAnswer, decision: RateDecision, started: number): boolean {
    if (!decision.allowed) return false;
    const notModified = etagMatches(request.headers['if-none-match'], answer.etag);
    const headers: Record<string, string> = {
      'x-request-id': requestIdOf(request),
      ...this.security,
      ...rateLimitHeaders(decision),
      ...answer.headers,
      'x-cache': 'HIT',
    };
    if (notModified) {
      response.writeHead(304, headers).end();
    } else {
      headers['content-length'] = String(answer.body.length);
      response.writeHead(200, headers).end(answer.body);
    }
    const elapsedMs = performance.now() - started;
    this.metrics.cacheEvent('HIT');
    this.metrics.httpAnswered('GET', answer.route, response.statusCode, elapsedMs);
    this.log.info(
      { req: { id: requestIdOf(request), method: 'GET', url: request.url }, res: { statusCode: response.statusCode }, responseTime: Math.round(elapsedMs) },
      'request completed',
    );
    return true;
  }
}
