import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, mergeMap, type Observable } from 'rxjs';
import { ProblemException, problemType } from '../problem/problem';
import { toCsv } from '@youmi-facade/csv';
import { etagMatches, RenderedAnswers, wantsCsv, type RenderedAnswer } from './rendered-answers';
import { CsvColumns } from './csv-columns';
import { Served, type ListBody } from './served';

/**
 * Turns a handler's answer into bytes once per version of the vendor data, then answers every GET with
 * ETag, 304 on a matching If-None-Match, Cache-Control and X-Cache; lists also answer CSV when asked.
 */
@Injectable()
export class ServedInterceptor implements NestInterceptor {
  constructor(
    private readonly answers: RenderedAnswers,
    private readonly columns: CsvColumns,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(mergeMap((result) => from(this.render(result, request, reply))));
  }

  private async render(result: unknown, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    if (!(result instanceof Served)) return result;
    const csv = result.list && wantsCsv((request.query as Record<string, unknown>)['format'], request.headers.accept);
    if (!csv && (request.query as Record<string, unknown>)['limit'] === 'all') {
      throw new ProblemException({
        type: problemType('validation'),
        title: 'Bad Request',
        status: 400,
        detail: 'limit=all is only for CSV export.',
        errors: [{ field: 'limit', message: 'limit must be an integer from 1 to 500; all is only for CSV export' }],
      });
    }
    const key = RenderedAnswers.key(request.url, csv);
    let answer = this.answers.get(key);
    if (!answer || answer.version !== result.version) {
      answer = render(result, request.routeOptions.url ?? request.url, csv ? (this.columns.of(request.routeOptions.url) ?? null) : undefined);
      this.answers.set(key, answer);
    } else if (answer.freshUntil !== result.freshUntil) {
      answer = { ...answer, freshUntil: result.freshUntil };
      this.answers.set(key, answer);
    }
    reply.headers(answer.headers);
    if (result.cache !== undefined) reply.header('x-cache', result.cache);
    if (etagMatches(request.headers['if-none-match'], answer.etag)) {
      reply.status(304);
      return '';
    }
    return answer.body;
  }
}

/** `columns`: undefined for JSON; for CSV the list's columns, or null to take them from the rows. */
function render(result: Served, route: string, columns: readonly string[] | null | undefined): RenderedAnswer {
  const csv = columns !== undefined;
  const built = result.build();
  const list = built as ListBody<unknown>;
  const body = Buffer.from(csv ? toCsv(list.data, columns ?? undefined) : JSON.stringify(built), 'utf8');
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
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
  return { version: result.version, body, headers, etag, freshUntil: result.cache === 'STALE' ? 0 : result.freshUntil, route };
}
