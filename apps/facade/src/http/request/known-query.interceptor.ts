import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { MethodRoutes } from '../../problem/method-routes';
import { VALIDATION_MESSAGES } from '../../common/validation-messages';
import { validationProblem } from '../../problem/problem';

/**
 * Routes without a query DTO (single resources, the label tree) refuse every query parameter, from
 * the same OpenAPI document that tells clients what exists; routes with one leave it to the DTO.
 */
@Injectable()
export class KnownQueryInterceptor implements NestInterceptor {
  constructor(private readonly routes: MethodRoutes) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const names = Object.keys((request.query as Record<string, unknown> | undefined) ?? {});
    const path = request.url.split('?')[0];
    if (names.length > 0 && !this.routes.takesQuery(request.method, path)) {
      const unknown = this.routes.unknownQueryParameters(request.method, path, names);
      if (unknown.length > 0) {
        throw validationProblem(unknown.map((field) => ({ field, message: VALIDATION_MESSAGES.unknownParameter(field) })));
      }
    }
    return next.handle();
  }
}
