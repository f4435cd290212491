import { propagation, SpanStatusCode } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import Fastify, { type FastifyInstance } from 'fastify';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registerServerSpanHooks, traceIdOf } from '../src/tracing/server-span.hook';

/** The server span ends once on every way an answer ends, with its status; checked over real sockets. */
describe('the server span of each answer', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let app: FastifyInstance;
  let origin: string;
  let streamOpened: () => void;

  beforeAll(async () => {
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    app = Fastify();
    registerServerSpanHooks(app, provider.getTracer('server-span-spec'));
    app.addHook('onRequest', (request, reply, done) => {
      if (request.url === '/hit') {
        reply.header('x-cache', 'HIT').send({ cached: true });
        return;
      }
      done();
    });
    app.get('/hit', async () => ({ cached: false }));
    app.get('/v1/staff/:code', async (request) => ({ code: (request.params as { code: string }).code }));
    app.get('/fails', async () => {
      throw new Error('boom');
    });
    app.get('/trace-id', async (request) => ({ traceId: traceIdOf(request) ?? null }));
    app.get('/slow', () => new Promise(() => undefined));
    app.get('/stream', (_request, reply) => {
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
      reply.raw.write(': open\n\n');
      streamOpened();
      return reply;
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await provider.shutdown();
    propagation.disable();
  });
  beforeEach(() => exporter.reset());

  async function ended(count = 1): Promise<ReadableSpan[]> {
    for (let i = 0; i < 200 && exporter.getFinishedSpans().length < count; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return exporter.getFinishedSpans();
  }

  it.each([
    ['GET', '/v1/staff/b01', 200, 'GET /v1/staff/:code'],
    ['HEAD', '/v1/staff/b01', 200, 'HEAD /v1/staff/:code'],
    ['GET', '/nowhere', 404, 'GET'],
  ])('%s %s: one span, %i, named %s', async (method, path, status, name) => {
    expect((await fetch(`${origin}${path}`, { method })).status).toBe(status);
    const [span, ...more] = await ended();
    expect(more).toEqual([]);
    expect(span.name).toBe(name);
    expect(span.attributes['http.response.status_code']).toBe(status);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('an answer sent from an onRequest hook (a cache hit) ends the span with its cache status', async () => {
    const response = await fetch(`${origin}/hit`);
    expect(await response.json()).toEqual({ cached: true });
    const [span] = await ended();
    expect(span.attributes).toMatchObject({ 'http.response.status_code': 200, 'youmi.cache.status': 'HIT' });
  });

  it('a 5xx marks the span as an error', async () => {
    expect((await fetch(`${origin}/fails`)).status).toBe(500);
    const [span] = await ended();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('500');
  });

  it('a problem may name the trace only when it is sampled', async () => {
    const trace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const asked = (flags: string) =>
      fetch(`${origin}/trace-id`, { headers: { traceparent: `00-${trace}-00f067aa0ba902b7-${flags}` } });
    expect(await (await asked('01')).json()).toEqual({ traceId: trace });
    expect(await (await asked('00')).json()).toEqual({ traceId: null });
    const spans = await ended();
    expect(spans.map((span) => span.spanContext().traceId)).toEqual([trace]);
  });

  it('a request the client gives up before any answer ends as an error', async () => {
    const gaveUp = httpRequest(`${origin}/slow`);
    gaveUp.on('error', () => undefined);
    gaveUp.end();
    await new Promise((resolve) => setTimeout(resolve, 100));
    gaveUp.destroy();
    const [span] = await ended();
    expect(span.name).toBe('GET /slow');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('aborted');
  });

  it('an event stream the client closes ends with its status, not as an error', async () => {
    const opened = new Promise<void>((resolve) => (streamOpened = resolve));
    const stream = httpRequest(`${origin}/stream`);
    stream.on('error', () => undefined);
    stream.on('response', (response) => response.resume());
    stream.end();
    await opened;
    stream.destroy();
    const [span] = await ended();
    expect(span.name).toBe('GET /stream');
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes['http.response.status_code']).toBe(200);
    expect(span.attributes).not.toHaveProperty('error.type');
  });
});
