import { Logger as NestLogger, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify, { type FastifyReply } from 'fastify';
import { Logger } from 'nestjs-pino';
import { createServer } from 'node:http';
import { AppModule } from './app.module';
import type { FacadeConfig } from './config/facade-config';
import { ApiDocument } from './docs/api-document';
import { setUpDocs } from './docs/docs.setup';
import { baseHeaders } from './http/answers/answer-headers';
import { CachedAnswerHandler } from './http/answers/cached-answer.handler';
import { registerEtagHook } from './http/answers/etag.hook';
import { answerClientError, clientErrorProblem, type ParserError } from './http/request/client-errors';
import { parseQuery } from './http/request/query-parser';
import { requestIdOf } from './http/request/request-id';
import { RequestOutcomes } from './logging/request-outcomes';
import { answeredProblem, PROBLEM_CONTENT_TYPE } from './problem/problem';

/** Builds the whole facade for a validated configuration; used by main.ts and by the tests alike. */
export async function createFacadeApp(config: FacadeConfig): Promise<NestFastifyApplication> {
  // Repeated answers are served by the HTTP server before Fastify sees them; the handler that does it
  // is a Nest provider, bound once the application exists. Until then Fastify answers everything.
  const bound: { cached?: CachedAnswerHandler } = {};
  const fastify = Fastify({
    serverFactory: (handler, options) => {
      const server = createServer((request, response) =>
        bound.cached
          ? bound.cached.handle(request, response, () => handler(request, response))
          : handler(request, response),
      );
      // What Fastify sets on a server it creates itself (its defaults are filled in by now).
      const timeouts = options as {
        keepAliveTimeout?: number;
        requestTimeout?: number;
        connectionTimeout?: number;
      };
      if (timeouts.keepAliveTimeout !== undefined) server.keepAliveTimeout = timeouts.keepAliveTimeout;
      if (timeouts.requestTimeout !== undefined) server.requestTimeout = timeouts.requestTimeout;
      server.setTimeout(timeouts.connectionTimeout ?? 0);
      return server;
    },
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
        .send(JSON.stringify(answeredProblem(body, request.url, request.id)));
    },
    // The request id comes from X-Request-Id when it is sane, and is shared with pino through the raw request.
    genReqId: requestIdOf,
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(baseHeaders(request.id));
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter(fastify),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.enableVersioning({ type: VersioningType.URI });
  // Only the signals that mean stop: Nest's default list also takes SIGUSR2, which Node's diagnostic reports and
  // heap snapshots are asked for with, and would close the facade instead.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT', 'SIGHUP']);
  registerEtagHook(fastify);
  const outcomes = app.get(RequestOutcomes);
  fastify.addHook('onResponse', (request, reply, done) => {
    outcomes.answered(
      request.raw,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime,
    );
    done();
  });
  setUpDocs(app, app.get(ApiDocument));
  const cached = app.get(CachedAnswerHandler);
  fastify.addHook('preClose', (done) => {
    cached.close();
    done();
  });
  bound.cached = cached;
  return app;
}
