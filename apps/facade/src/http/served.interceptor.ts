import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, mergeMap, type Observable } from 'rxjs';
import { ProblemException, problemType } from '../problem/problem';
import { toCsv } from './csv';
import { Served } from './served';

interface Rendered {
  version: string;
  body: string;
  etag: string;
  contentType: string;
}

const MEMO_LIMIT = 2000;

/**
 * Turns a handler's answer into bytes once per version of the vendor data, then answers every GET with
 * ETag, 304 on a matching If-None-Match, Cache-Control and X-Cache; lists also answer CSV when asked.
 */
@Injectable()
export class ServedInterceptor implements NestInterceptor {
  private readonly rendered = new Map<string, Rendered>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(mergeMap((result) => from(this.render(result, request, reply))));
  }

  private async render(result: unknown, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    if (!(result instanceof Served)) return result;
    const csv = result.csvRows !== undefined && wantsCsv(request);
    const query = request.query as Record<string, unknown>;
    if (!csv && query['limit'] === 'all') {
      throw new ProblemException({
        type: problemType('validation'),
        title: 'Bad Request',
        status: 400,
        detail: 'limit=all is only for CSV export.',
        errors: [{ field: 'limit', message: 'limit must be an integer from 1 to 500; all is only for CSV export' }],
      });
    }
    const memoKey = `${csv ? 'csv' : 'json'} ${request.url}`;
    let rendered = this.rendered.get(memoKey);
    if (!rendered || rendered.version !== result.version) {
      const body = csv ? toCsv((result.csvRows as () => unknown[])()) : JSON.stringify(result.build());
      rendered = {
        version: result.version,
        body,
        etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
        contentType: csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      };
      this.remember(memoKey, rendered);
    }
    if (result.cache !== undefined) reply.header('x-cache', result.cache);
    reply.header('etag', rendered.etag);
    reply.header('cache-control', 'private, no-cache');
    reply.header('vary', 'Accept, Authorization, X-API-Key');
    if (csv) reply.header('content-disposition', 'attachment; filename="export.csv"');
    if (matches(request.headers['if-none-match'], rendered.etag)) {
      reply.status(304);
      return '';
    }
    reply.header('content-type', rendered.contentType);
    return rendered.body;
  }

  private remember(key: string, rendered: Rendered): void {
    this.rendered.delete(key);
    this.rendered.set(key, rendered);
    if (this.rendered.size > MEMO_LIMIT) this.rendered.delete(this.rendered.keys().next().value as string);
  }
}

function wantsCsv(request: FastifyRequest): boolean {
  const format = (request.query as Record<string, unknown>)['format'];
  if (format === 'csv') return true;
  if (format === 'json') return false;
  const accept = request.headers.accept ?? '';
  return /(^|,)\s*text\/csv\s*(;|,|$)/i.test(accept);
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
