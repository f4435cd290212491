import type { LoggerService } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sharedRedis } from '../../../test/redis-harness';
import { AccessModule } from '../../access/access.module';
import { AccessPolicy, type AccessOutcome } from '../../access/access-policy';
import { KEYED, PUBLIC, type AccessRule } from '../../access/access-rule';
import { loadFacadeConfig } from '../../config/facade-config';
import { FacadeConfigModule } from '../../config/facade-config.module';
import { LOG_DESTINATION } from '../../logging/log-destination';
import { RequestOutcomes } from '../../logging/request-outcomes';
import { MetricsService } from '../../metrics/metrics.service';
import { RATE_LIMITER } from '../../rate-limit/rate-limit.tokens';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from '../../rate-limit/rate-limiter';
import { securityHeaders } from './security-headers';
import { CachedAnswerHandler } from './cached-answer.handler';
import { etagOf, RenderedAnswers, type RenderedAnswer } from './rendered-answers';

const quiet: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined };
// 12:00:50.0: 10 s of the rate limit's window are left.
const WINDOW_NOW = Date.parse('2026-11-27T12:00:50.000Z');
const BODY = Buffer.from('{"data":[{"code":"b03","name":"王秀娟"}]}', 'utf8');

function rendered(overrides: Partial<RenderedAnswer> = {}): RenderedAnswer {
  const etag = etagOf(BODY);
  return {
    version: 'v1',
    body: BODY,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      etag,
      'cache-control': 'private, no-cache',
      vary: 'Accept, Authorization, X-API-Key',
    },
    etag,
    freshUntil: Date.now() + 60_000,
    route: '/v1/staff',
    access: KEYED,
    ...overrides,
  };
}

interface Harness {
  url: string;
  handler: CachedAnswerHandler;
  answers: RenderedAnswers;
  policy: AccessPolicy;
  metrics: MetricsService;
  logLines: Record<string, unknown>[];
  /** The requests passed on to Fastify, with the access decision Fastify would find on them. */
  passedOn: { url: string | undefined; method: string | undefined; outcome?: AccessOutcome }[];
  close: () => Promise<void>;
}

async function harness(limiter: RateLimiter, apiKeys = 'good-key'): Promise<Harness> {
  const logLines: Record<string, unknown>[] = [];
  const module: TestingModule = await Test.createTestingModule({
    imports: [FacadeConfigModule.forRoot(loadFacadeConfig({ FACADE_API_KEYS: apiKeys })), AccessModule],
    providers: [
      MetricsService,
      RenderedAnswers,
      RequestOutcomes,
      CachedAnswerHandler,
      { provide: LOG_DESTINATION, useValue: { write: (line: string) => logLines.push(JSON.parse(line)) } },
    ],
  })
    .overrideProvider(RATE_LIMITER)
    .useValue(limiter)
    .setLogger(quiet)
    .compile();
  const handler = module.get(CachedAnswerHandler);
  const policy = module.get(AccessPolicy);
  const passedOn: Harness['passedOn'] = [];
  // Stands in for Fastify: it answers whatever the handler passes on.
  const fastify = async (request: IncomingMessage, response: import('node:http').ServerResponse) => {
    const outcome = await policy.check(request, KEYED);
    passedOn.push({ url: request.url, method: request.method, outcome });
    if (!response.headersSent) response.writeHead(299, { 'x-answered-by': 'fastify' }).end('fastify');
  };
  const server: Server = createServer((request, response) =>
    handler.handle(request, response, () => void fastify(request, response)),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    handler,
    answers: module.get(RenderedAnswers),
    policy,
    metrics: module.get(MetricsService),
    logLines,
    passedOn,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await module.close();
    },
  };
}

const KEY = { 'x-api-key': 'good-key' };

