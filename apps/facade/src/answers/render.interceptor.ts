import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { toCsv } from '@youmi-facade/csv';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import type { ListBody } from '../pagination/paginate';
import { VALIDATION_MESSAGES } from '../problem/validation-messages';
import { validationProblem } from '../problem/problem';
import { Versioned } from '../upstream/versioned';
import { answerHeaders } from './answer-headers';
import { wantsCsv } from './accept';
import { CsvColumns } from './csv-columns';
import { etagOf, RenderedAnswers, type RenderedAnswer } from './rendered-answers';

/**
 * The one place a handler's value becomes an answer: a Versioned value is turned into bytes (JSON, or
 * CSV for a list that is asked for it) once per version of the vendor data, with its ETag, caching headers
 * and X-Cache. What it renders is kept, and repeated by the cached-answer hook while the data is fresh.
 */
@Injectable()
export class RenderInterceptor implements NestInterceptor {
  constructor(
    private readonly answers: RenderedAnswers,
    private readonly columns: CsvColumns,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next
      .handle()
      .pipe(map((result) => (result instanceof Versioned ? this.render(result, request, reply) : result)));
  }

  private render(result: Versioned, request: FastifyRequest, reply: FastifyReply): Buffer {
    const query = request.query as Record<string, unknown>;
    const columns = this.columns.of(request.routeOptions.url);
    const csv = columns !== undefined && wantsCsv(query['format'], request.headers.accept);
    if (!csv && query['limit'] === 'all') {
      throw validationProblem([{ field: 'limit', message: VALIDATION_MESSAGES.limitAllIsForCsv }]);
    }
    const key = RenderedAnswers.key(request.url, csv);
    const freshUntil = result.basis.cache === 'STALE' ? 0 : (result.basis.freshUntil ?? 0);
    let answer = this.answers.get(key);
    // Stryker disable ConditionalExpression: (the else if) When the freshness is the same, the copy holds the
    // same values as the answer it replaces.
    if (answer?.version !== result.basis.version) {
      answer = render(result, csv ? columns : undefined, freshUntil);
      this.answers.set(key, answer);
    } else if (answer.freshUntil !== freshUntil) {
      answer = { ...answer, freshUntil };
      this.answers.set(key, answer);
    }
    // Stryker restore ConditionalExpression
    reply.headers(answerHeaders(answer, result.basis.cache));
    return answer.body;
  }
}

/** `columns`: undefined for JSON; for CSV, the list's columns. */
function render(
  result: Versioned,
  columns: readonly string[] | undefined,
  freshUntil: number,
): RenderedAnswer {
  const built = result.build();
  const list = built as ListBody<unknown>;
  // Stryker disable next-line StringLiteral: Buffer.from takes '' as UTF-8, its default.
  const body = Buffer.from(columns !== undefined ? toCsv(list.data, columns) : JSON.stringify(built), 'utf8');
  const etag = etagOf(body);
  const headers: Record<string, string> = {
    'content-type': columns !== undefined ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    etag,
    'cache-control': 'private, no-cache',
    vary: 'Accept, Authorization, X-API-Key',
  };
  if (columns !== undefined) {
    headers['content-disposition'] = 'attachment; filename="export.csv"';
    // A CSV has no meta: the total over all pages says whether this export holds every row.
    if (list.meta) headers['x-total-count'] = String(list.meta.total);
  }
  return { version: result.basis.version, body, headers, etag, freshUntil };
}
