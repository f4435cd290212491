import { Logger as NestLogger, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify, { type FastifyReply } from 'fastify';
import { Logger } from 'nestjs-pino';
import { registerAccessHook } from './access/access.hook';
import { AccessPolicy } from './access/access-policy';
import { AppModule } from './app.module';
import { baseHeaders } from './answers/answer-headers';
import { registerCachedAnswerHook } from './answers/cached-answer.hook';
import { registerEtagHook } from './answers/etag.hook';
import { RenderedAnswers } from './answers/rendered-answers';
import type { FacadeConfig } from './config/facade-config';
import { ApiDocument } from './docs/api-document';
import { setUpDocs } from './docs/docs.setup';
import { AccessLog, registerAnsweredHook } from './logging/access-log';
import { MetricsService } from './metrics/metrics.service';
import { answeredProblem, PROBLEM_CONTENT_TYPE } from './problem/problem';
import { answerClientError, clientErrorProblem, type ParserError } from './request/client-errors';
import { parseQuery } from './request/query-parser';
import { requestIdOf } from './request/request-id';
import { facadeTracer } from './tracing/facade-tracing';
import { registerServerSpanHooks, traceIdOf } from './tracing/server-span.hook';

/**
 * Builds the whole facade for a validated configuration; used by main.ts and by the tests alike. Every
 * request takes one path through Fastify: its id and security headers, the access decision, a cached answer
 * or Nest, then the ETag and 304, then its log line and metrics, each a hook registered here once.
 */
export async function createFacadeApp(config: FacadeConfig): Promise<NestFastifyApplication> {
  const fastify = Fastify({
    logger: false,
    trustProxy: config.trustProxy,
    // Long path parameters reach validation (a 400 naming the field) instead of Fastify's own 414.
    routerOptions: { maxParamLength: 2048, querystringParser: parseQuery },
    // Requests refused before routing still get a problem body with a request id: by the parser…
    clientErrorHandler: (error, socket) =>
      answerClientError(error as unknown as ParserError, socket, (requestId, body) =>
        new NestLogger('ClientError').warn({ requestId, status: body.status }, body.detail),
      ),
    // …or by Fastify, for a URL it cannot decode.
    frameworkErrors: (error, request, reply) => {
      const body = clientErrorProblem(error);
      void (reply as FastifyReply)
        .code(body.status)
        .headers(baseHeaders(request.id))
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .header('cache-control', 'no-store')
        .send(JSON.stringify(answeredProblem(body, request.url, request.id, traceIdOf(request))));
    },
    // The request id comes from X-Request-Id when it is sane, and is shared with pino through the raw
    // request.
    genReqId: requestIdOf,
  });
  const tracer = facadeTracer();
  if (tracer) registerServerSpanHooks(fastify, tracer);
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(baseHeaders(request.id));
    done();
  });
  // Registered before Nest adds its own hooks (its middleware: the request logger's context), which a cached
  // answer does without. The providers they ask are bound once the application exists, before it listens.
  const providers: { policy?: AccessPolicy; answers?: RenderedAnswers } = {};
  registerAccessHook(fastify, { check: (raw, rule) => (providers.policy as AccessPolicy).check(raw, rule) });
  registerCachedAnswerHook(fastify, {
    fresh: (key, now) => (providers.answers as RenderedAnswers).fresh(key, now),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter(fastify),
    {
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(Logger));
  app.enableVersioning({ type: VersioningType.URI });
  // Only the signals that mean stop: Nest's default list also takes SIGUSR2, which Node's diagnostic reports
  // and heap snapshots are asked for with, and would close the facade instead.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT', 'SIGHUP']);
  providers.policy = app.get(AccessPolicy);
  providers.answers = app.get(RenderedAnswers);
  registerEtagHook(fastify);
  registerAnsweredHook(fastify, app.get(MetricsService), app.get(AccessLog));
  setUpDocs(app, app.get(ApiDocument));
  return app;
}
