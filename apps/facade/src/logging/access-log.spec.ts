import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { loadFacadeConfig } from '../config/facade-config';
import { registerCachedAnswerHook } from '../answers/cached-answer.hook';
import { RenderedAnswers } from '../answers/rendered-answers';
import { AccessLog, registerAnsweredHook } from './access-log';
import type { LogDestination } from './log-destination';

const NOW = Date.parse('2026-12-07T10:00:00Z');

interface Line {
  level: number;
  msg: string;
  req: { id: string; method: string; url: string };
  res: { statusCode: number };
  responseTime: number;
}

function accessLog(level = 'info'): { log: AccessLog; lines: Line[]; raw: string[] } {
  const lines: Line[] = [];
  const raw: string[] = [];
  const destination = {
    write: (line: string) => {
      raw.push(line);
      lines.push(JSON.parse(line));
    },
  } as unknown as LogDestination;
  return { log: new AccessLog(loadFacadeConfig({ LOG_LEVEL: level }), destination), lines, raw };
}

describe('AccessLog', () => {
  it.each([
    [200, 30],
    [304, 30],
    [404, 40],
    [429, 40],
    [502, 50],
  ])('writes one `request completed` line for a %i, at level %i', (status, level) => {
    const { log, lines } = accessLog();
    log.completed('req-1', 'GET', '/v1/staff?limit=5', status, 2.6);
    expect(lines).toEqual([
      expect.objectContaining({
        level,
        msg: 'request completed',
        req: { id: 'req-1', method: 'GET', url: '/v1/staff?limit=5' },
        res: { statusCode: status },
        responseTime: 3,
      }),
    ]);
  });

  it.each(['/health/live', '/health/ready?probe=1', '/metrics'])(
    'leaves out probes and scrapes: %s',
    (url) => {
      const { log, lines } = accessLog();
      log.completed('req-2', 'GET', url, 200, 1);
      expect(lines).toEqual([]);
    },
  );

  it.each([
    ['req-1', 'GET', '/v1/staff?limit=5', 200, 2.4],
    ['a"b\\c', 'HEAD', '/v1/labels?q=标签&x="y"\\z', 304, 0],
    ['req-2', 'GET', '/v1/staff/\u0001\ud800\u2028', 404, 12.5],
    ['req-3', 'POST', '/v1/webhooks', 502, 1500.49],
  ])(
    'writes, byte for byte, the line pino writes for the same fields (%s %s %s)',
    (id, method, url, status, ms) => {
      jest.useFakeTimers({ now: 1_765_000_000_123 });
      try {
        const { log, raw } = accessLog('info');
        const expected: string[] = [];
        const reference = pino({ level: 'info' }, { write: (line: string) => expected.push(line) });
        log.completed(id, method, url, status, ms);
        reference[status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info'](
          { req: { id, method, url }, res: { statusCode: status }, responseTime: Math.round(ms) },
          'request completed',
        );
        expect(raw).toEqual(expected);
      } finally {
        jest.useRealTimers();
      }
    },
  );

  it('writes nothing below its level', () => {
    const { log, lines } = accessLog('warn');
    log.completed('req-3', 'GET', '/v1/staff', 200, 1);
    log.completed('req-4', 'GET', '/v1/staff', 404, 1);
    expect(lines.map((line) => line.req.id)).toEqual(['req-4']);
  });
});

describe('registerAnsweredHook', () => {
  let fastify: FastifyInstance;
  let counted: [string, string, number][];
  let hits: number;
  let lines: Line[];
  let answers: RenderedAnswers;

  beforeEach(async () => {
    counted = [];
    hits = 0;
    const log = accessLog();
    lines = log.lines;
    answers = new RenderedAnswers();
    fastify = Fastify({ genReqId: () => 'req-9' });
    registerCachedAnswerHook(fastify, answers, () => NOW);
    registerAnsweredHook(
      fastify,
      {
        httpAnswered: (method, route, status) => counted.push([method, route, status]),
        cacheEvent: () => (hits += 1),
      },
      log.log,
    );
    fastify.get('/v1/staff/:code', async () => ({ code: 'b01' }));
    await fastify.ready();
  });
  afterEach(() => fastify.close());

  it('counts and logs every answer under its route pattern, one that matched no route as unmatched', async () => {
    await fastify.inject({ method: 'GET', url: '/v1/staff/b01' });
    await fastify.inject({ method: 'GET', url: '/nowhere' });
    expect(counted).toEqual([
      ['GET', '/v1/staff/:code', 200],
      ['GET', 'unmatched', 404],
    ]);
    expect(lines.map((line) => [line.req.url, line.res.statusCode])).toEqual([
      ['/v1/staff/b01', 200],
      ['/nowhere', 404],
    ]);
    expect(hits).toBe(0);
  });

  it('counts a cache hit for an answer the cached-answer hook sent, and logs it like any other', async () => {
    const body = Buffer.from('{"code":"b01"}');
    answers.set(RenderedAnswers.key('/v1/staff/b01', false), {
      version: 'v1',
      body,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      etag: '"e"',
      freshUntil: NOW + 60_000,
    });
    await fastify.inject({ method: 'GET', url: '/v1/staff/b01' });
    expect(hits).toBe(1);
    expect(counted).toEqual([['GET', '/v1/staff/:code', 200]]);
    expect(lines).toEqual([
      expect.objectContaining({ req: { id: 'req-9', method: 'GET', url: '/v1/staff/b01' } }),
    ]);
  });
});
