import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
  type Context,
  type Tracer,
} from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's server span in its context, when tracing is on. */
    traceContext: Context | null;
  }
}

/** `GET /v1/staff/:code`, or the method alone for a request that matched no route. */
export function serverSpanName(method: string, route: string | undefined): string {
  return route ? `${method} ${route}` : method;
}

/** The HTTP semantic-convention attributes known when a request arrives; no header, query or key. */
export function requestAttributes(request: {
  method: string;
  url: string;
  id: string;
  ip: string;
  protocol: string;
  route: string | undefined;
  httpVersion: string;
  userAgent: string | undefined;
}): Attributes {
  const query = request.url.indexOf('?');
  return {
    'http.request.method': request.method,
    'url.path': query < 0 ? request.url : request.url.slice(0, query),
    'url.scheme': request.protocol,
    ...(request.route ? { 'http.route': request.route } : {}),
    'network.protocol.version': request.httpVersion,
    'client.address': request.ip,
    ...(request.userAgent ? { 'user_agent.original': request.userAgent } : {}),
    'youmi.request_id': request.id,
  };
}

/** The trace id of the request's server span, for a problem body: only of a trace that is exported. */
export function traceIdOf(request: FastifyRequest): string | undefined {
  const context = request.traceContext;
  const span = context ? trace.getSpan(context)?.spanContext() : undefined;
  return span && span.traceFlags & TraceFlags.SAMPLED ? span.traceId : undefined;
}

/**
 * One server span per request, continuing the caller's `traceparent`/`tracestate`: started before any
 * other hook (a cached answer never reaches Nest), active through the hooks and the handler, ended once
 * the answer is sent with its status and cache decision. Registered only when tracing is on.
 */
export function registerServerSpanHooks(fastify: FastifyInstance, tracer: Tracer): void {
  const answers = new WeakMap<FastifyRequest, ServerResponse>();
  fastify.decorateRequest('traceContext', null);
  fastify.addHook('onRequest', (request, reply, done) => {
    answers.set(request, reply.raw);
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const route = request.routeOptions.url;
    const span = tracer.startSpan(
      serverSpanName(request.method, route),
      {
        kind: SpanKind.SERVER,
        attributes: requestAttributes({
          method: request.method,
          url: request.url,
          id: request.id,
          ip: request.ip,
          protocol: request.protocol,
          route,
          httpVersion: request.raw.httpVersion,
          userAgent: request.headers['user-agent'],
        }),
      },
      parent,
    );
    request.traceContext = trace.setSpan(parent, span);
    context.with(request.traceContext, done);
  });
  // The body is read outside the request's context: the handler gets it back here.
  fastify.addHook('preHandler', (request, _reply, done) => {
    if (request.traceContext) context.with(request.traceContext, done);
    else done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const traced = request.traceContext;
    const span = traced && trace.getSpan(traced);
    if (!traced || !span) return done();
    request.traceContext = null;
    const status = reply.statusCode;
    span.setAttribute('http.response.status_code', status);
    const cache = reply.getHeader('x-cache');
    if (typeof cache === 'string') span.setAttribute('youmi.cache.status', cache);
    if (status >= 500) {
      span.setAttribute('error.type', String(status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
    // The access log's line, written next, carries the span's ids.
    context.with(traced, done);
  });
  // Fastify runs only this hook when the client goes first: the normal end of an event stream, whose
  // answer had begun, or a request given up before any answer, which is an error.
  fastify.addHook('onRequestAbort', (request, done) => {
    const span = request.traceContext && trace.getSpan(request.traceContext);
    if (span) {
      request.traceContext = null;
      const answer = answers.get(request);
      if (answer?.headersSent) {
        span.setAttribute('http.response.status_code', answer.statusCode);
      } else {
        span.setAttribute('error.type', 'aborted');
        span.setStatus({ code: SpanStatusCode.ERROR, message: 'the client closed the connection' });
      }
      span.end();
    }
    done();
  });
}
