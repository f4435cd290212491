import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { MethodRoutes } from '../routing/method-routes';
import { VALIDATION_MESSAGES } from '../problem/validation-messages';
import { validationProblem } from '../problem/problem';
import { MALFORMED_PARAMETERS, type ParsedQuery } from './query-parser';

/**
 * API routes without a query DTO (single resources, the label tree) refuse every query parameter, from
 * the same OpenAPI document that tells clients what exists; routes with one leave it to the DTO.
 * Operations' routes ignore what they do not use: a monitor may add a cache-buster to its probe.
 * Parameters that are not valid percent-encoding are refused by name first, whatever the route.
 */
@Injectable()
export class KnownQueryInterceptor implements NestInterceptor {
  constructor(private readonly routes: MethodRoutes) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.routeOptions.config.access?.key) return next.handle();
    const query = request.query as ParsedQuery | undefined;
    // Stryker disable next-line OptionalChaining: unnoticeable: request.query is never undefined on a routed
    // Fastify request: find-my-way always passes the query string, '' when there is none, to the facade's
    // parseQuery, which always returns an object.
    const malformed = query?.[MALFORMED_PARAMETERS];
    if (malformed) {
      throw validationProblem(
        malformed.map((field) => ({ field, message: VALIDATION_MESSAGES.percentEncoding(field) })),
      );
    }
    const names = Object.keys(query ?? {});
    const path = request.url.split('?')[0];
    // Stryker disable next-line ConditionalExpression,EqualityOperator: With no query parameters,
    // unknownQueryParameters(method, path, []) filters an empty list and returns [], so nothing is thrown;
    // the guard only saves a route lookup (and building the lazy OpenAPI document sooner).
    if (names.length > 0 && !this.routes.takesQuery(request.method, path)) {
      const unknown = this.routes.unknownQueryParameters(request.method, path, names);
      if (unknown.length > 0) {
        throw validationProblem(
          unknown.map((field) => ({ field, message: VALIDATION_MESSAGES.unknownParameter(field) })),
        );
      }
    }
    return next.handle();
  }
}