describe('CachedAnswerHandler', () => {
  let h: Harness;
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(`${h.url}${path}`, { method, headers });

  beforeEach(async () => {
    h = await harness(new MemoryRateLimiter(3, () => WINDOW_NOW));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await h.close();
  });

  describe('repeats a fresh rendered answer itself', () => {
    beforeEach(() => h.answers.set(RenderedAnswers.key('/v1/staff?limit=5', false), rendered()));

    it('with the same bytes and every header Nest would send, X-Cache HIT', async () => {
      const response = await get('/v1/staff?limit=5', { ...KEY, 'x-request-id': 'trace-42' });
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(BODY);
      const headers = Object.fromEntries(response.headers);
      expect(headers).toMatchObject({
        ...securityHeaders(),
        ...rendered().headers,
        'x-request-id': 'trace-42',
        'x-cache': 'HIT',
        'content-length': String(BODY.length),
        'ratelimit-limit': '3',
        'ratelimit-remaining': '2',
        'ratelimit-reset': '10',
      });
      expect(h.passedOn).toEqual([]);
    });

    it.each([
      ['its ETag', () => etagOf(BODY)],
      ['a list holding it, weak', () => `"other", W/${etagOf(BODY)}`],
      ['*', () => '*'],
    ])('as 304 without a body for If-None-Match with %s', async (_case, ifNoneMatch) => {
      const response = await get('/v1/staff?limit=5', { ...KEY, 'if-none-match': ifNoneMatch() });
      expect(response.status).toBe(304);
      expect(await response.text()).toBe('');
      expect(response.headers.get('etag')).toBe(etagOf(BODY));
      expect(response.headers.get('x-cache')).toBe('HIT');
      expect(response.headers.get('content-length')).toBeNull();
      expect(h.passedOn).toEqual([]);
    });

    it('as 200 for an If-None-Match naming another answer', async () => {
      const response = await get('/v1/staff?limit=5', { ...KEY, 'if-none-match': '"other"' });
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(BODY);
    });

    it('and records the outcome: a cache hit, the request by its route, one log line', async () => {
      await get('/v1/staff?limit=5', { ...KEY, 'x-request-id': 'trace-7' });
      await get('/v1/staff?limit=5', { ...KEY, 'if-none-match': etagOf(BODY) });
      const metrics = await h.metrics.render();
      expect(metrics).toContain('facade_cache_lookups_total{result="hit"} 2');
      expect(metrics).toContain('facade_http_requests_total{method="GET",route="/v1/staff",status="200"} 1');
      expect(metrics).toContain('facade_http_requests_total{method="GET",route="/v1/staff",status="304"} 1');
      expect(h.logLines[0]).toMatchObject({
        msg: 'request completed',
        req: { id: 'trace-7', method: 'GET', url: '/v1/staff?limit=5' },
        res: { statusCode: 200 },
      });
      expect(h.logLines[1]).toMatchObject({ res: { statusCode: 304 } });
    });
  });

  describe('repeats the format asked for', () => {
    beforeEach(() => {
      h.answers.set(
        RenderedAnswers.key('/v1/staff', true),
        rendered({ body: Buffer.from('\uFEFFcode\r\n'), version: 'csv' }),
      );
      h.answers.set(
        RenderedAnswers.key('/v1/staff?format=csv', true),
        rendered({ body: Buffer.from('\uFEFFcode\r\nb03\r\n') }),
      );
    });

    it.each([
      ['Accept: text/csv', '/v1/staff', { accept: 'text/csv' }, '\uFEFFcode\r\n'],
      ['?format=csv', '/v1/staff?format=csv', {}, '\uFEFFcode\r\nb03\r\n'],
    ])('CSV for %s', async (_case, path, headers, body) => {
      const response = await get(path, { ...KEY, ...headers });
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).toString('utf8')).toBe(body);
    });

    it('and passes on JSON it does not hold', async () => {
      expect((await get('/v1/staff', KEY)).status).toBe(299);
      expect(h.passedOn.map((p) => p.url)).toEqual(['/v1/staff']);
    });
  });

  describe('passes the request on to Fastify', () => {
    it.each([
      ['an answer it does not hold', '/v1/labels', 'GET'],
      ['another method', '/v1/staff', 'POST'],
      ['HEAD', '/v1/staff', 'HEAD'],
    ])('for %s', async (_case, path, method) => {
      h.answers.set(RenderedAnswers.key('/v1/staff', false), rendered());
      expect((await get(path, KEY, method)).status).toBe(299);
      expect(h.passedOn).toHaveLength(1);
    });

    it('for an answer whose vendor data is no longer fresh, from the moment it expires', async () => {
      const now = Date.now();
      jest.spyOn(Date, 'now').mockReturnValue(now);
      h.answers.set(RenderedAnswers.key('/v1/staff', false), rendered({ freshUntil: now + 1 }));
      expect((await get('/v1/staff', KEY)).status).toBe(200);
      h.answers.set(RenderedAnswers.key('/v1/staff', false), rendered({ freshUntil: now }));
      expect((await get('/v1/staff', KEY)).status).toBe(299);
    });

    it('once the server is closing', async () => {
      h.answers.set(RenderedAnswers.key('/v1/staff', false), rendered());
      h.handler.close();
      expect((await get('/v1/staff', KEY)).status).toBe(299);
    });

    it.each<[string, Record<string, string>, AccessRule]>([
      ['without a key', {}, KEYED],
      ['with a wrong key', { 'x-api-key': 'bad-key' }, KEYED],
    ])('for a request %s, which Fastify refuses', async (_case, headers, access) => {
      h.answers.set(RenderedAnswers.key('/v1/staff', false), rendered({ access }));
      expect((await get('/v1/staff', headers)).status).toBe(299);
      expect(h.passedOn[0].outcome?.allowed).toBe(false);
    });

    it('over the rate limit, leaving the refusal to Fastify', async () => {
      h.answers.set(RenderedAnswers.key('/v1/staff', false), rendered());
      for (let i = 0; i < 3; i += 1) expect((await get('/v1/staff', KEY)).status).toBe(200);
      expect((await get('/v1/staff', KEY)).status).toBe(299);
      expect(h.passedOn[0].outcome).toMatchObject({ allowed: false, rate: { allowed: false, remaining: 0 } });
    });

    it('when the answer cannot be written, before anything is sent, and records nothing', async () => {
      h.answers.set(
        RenderedAnswers.key('/v1/staff', false),
        rendered({ headers: { 'x-broken': 'line\nbreak' } }),
      );
      const response = await get('/v1/staff', KEY);
      expect(response.status).toBe(299);
      expect(response.headers.get('x-answered-by')).toBe('fastify');
      expect(h.logLines).toEqual([]);
      expect(await h.metrics.render()).not.toContain('facade_cache_lookups_total{result="hit"}');
    });
  });

  describe('passes the request on to Fastify when deciding access fails', () => {
    beforeEach(() => h.answers.set(RenderedAnswers.key('/v1/staff', false), rendered()));

    it.each<[string, () => never | Promise<never>]>([
      [
        'at once',
        () => {
          throw new Error('policy broken');
        },
      ],
      ['later (the rate limit’s Redis is down, say)', () => Promise.reject(new Error('redis down'))],
    ])('%s, without answering itself', async (_case, failing) => {
      jest.spyOn(h.policy, 'check').mockImplementationOnce(failing);
      // A request left hanging would be cut here instead of at the test's own timeout.
      const response = await fetch(`${h.url}/v1/staff`, { headers: KEY, signal: AbortSignal.timeout(2000) });
      expect(response.status).toBe(299);
      expect(h.passedOn.map((p) => p.url)).toEqual(['/v1/staff']);
    });
  });

  it('logs the time it took, within the time the client waited', async () => {
    h.answers.set(RenderedAnswers.key('/v1/staff', false), rendered());
    const before = performance.now();
    expect((await get('/v1/staff', KEY)).status).toBe(200);
    const waited = performance.now() - before;
    const { responseTime } = h.logLines[0] as { responseTime: number };
    expect(responseTime).toBeGreaterThanOrEqual(0);
    expect(responseTime).toBeLessThanOrEqual(Math.ceil(waited));
  });

  it('repeats an answer of a public route to anyone, uncounted', async () => {
    h.answers.set(
      RenderedAnswers.key('/health/live', false),
      rendered({ access: PUBLIC, route: '/health/live' }),
    );
    const response = await get('/health/live');
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit-limit')).toBeNull();
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('CachedAnswerHandler with the rate limit counted in Redis', () => {
  it('repeats the answer once Redis has counted the request, and passes it on once over the limit', async () => {
    const { redis, prefix, cleanUp } = await sharedRedis();
    const h = await harness(new RedisRateLimiter(redis, prefix, 1, () => WINDOW_NOW));
    try {
      h.answers.set(RenderedAnswers.key('/v1/staff', false), rendered());
      const first = await fetch(`${h.url}/v1/staff`, { headers: KEY });
      expect(first.status).toBe(200);
      expect(first.headers.get('ratelimit-remaining')).toBe('0');
      expect(Buffer.from(await first.arrayBuffer())).toEqual(BODY);
      expect((await fetch(`${h.url}/v1/staff`, { headers: KEY })).status).toBe(299);
      expect(h.passedOn[0].outcome).toMatchObject({ allowed: false });
    } finally {
      await h.close();
      await cleanUp();
    }
  });
});
