import { Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { AccessPolicy, type AccessOutcome } from '../../access/access-policy';
import { RequestOutcomes } from '../../logging/request-outcomes';
import { requestIdOf } from '../request/request-id';
import { repeatedAnswerHeaders } from './answer-headers';
import { etagMatches, formatInUrl, RenderedAnswers, wantsCsv, type RenderedAnswer } from './rendered-answers';

/**
 * The hot path, as a thin adapter. A GET whose exact answer Nest rendered from vendor data that is still
 * fresh is answered from those bytes by the HTTP server itself, before Fastify and Nest (whose routing,
 * hooks, guards, pipes and interceptors cost several times more than writing the bytes). It uses the very
 * functions Nest's path uses: the access policy under the route's rule, the answer's headers, the
 * request's outcome (metrics and log line). Anything else (a miss, a stale copy, a refused key or rate,
 * shutdown) goes on to Fastify, which answers it as before.
 */
@Injectable()
export class CachedAnswerHandler {
  private closing = false;

  constructor(
    private readonly answers: RenderedAnswers,
    private readonly access: AccessPolicy,
    private readonly outcomes: RequestOutcomes,
  ) {}

  /** From now on every request goes to Fastify, which answers 503 while it closes. */
  close(): void {
    this.closing = true;
  }

  handle(request: IncomingMessage, response: ServerResponse, next: () => void): void {
    const started = performance.now();
    let answer: RenderedAnswer | undefined;
    let outcome: AccessOutcome | Promise<AccessOutcome> | undefined;
    try {
      answer = this.servable(request);
      if (answer) outcome = this.access.check(request, answer.access);
    } catch {
      // Nothing was written, and no decision is held: Fastify answers, and reports whatever went wrong.
    }
    const served = answer;
    if (!served || !outcome) return next();
    if (!(outcome instanceof Promise)) return this.respond(request, response, served, outcome, started, next);
    outcome.then(
      (decided) => this.respond(request, response, served, decided, started, next),
      () => next(),
    );
  }

  private servable(request: IncomingMessage): RenderedAnswer | undefined {
    const url = request.url;
    if (this.closing || request.method !== 'GET' || url === undefined) return undefined;
    const answer = this.answers.get(RenderedAnswers.key(url, wantsCsv(formatInUrl(url), request.headers.accept)));
    return answer && Date.now() < answer.freshUntil ? answer : undefined;
  }

  private respond(request: IncomingMessage, response: ServerResponse, answer: RenderedAnswer, outcome: AccessOutcome, started: number, next: () => void): void {
    // A refusal is Fastify's to answer, with its problem; the decision is kept, never taken twice.
    if (!outcome.allowed) return next();
    try {
      const headers = repeatedAnswerHeaders(requestIdOf(request), outcome.rate, answer);
      if (etagMatches(request.headers['if-none-match'], answer.etag)) {
        response.writeHead(304, headers).end();
      } else {
        headers['content-length'] = String(answer.body.length);
        response.writeHead(200, headers).end(answer.body);
      }
    } catch {
      if (!response.headersSent) next();
      return;
    }
    this.outcomes.repeated(request, answer.route, response.statusCode, performance.now() - started);
  }
}
