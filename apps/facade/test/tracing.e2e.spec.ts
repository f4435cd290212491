import { createServer, type Server } from 'node:http';
import {
  freePort,
  NEW_LABEL,
  runFacadeProcess,
  startFacadeProcess,
  startSimulator,
  type RunningFacadeProcess,
  type RunningSimulator,
} from '@youmi-facade/testing';
import { sharedRedis, SHARED_REDIS_URL } from './redis-harness';

// The OTLP types as @opentelemetry/otlp-transformer 0.57 ships them (protobufjs), to decode what is received.
const { opentelemetry } = require('@opentelemetry/otlp-transformer/build/src/generated/root');
const ExportTraceServiceRequest = opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

const APP_KEY = 'tracing-spec-appkey-5e1f';
const API_KEY = 'tracing-spec-api-key-93ab';
const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

interface Received {
  path: string;
  contentType: string;
  body: Buffer;
}

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  status: { code?: number };
  attributes: Record<string, unknown>;
  links: string[];
}

const SERVER = 2;
const CLIENT = 3;
const STATUS_ERROR = 2;

/** An OTLP/HTTP receiver: records every request's raw bytes and answers success. */
async function startReceiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const contentType = request.headers['content-type'] ?? '';
      received.push({ path: request.url ?? '', contentType, body: Buffer.concat(chunks) });
      response.writeHead(200, { 'content-type': contentType });
      response.end(contentType.includes('json') ? '{}' : undefined);
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, received, server };
}

function valueOf(any: Record<string, unknown>): unknown {
  for (const key of ['stringValue', 'intValue', 'boolValue', 'doubleValue']) {
    if (any[key] !== undefined && any[key] !== null) return key === 'intValue' ? Number(any[key]) : any[key];
  }
  const array = any['arrayValue'] as { values?: Record<string, unknown>[] } | undefined;
  return array?.values?.map(valueOf);
}

const hex = (value: unknown): string =>
  typeof value === 'string' ? value : Buffer.from(value as Uint8Array).toString('hex');

/** Every span in the received exports, decoded from JSON or protobuf as its content type says. */
function spansOf(received: Received[]): Span[] {
  const spans: Span[] = [];
  for (const { contentType, body } of received) {
    const request = contentType.includes('json')
      ? JSON.parse(body.toString('utf8'))
      : ExportTraceServiceRequest.toObject(ExportTraceServiceRequest.decode(body), {
          longs: String,
          defaults: false,
        });
    for (const resourceSpans of request.resourceSpans ?? []) {
      for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
        for (const span of scopeSpans.spans ?? []) {
          spans.push({
            traceId: hex(span.traceId),
            spanId: hex(span.spanId),
            parentSpanId: span.parentSpanId ? hex(span.parentSpanId) : '',
            name: span.name,
            kind: span.kind,
            status: span.status ?? {},
            attributes: Object.fromEntries(
              (span.attributes ?? []).map((a: { key: string; value: Record<string, unknown> }) => [
                a.key,
                valueOf(a.value),
              ]),
            ),
            links: (span.links ?? []).map((link: { spanId: unknown }) => hex(link.spanId)),
          });
        }
      }
    }
  }
  return spans;
}

