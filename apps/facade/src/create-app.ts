import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify, { type FastifyReply } from 'fastify';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module';
import type { FacadeConfig } from './config/facade-config';
import { setUpDocs } from './docs/docs.setup';
import { CachedAnswerHook } from './http/cached-answer.hook';
import { CsvColumns } from './http/csv-columns';
import { registerEtagHook } from './http/etag.hook';
import { MethodRoutes } from './problem/method-routes';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem/problem';
import { securityHeaders } from './security/security-headers';

// Any visible ASCII the client sends is echoed; control characters or an overlong id are replaced.
const REQUEST_ID = /^[\x21-\x7e]{1,200}$/;

/** Builds the whole facade for a validated configuration; used by main.ts and by the tests alike. */
export async function createFacadeApp(config: FacadeConfig): Promise<NestFastifyApplication> {
  const fastify = Fastify({
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
    genReqId: (raw: IncomingMessage) => {
      const sent = raw.headers['x-request-id'];
      const id = typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
      (raw as IncomingMessage & { id?: string }).id = id;
      return id;
    },
  });
  const security = securityHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id).headers(security);
    done();
  });
  // Added before Nest adds its middleware (request logging) to this instance, so that a repeated answer
  // skips that too; the hook is bound to its service once the application exists.
  const bound: { hook?: CachedAnswerHook } = {};
  fastify.addHook('onRequest', (request, reply) =>
    bound.hook ? bound.hook.answer(request, reply) : Promise.resolve(undefined),
  );
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
  const hook = app.get(CachedAnswerHook);
  hook.registerLogging(fastify);
  bound.hook = hook;
  return app;
}
