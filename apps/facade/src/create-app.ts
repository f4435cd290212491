import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify, { type FastifyReply } from 'fastify';
import { Logger } from 'nestjs-pino';
import { createServer } from 'node:http';
import { AppModule } from './app.module';
import type { FacadeConfig } from './config/facade-config';
import { setUpDocs } from './docs/docs.setup';
import { CachedAnswerHandler } from './http/cached-answer.handler';
import { CsvColumns } from './http/csv-columns';
import { registerEtagHook } from './http/etag.hook';
import { requestIdOf } from './http/request-id';
import { MethodRoutes } from './problem/method-routes';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem/problem';
import { securityHeaders } from './security/security-headers';

/** Builds the whole facade for a validated configuration; used by main.ts and by the tests alike. */
export async function createFacadeApp(config: FacadeConfig): Promise<NestFastifyApplication> {
  // Repeated answers are served by the HTTP server before Fastify sees them; the handler that does it
  // is a Nest provider, bound once the application exists. Until then Fastify answers everything.
  const bound: { cached?: CachedAnswerHandler } = {};
  const fastify = Fastify({
    serverFactory: (handler, options) => {
      const server = createServer((request, response) =>
        bound.cached ? bound.cached.handle(request, response, () => handler(request, response)) : handler(request, response),
      );
      // What Fastify sets on a server it creates itself (its defaults are filled in by now).
      const timeouts = options as { keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number };
      if (timeouts.keepAliveTimeout !== undefined) server.keepAliveTimeout = timeouts.keepAliveTimeout;
      if (timeouts.requestTimeout !== undefined) server.requestTimeout = timeouts.requestTimeout;
      server.setTimeout(timeouts.connectionTimeout ?? 0);
      return server;
    },
    logger: false,
    trustProxy: config.trustProxy,
    // Long path parameters reach validation (a 400 naming the field) instead of Fastify's own 414.
    routerOptions: { maxParamLength: 2048 },
    // Malformed URLs are refused before routing; they still get a problem body.
    frameworkErrors: (error, request, reply) => {
      void (reply as FastifyReply)
        .code(400)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .header('x-request-id', request.id)
        .send(
          JSON.stringify({
            type: problemType('validation'),
            title: 'Bad Request',
            status: 400,
            detail: 'The request URL is malformed (bad percent-encoding or characters).',
            instance: request.url.split('?')[0].slice(0, 200),
            requestId: request.id,
            errors: [{ field: 'path', message: error.message }],
          }),
        );
    },
    // The request id comes from X-Request-Id when it is sane, and is shared with pino through the raw request.
    genReqId: requestIdOf,
  });
  const security = securityHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id).headers(security);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter(fastify),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.enableVersioning({ type: VersioningType.URI });
  app.enableShutdownHooks();
  registerEtagHook(fastify);
  const document = setUpDocs(app);
  app.get(MethodRoutes).learn(document.paths);
  app.get(CsvColumns).learn(document as unknown as Parameters<CsvColumns['learn']>[0]);
  const cached = app.get(CachedAnswerHandler);
  fastify.addHook('preClose', (done) => {
    cached.close();
    done();
  });
  bound.cached = cached;
  return app;
}
