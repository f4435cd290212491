import { ArgumentsHost, Catch, HttpException, Inject, Logger, type ExceptionFilter } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { describeClockOffset, VendorAuthError, VendorError } from '@youmi-facade/vendor-client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FACADE_CONFIG } from '../config/facade-config.module';
import type { FacadeConfig } from '../config/facade-config';
import { MethodRoutes } from '../routing/method-routes';
import { traceIdOf } from '../tracing/server-span.hook';
import {
  answeredProblem,
  problem,
  problemKindOf,
  PROBLEM_CONTENT_TYPE,
  ProblemException,
  type Problem,
} from './problem';

interface Answer {
  problem: Problem;
  headers: Record<string, string>;
}

/**
 * The one place errors become answers: RFC 9457 bodies for everything, Nest's and Fastify's own
 * errors and vendor failures included. Nothing internal (stack, vendor body, secrets) is answered.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(
    @Inject(FACADE_CONFIG) private readonly config: FacadeConfig,
    private readonly routes: MethodRoutes,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem: body, headers } = this.toProblem(exception, request);
    if (body.status >= 500)
      this.logger.warn(
        { err: describe(exception), status: body.status, upstream: body.upstream },
        body.detail,
      );
    reply
      .status(body.status)
      .headers(headers)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .header('cache-control', 'no-store');
    reply.send(JSON.stringify(answeredProblem(body, request.url, String(request.id), traceIdOf(request))));
  }

  private toProblem(exception: unknown, request: FastifyRequest): Answer {
    if (exception instanceof ProblemException)
      return { problem: exception.problem, headers: exception.headers };
    // Fastify parses the body even of requests that match no route; those are still 404 or 405.
    // Stryker disable next-line OptionalChaining: Fastify 5 gives every request routeOptions (its url
    // undefined when no route matched), so the optional chain never stops.
    if (request.routeOptions?.url === undefined) return this.routeNotFound(request);
    if (exception instanceof VendorError) return this.vendorProblem(exception);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404) return this.routeNotFound(request);
      const checks = (exception.getResponse() as { details?: unknown }).details;
      return {
        problem: problem(status, problemKindOf(status), httpDetail(exception), checks ? { checks } : {}),
        headers: {},
      };
    }
    const status = fastifyStatus(exception);
    if (status !== undefined) {
      if (status === 404) return this.routeNotFound(request);
      return {
        problem: problem(
          status,
          problemKindOf(status),
          status === 415 ? 'Unsupported media type.' : (STATUS_CODES[status] ?? 'Error'),
        ),
        headers: {},
      };
    }
    this.logger.error({ err: describe(exception) }, 'unhandled error');
    return {
      problem: problem(
        500,
        'internal',
        'The facade failed to answer; the request id identifies it in the logs.',
      ),
      headers: {},
    };
  }

  private routeNotFound(request: FastifyRequest): Answer {
    const path = request.url.split('?')[0];
    const allowed = this.routes.allowedMethods(path);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      return {
        problem: problem(
          405,
          'method-not-allowed',
          `${request.method} is not allowed here; use ${allowed.join(', ')}.`,
        ),
        headers: { allow: allowed.join(', ') },
      };
    }
    return {
      problem: problem(404, 'not-found', `No resource at ${request.method} ${path.slice(0, 200)}.`),
      headers: {},
    };
  }

  private vendorProblem(error: VendorError): Answer {
    switch (error.kind) {
      case 'timeout':
        return {
          problem: problem(
            504,
            'upstream-timeout',
            `The vendor did not answer ${error.endpoint} within ${this.config.upstreamTimeoutMs} ms.`,
          ),
          headers: {},
        };
      case 'network':
        return {
          problem: problem(
            503,
            'upstream-unreachable',
            `The vendor could not be reached for ${error.endpoint}.`,
          ),
          headers: { 'retry-after': '5' },
        };
      case 'circuit-open':
        return {
          problem: problem(
            503,
            'upstream-circuit-open',
            `Calls to the vendor's ${error.endpoint} are paused after repeated failures.`,
          ),
          headers: { 'retry-after': '10' },
        };
      case 'malformed-response':
        return {
          problem: problem(
            502,
            'upstream-malformed',
            `The vendor answered ${error.endpoint} with a body that is not its documented envelope.`,
          ),
          headers: {},
        };
      default: {
        const status = error.upstream;
        const upstream = status
          ? { code: status.code, description: status.meaning, requestId: status.requestId }
          : undefined;
        return {
          problem: problem(502, 'upstream-failure', refusalDetail(error), upstream ? { upstream } : {}),
          headers: {},
        };
      }
    }
  }
}

/** What the vendor's table says the code means, and for a refusal of ours, what to check. */
function refusalDetail(error: VendorError): string {
  const status = error.upstream;
  if (!status) return `The vendor refused ${error.endpoint}.`;
  const said = `The vendor refused ${error.endpoint} with errmsg ${status.code}: ${status.meaning}${status.wording ? ` (${status.wording})` : ''}.`;
  if (status.class === 'clock') {
    const hint = describeClockOffset(error instanceof VendorAuthError ? (error.clockOffsetMs ?? null) : null);
    return `${said} ${hint.charAt(0).toUpperCase()}${hint.slice(1)}; check the host's clock.`;
  }
  if (status.class === 'credentials') return `${said} Check UPSTREAM_APP_ID and UPSTREAM_APP_KEY.`;
  return said;
}

function httpDetail(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return typeof message === 'string' ? message : (STATUS_CODES[exception.getStatus()] ?? 'Error');
}

/** Fastify's own errors (bad JSON, body too large, unsupported media type) carry a statusCode. */
function fastifyStatus(exception: unknown): number | undefined {
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

function describe(exception: unknown): Record<string, unknown> {
  if (exception instanceof VendorError) return exception.toJSON();
  if (exception instanceof Error)
    return { name: exception.name, message: exception.message, stack: exception.stack };
  return { value: String(exception) };
}
