import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { toCsv } from '@youmi-facade/csv';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, mergeMap, type Observable } from 'rxjs';
import { accessRuleOf, type AccessRule } from '../../access/access-rule';
import { VALIDATION_MESSAGES } from '../../common/validation-messages';
import { validationProblem } from '../../problem/problem';
import { CsvColumns } from '../csv/csv-columns';
import { servedHeaders } from './answer-headers';
import { etagOf, etagMatches, RenderedAnswers, wantsCsv, type RenderedAnswer } from './rendered-answers';
import { Served, type ListBody } from './served';

/**
 * Turns a handler's answer into bytes once per version of the vendor data, then answers every GET with
 * ETag, 304 on a matching If-None-Match, Cache-Control and X-Cache; lists also answer CSV when asked.
 * What it renders (with the route's access rule) the server's handler repeats while the data is fresh.
 */
@Injectable()
export class ServedInterceptor implements NestInterceptor {
  constructor(
    private readonly answers: RenderedAnswers,
    private readonly columns: CsvColumns,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const access = accessRuleOf(this.reflector, context);
    return next.handle().pipe(mergeMap((result) => from(this.render(result, request, reply, access))));
  }

  private async render(result: unknown, request: FastifyRequest, reply: FastifyReply, access: AccessRule): Promise<unknown> {
    if (!(result instanceof Served)) return result;
    const csv = result.list && wantsCsv((request.query as Record<string, unknown>)['format'], request.headers.accept);
    if (!csv && (request.query as Record<string, unknown>)['limit'] === 'all') {
      throw validationProblem([{ field: 'limit', message: VALIDATION_MESSAGES.limitAllIsForCsv }]);
    }
    const key = RenderedAnswers.key(request.url, csv);
    let answer = this.answers.get(key);
    if (!answer || answer.version !== result.version) {
      const route = request.routeOptions.url ?? request.url;
      answer = render(result, route, csv ? (this.columns.of(request.routeOptions.url) ?? null) : undefined, access);
      this.answers.set(key, answer);
    } else if (answer.freshUntil !== result.freshUntil) {
      answer = { ...answer, freshUntil: result.freshUntil };
      this.answers.set(key, answer);
    }
    reply.headers(servedHeaders(answer, result.cache));
    if (etagMatches(request.headers['if-none-match'], answer.etag)) {
      reply.status(304);
      return '';
    }
    return answer.body;
  }
}

/** `columns`: undefined for JSON; for CSV the list's columns, or null to take them from the rows. */
function render(result: Served, route: string, columns: readonly string[] | null | undefined, access: AccessRule): RenderedAnswer {
  const csv = columns !== undefined;
  const built = result.build();
  const list = built as ListBody<unknown>;
  const body = Buffer.from(csv ? toCsv(list.data, columns ?? undefined) : JSON.stringify(built), 'utf8');
  const etag = etagOf(body);
  const headers: Record<string, string> = {
    'content-type': csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    etag,
    'cache-control': 'private, no-cache',
    vary: 'Accept, Authorization, X-API-Key',
  };
  if (csv) {
    headers['content-disposition'] = 'attachment; filename="export.csv"';
    // A CSV has no meta: the total over all pages says whether this export holds every row.
    if (list.meta) headers['x-total-count'] = String(list.meta.total);
  }
  return { version: result.version, body, headers, etag, freshUntil: result.cache === 'STALE' ? 0 : result.freshUntil, route, access };
}