async function eventually<T>(read: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  // Bounds a hang, not a speed: the batch processor exports every 100 ms here, the feed polls every second.
  for (let waited = 0; waited < 20_000; waited += 50) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never received ${what}`);
}

function ancestors(spans: Span[], span: Span): Span[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const chain: Span[] = [];
  for (let at = byId.get(span.parentSpanId); at; at = byId.get(at.parentSpanId)) chain.push(at);
  return chain;
}

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ env: { SIM_APP_KEY: APP_KEY } });
});
afterAll(async () => {
  await sim?.stop();
});
beforeEach(() => sim.reset());

/** A secret some receivers keep in the webhook URL's path: it must never be exported. */
const WEBHOOK_PATH_SECRET = 'p4th-s3cret-0f-the-receiver';

function facadeEnv(extra: Record<string, string>): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    UPSTREAM_BASE_URL: sim.baseUrl,
    UPSTREAM_APP_ID: sim.appId,
    UPSTREAM_APP_KEY: APP_KEY,
    FACADE_API_KEYS: API_KEY,
    CHANGES_POLL_SECONDS: '0',
    CACHE_TTL_SECONDS: '0',
    CACHE_STALE_SECONDS: '0',
    ...extra,
  };
}

describe.each(['http/protobuf', 'http/json'])('tracing exported over OTLP %s', (protocol) => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let facade: RunningFacadeProcess;
  let origin: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    facade = await startFacadeProcess(
      facadeEnv({
        LOG_LEVEL: 'info',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
        OTEL_SERVICE_NAME: 'facade-under-test',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      }),
    );
    origin = facade.origin;
  });
  afterAll(async () => {
    await facade?.stop();
    await new Promise((resolve) => receiver?.server.close(resolve));
  });

  it("continues the caller's trace: server span, cache decision, vendor call and token request beneath", async () => {
    // Once the token of the start is held, a revoked one is renewed within the call, in this trace.
    expect((await fetch(`${origin}/v1/ad-groups`, { headers: { 'x-api-key': API_KEY } })).status).toBe(200);
    await sim.revokeTokens();
    const response = await fetch(`${origin}/v1/staff`, {
      headers: { 'x-api-key': API_KEY, traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` },
    });
    expect(response.status).toBe(200);
    const server = await eventually(
      () =>
        spansOf(receiver.received).find(
          (s) => s.traceId === CALLER_TRACE && s.kind === SERVER && s.name === 'GET /v1/staff',
        ),
      'the server span',
    );
    expect(receiver.received.every((r) => r.path === '/v1/traces')).toBe(true);
    expect(server.parentSpanId).toBe(CALLER_SPAN);
    expect(server.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.route': '/v1/staff',
      'http.response.status_code': 200,
      'youmi.cache.status': 'MISS',
    });
    const vendor = await eventually(() => {
      const spans = spansOf(receiver.received);
      const call = spans.find(
        (s) => s.traceId === CALLER_TRACE && s.kind === CLIENT && s.name === 'GET staff',
      );
      return call && ancestors(spans, call).some((s) => s.spanId === server.spanId) ? call : undefined;
    }, 'the vendor call beneath the server span');
    expect(vendor.attributes).toMatchObject({ 'vendor.endpoint': 'staff', 'http.response.status_code': 200 });
    const spans = spansOf(receiver.received).filter((s) => s.traceId === CALLER_TRACE);
    expect(spans.find((s) => s.name === 'cache lookup')?.attributes).toMatchObject({
      'youmi.cache.status': 'MISS',
      'youmi.cache.refresh': 'started',
    });
    expect(spans.map((s) => s.name)).toContain('POST GetAccessToken');

    // Log lines are written in batches: the access log's comes once its batch is flushed.
    const lines = await eventually(() => {
      const traced = facade
        .stdout()
        .split('\n')
        .filter((line) => line.includes(CALLER_TRACE));
      return traced.some((line) => JSON.parse(line).msg === 'request completed') ? traced : undefined;
    }, 'the access log line with the trace id');
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ trace_id: CALLER_TRACE });
  });

  it('marks a vendor failure as errors, with the code and its meaning, and puts the trace id in the problem', async () => {
    await sim.addFault({ endpoint: 'AdManage', errmsg: 200012 });
    const response = await fetch(`${origin}/v1/ad-groups`, { headers: { 'x-api-key': API_KEY } });
    expect(response.status).toBe(502);
    const problem = (await response.json()) as { traceId?: string; requestId?: string };
    expect(problem.traceId).toMatch(/^[0-9a-f]{32}$/);
    const server = await eventually(
      () => spansOf(receiver.received).find((s) => s.traceId === problem.traceId && s.kind === SERVER),
      'the failed request',
    );
    expect(server.status.code).toBe(STATUS_ERROR);
    expect(server.attributes['http.response.status_code']).toBe(502);
    const attempt = await eventually(
      () =>
        spansOf(receiver.received).find((s) => s.traceId === problem.traceId && s.name === 'GET AdManage'),
      'the failed vendor call',
    );
    expect(attempt.status.code).toBe(STATUS_ERROR);
    expect(attempt.attributes['vendor.errmsg']).toBe(200012);
    expect(attempt.attributes['vendor.errmsg.meaning']).toEqual(expect.any(String));
  });

  it('exports no appkey, token, signature or API key', async () => {
    await fetch(`${origin}/v1/label-categories`, { headers: { 'x-api-key': API_KEY } });
    await fetch(`${origin}/v1/labels`, { headers: { 'x-api-key': 'a-wrong-key' } });
    await eventually(
      () =>
        spansOf(receiver.received).some((s) => s.name === 'GET /v1/labels') &&
        spansOf(receiver.received).some((s) => s.name === 'GET Label')
          ? true
          : undefined,
      'both requests',
    );
    const raw = Buffer.concat(receiver.received.map((r) => r.body)).toString('latin1');
    expect(raw).not.toContain(APP_KEY);
    expect(raw).not.toContain(API_KEY);
    expect(raw).not.toContain('a-wrong-key');
    expect(raw).not.toMatch(/signature|access_token|nonce/i);
    // The simulator's tokens are 48 hex digits; trace and span ids are 32 and 16.
    expect(raw).not.toMatch(/[0-9a-f]{48}/);
  });
});

