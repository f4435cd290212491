import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { MethodRoutes } from '../problem/method-routes';
import { validationProblem } from '../problem/problem';

/**
 * Unknown query parameters are refused on every route, those without a query DTO too (single
 * resources, the label tree), from the same OpenAPI document that tells clients what exists.
 */
@Injectable()
export class KnownQueryInterceptor implements NestInterceptor {
  constructor(private readonly routes: MethodRoutes) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const names = Object.keys((request.query as Record<string, unknown> | undefined) ?? {});
    if (names.length > 0) {
      const unknown = this.routes.unknownQueryParameters(request.method, request.url.split('?')[0], names);
      if (unknown.length > 0) {
        throw validationProblem(unknown.map((field) => ({ field, message: `${field} is not a known parameter` })));
      }
    }
    return next.handle();
  }
}