describe('tracing with Redis and the change feed', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let redis: Awaited<ReturnType<typeof sharedRedis>>;
  let webhookPort: number;
  let webhooks: Server;
  let facade: RunningFacadeProcess;

  beforeAll(async () => {
    receiver = await startReceiver();
    redis = await sharedRedis();
    webhooks = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(204).end());
    });
    webhookPort = await freePort();
    await new Promise<void>((resolve) => webhooks.listen(webhookPort, '127.0.0.1', resolve));
    facade = await startFacadeProcess(
      facadeEnv({
        REDIS_URL: SHARED_REDIS_URL,
        REDIS_KEY_PREFIX: redis.prefix,
        CHANGES_POLL_SECONDS: '1',
        WEBHOOK_URLS: `http://127.0.0.1:${webhookPort}/hooks/T0/B1/${WEBHOOK_PATH_SECRET}`,
        WEBHOOK_SECRET: `whsec_${Buffer.from('tracing-spec-webhook-signing-key').toString('base64')}`,
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '100',
        // Detection keeps what it reads in the cache: a cache that keeps nothing would hide every change.
        CACHE_TTL_SECONDS: '60',
        CACHE_STALE_SECONDS: '600',
      }),
    );
  });
  afterAll(async () => {
    await facade?.stop();
    await new Promise((resolve) => receiver?.server.close(resolve));
    await new Promise((resolve) => webhooks?.close(resolve));
    await redis?.cleanUp();
  });

  it('shows Redis commands beneath the server span, never their keys', async () => {
    const response = await fetch(`${facade.origin}/v1/label-categories`, {
      headers: { 'x-api-key': API_KEY, traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` },
    });
    expect(response.status).toBe(200);
    const command = await eventually(
      () =>
        spansOf(receiver.received).find(
          (s) => s.traceId === CALLER_TRACE && s.attributes['db.system.name'] === 'redis',
        ),
      'a Redis command',
    );
    expect(command.kind).toBe(CLIENT);
    expect(command.attributes['db.operation.name']).toBe(command.name);
    const raw = Buffer.concat(receiver.received.map((r) => r.body)).toString('utf8');
    expect(raw).not.toContain(redis.prefix);
  });

  it('follows a change from the poll that found it to its webhook delivery', async () => {
    // The first poll that leads (after the lease is taken) records the baseline; the label added after
    // it is an event of a later poll.
    const origin = facade.origin;
    await eventually(async () => {
      const metrics = await (await fetch(`${origin}/metrics`)).text();
      return /^facade_change_polls_total\{outcome="ok"\} [1-9]/m.test(metrics) ? true : undefined;
    }, 'a first poll that leads');
    await sim.changeRecords({ endpoint: 'wecahtlabel', op: 'add', record: NEW_LABEL });
    const poll = await eventually(
      () =>
        spansOf(receiver.received).find(
          (s) => s.name === 'change-feed poll' && Array.isArray(s.attributes['youmi.change.event_ids']),
        ),
      'the poll that recorded the change',
    );
    const ids = poll.attributes['youmi.change.event_ids'] as string[];
    const delivery = await eventually(
      () =>
        spansOf(receiver.received).find(
          (s) => s.name === 'webhook POST' && ids.includes(s.attributes['youmi.change.event_id'] as string),
        ),
      'its webhook delivery',
    );
    expect(delivery.kind).toBe(CLIENT);
    expect(delivery.links).toContain(poll.spanId);
    expect(delivery.status.code).not.toBe(STATUS_ERROR);
    expect(delivery.attributes).toMatchObject({ 'server.address': '127.0.0.1', 'server.port': webhookPort });
    const exported = Buffer.concat(receiver.received.map((r) => r.body)).toString('utf8');
    expect(exported).not.toMatch(/whsec_|webhook-signature/i);
    expect(exported).not.toContain(WEBHOOK_PATH_SECRET);
  });
});

describe('tracing off', () => {
  it.each<[string, (receiverUrl: string) => Record<string, string>]>([
    ['without OTEL_*', () => ({ OTEL_SERVICE_NAME: 'not-enough-to-trace' })],
    [
      'with OTEL_SDK_DISABLED=true',
      (url) => ({
        OTEL_EXPORTER_OTLP_ENDPOINT: url,
        OTEL_SDK_DISABLED: 'true',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      }),
    ],
    [
      'with OTEL_TRACES_EXPORTER=none',
      (url) => ({
        OTEL_EXPORTER_OTLP_ENDPOINT: url,
        OTEL_TRACES_EXPORTER: 'none',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      }),
    ],
  ])('%s the facade attempts no connection and adds no trace id', async (_case, otel) => {
    const receiver = await startReceiver();
    const connections: unknown[] = [];
    receiver.server.on('connection', (socket) => connections.push(socket));
    const facade = await startFacadeProcess(facadeEnv({ ...otel(receiver.url), LOG_LEVEL: 'info' }));
    try {
      const origin = facade.origin;
      await sim.addFault({ endpoint: 'AdManage', errmsg: 200012 });
      const response = await fetch(`${origin}/v1/ad-groups`, {
        headers: { 'x-api-key': API_KEY, traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` },
      });
      expect(response.status).toBe(502);
      expect(await response.json()).not.toHaveProperty('traceId');
    } finally {
      // A running SDK would export what it holds at shutdown, at the latest.
      const run = await facade.stop();
      expect(run.stdout).not.toContain('trace_id');
      await new Promise((resolve) => receiver.server.close(resolve));
    }
    expect(connections).toHaveLength(0);
  });

  it('refuses an exporter it cannot honour, naming the variable', async () => {
    const run = await runFacadeProcess(
      facadeEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }),
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('OTEL_EXPORTER_OTLP_PROTOCOL');
  });
});
