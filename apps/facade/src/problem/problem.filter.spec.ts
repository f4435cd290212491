import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
  type ArgumentsHost,
  type LoggerService,
} from '@nestjs/common';
import {
  upstreamStatus,
  VendorAuthError,
  VendorCircuitOpenError,
  VendorEnvelopeError,
  VendorMalformedResponseError,
  VendorNetworkError,
  VendorTimeoutError,
} from '@youmi-facade/vendor-client';
import { loadFacadeConfig } from '../config/facade-config';
import { ApiDocument } from '../docs/api-document';
import { MethodRoutes } from '../routing/method-routes';
import { notFoundProblem, ProblemException, problem } from './problem';
import { ProblemFilter } from './problem.filter';

// The filter logs 5xx answers; the assertions here are about what it answers.
Logger.overrideLogger(false);

const config = loadFacadeConfig({ UPSTREAM_TIMEOUT_MS: '750' });
const document = new ApiDocument();
document.buildWith(
  () =>
    ({
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: { '/v1/staff': { get: {} }, '/v1/staff/{code}': { get: {} } },
    }) as never,
);
const routes = new MethodRoutes(document);
const filter = new ProblemFilter(config, routes);

/**
 * What the filter answered for `exception` on a request to `url` (matched to a route unless `routed` is
 * false).
 */
function answer(
  exception: unknown,
  { url = '/v1/staff?limit=5', method = 'GET', routed = true, id = 'req-7' as unknown } = {},
) {
  const sent: { status?: number; headers: Record<string, string>; body?: Record<string, unknown> } = {
    headers: {},
  };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    headers(values: Record<string, string>) {
      Object.assign(sent.headers, values);
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    send(payload: string) {
      sent.body = JSON.parse(payload);
    },
  };
  const request = { url, method, id, routeOptions: { url: routed ? '/v1/staff' : undefined } };
  filter.catch(exception, {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ArgumentsHost);
  return sent;
}

describe('ProblemFilter', () => {
  it('answers a problem exception as it is, with its headers, the path and the request id', () => {
    const sent = answer(
      new ProblemException(problem(429, 'rate-limited', 'Slow down.'), { 'retry-after': '17' }),
    );
    expect(sent.status).toBe(429);
    expect(sent.headers).toMatchObject({
      'retry-after': '17',
      'content-type': 'application/problem+json; charset=utf-8',
      'cache-control': 'no-store',
    });
    expect(sent.body).toEqual({
      type: 'urn:youmi-facade:problem:rate-limited',
      title: 'Too Many Requests',
      status: 429,
      detail: 'Slow down.',
      instance: '/v1/staff',
      requestId: 'req-7',
    });
    expect(answer(notFoundProblem('No staff member has code "x".')).body).toMatchObject({
      status: 404,
      title: 'Not Found',
    });
  });

  it.each([
    [
      new VendorTimeoutError({ endpoint: 'WeCaht', attempts: 1, timeoutMs: 750 }),
      504,
      'upstream-timeout',
      undefined,
      'The vendor did not answer WeCaht within 750 ms.',
    ],
    [
      new VendorNetworkError({ endpoint: 'staff', attempts: 3 }),
      503,
      'upstream-unreachable',
      '5',
      'The vendor could not be reached for staff.',
    ],
    [
      new VendorCircuitOpenError({ endpoint: 'Label', attempts: 0 }),
      503,
      'upstream-circuit-open',
      '10',
      "Calls to the vendor's Label are paused after repeated failures.",
    ],
    [
      new VendorMalformedResponseError({ endpoint: 'AdManage', attempts: 3, reason: 'HTML page, HTTP 500' }),
      502,
      'upstream-malformed',
      undefined,
      'The vendor answered AdManage with a body that is not its documented envelope.',
    ],
  ])('maps a vendor failure to its status: %s', (error, status, kind, retryAfter, detail) => {
    const sent = answer(error);
    expect(sent.status).toBe(status);
    expect(sent.body).toMatchObject({ type: `urn:youmi-facade:problem:${kind}`, detail });
    expect(sent.headers['retry-after']).toBe(retryAfter);
  });

  it('names what the vendor said, in its table’s words, and which setting to check', () => {
    const envelope = answer(
      new VendorEnvelopeError({
        endpoint: 'staff',
        attempts: 1,
        upstream: upstreamStatus(200012, '参数错误', 'r-1'),
      }),
    );
    expect(envelope.status).toBe(502);
    expect(envelope.body).toMatchObject({
      detail: 'The vendor refused staff with errmsg 200012: bad parameter (用户传参错误).',
      upstream: { code: 200012, description: 'bad parameter', requestId: 'r-1' },
    });
    const refused = answer(
      new VendorAuthError({
        endpoint: 'GetAccessToken',
        attempts: 1,
        upstream: upstreamStatus(200006, '', null),
      }),
    );
    expect(refused.body?.['detail']).toMatch(/Check UPSTREAM_APP_ID and UPSTREAM_APP_KEY\.$/);
    const clock = answer(
      new VendorAuthError({
        endpoint: 'staff',
        attempts: 2,
        upstream: upstreamStatus(200005, '', null),
        clockOffsetMs: -664_000,
      }),
    );
    expect(clock.body?.['detail']).toBe(
      "The vendor refused staff with errmsg 200005: the request is more than 10 minutes old (请求已超过10分钟). Our clock is 11 min 4 s behind the vendor's; check the host's clock.",
    );
  });

  it('turns Nest’s own exceptions into problems, readiness checks included', () => {
    expect(answer(new BadRequestException('Bad body')).body).toMatchObject({
      status: 400,
      type: 'urn:youmi-facade:problem:bad-request',
      detail: 'Bad body',
    });
    const notReady = answer(
      new ServiceUnavailableException({ status: 'error', details: { vendor: { status: 'down' } } }),
    );
    expect(notReady.body).toMatchObject({ status: 503, checks: { vendor: { status: 'down' } } });
  });

  it('answers 404 for an unknown path and 405 with Allow for a known one asked with another method', () => {
    expect(answer(new Error('no route'), { url: '/v1/nothing', routed: false })).toMatchObject({
      status: 404,
      body: { detail: 'No resource at GET /v1/nothing.' },
    });
    const wrongMethod = answer(new Error('no route'), {
      url: '/v1/staff/b01',
      method: 'DELETE',
      routed: false,
    });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers['allow']).toBe('GET, HEAD');
  });

  it('answers Fastify’s own client errors with their status', () => {
    expect(
      answer(Object.assign(new Error('Unsupported Media Type'), { statusCode: 415 })).body,
    ).toMatchObject({ status: 415, detail: 'Unsupported media type.' });
  });

  it('answers anything else as a 500 that shows nothing internal', () => {
    const sent = answer(new TypeError('secret-ish internals at line 42'));
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('secret-ish');
    expect(sent.body).toMatchObject({ type: 'urn:youmi-facade:problem:internal', requestId: 'req-7' });
  });
});

describe('ProblemFilter, beyond the common cases', () => {
  it('answers a problem exception as it is even when no route matched', () => {
    const sent = answer(
      new ProblemException(problem(401, 'unauthorized', 'Key?'), {
        'www-authenticate': 'Bearer realm="youmi-facade"',
      }),
      { routed: false },
    );
    expect(sent.status).toBe(401);
    expect(sent.headers['www-authenticate']).toBe('Bearer realm="youmi-facade"');
  });

  it('sends every problem as problem+json that is not to be stored, with the request id as text', () => {
    const sent = answer(new BadRequestException('Bad body'), { id: 42 });
    expect(sent.headers).toEqual({
      'content-type': 'application/problem+json; charset=utf-8',
      'cache-control': 'no-store',
    });
    expect(sent.body).toMatchObject({ instance: '/v1/staff', requestId: '42' });
  });

  it.each([
    [
      'a string response',
      new HttpException('Plain words', 403),
      403,
      'forbidden',
      'Forbidden',
      'Plain words',
    ],
    ['a message list', new BadRequestException(['a', 'b']), 400, 'bad-request', 'Bad Request', 'Bad Request'],
    [
      'an object without message',
      new HttpException({ reason: 'x' }, 409),
      409,
      'conflict',
      'Conflict',
      'Conflict',
    ],
    ['an unknown status', new HttpException({ reason: 'x' }, 599), 599, 'error', 'Error', 'Error'],
    ['a default message', new ForbiddenException(), 403, 'forbidden', 'Forbidden', 'Forbidden'],
  ])('reads the detail of a Nest exception with %s', (_case, exception, status, kind, title, detail) => {
    const sent = answer(exception);
    expect(sent.status).toBe(status);
    expect(sent.body).toEqual({
      type: `urn:youmi-facade:problem:${kind}`,
      title,
      status,
      detail,
      instance: '/v1/staff',
      requestId: 'req-7',
    });
    expect(sent.body).not.toHaveProperty('checks');
  });

  it('answers a Nest 404 on a routed request as the unknown path it names', () => {
    const sent = answer(new NotFoundException('Cannot GET /v1/staff/x/y'), { url: '/v1/staff/x/y?limit=1' });
    expect(sent.status).toBe(404);
    expect(sent.body).toMatchObject({
      type: 'urn:youmi-facade:problem:not-found',
      detail: 'No resource at GET /v1/staff/x/y.',
    });
    expect(sent.headers).not.toHaveProperty('allow');
  });

  it('names a 405 by its method and the methods to use, with Allow', () => {
    const sent = answer(new Error('no route'), { url: '/v1/staff?limit=1', method: 'POST', routed: false });
    expect(sent.status).toBe(405);
    expect(sent.body).toMatchObject({
      type: 'urn:youmi-facade:problem:method-not-allowed',
      title: 'Method Not Allowed',
      detail: 'POST is not allowed here; use GET, HEAD.',
    });
    expect(sent.headers['allow']).toBe('GET, HEAD');
  });

  it('answers 404, not 405, when the method is one the path answers', () => {
    expect(answer(new Error('no route'), { url: '/v1/staff', method: 'HEAD', routed: false }).status).toBe(
      404,
    );
    expect(answer(new Error('no route'), { url: '/v1/staff', method: 'GET', routed: false }).status).toBe(
      404,
    );
  });

  it('names at most 200 characters of an unknown path, without its query', () => {
    const path = `/v1/${'x'.repeat(300)}`;
    const detail = answer(new Error('no route'), { url: `${path}?q=1`, routed: false }).body?.['detail'];
    expect(detail).toBe(`No resource at GET ${path.slice(0, 200)}.`);
  });

  it.each([
    [400, 400, 'bad-request', 'Bad Request'],
    [413, 413, 'payload-too-large', 'Payload Too Large'],
    [415, 415, 'unsupported-media-type', 'Unsupported media type.'],
    [599, 599, 'error', 'Error'],
    [399, 500, 'internal', 'The facade failed to answer; the request id identifies it in the logs.'],
    [600, 500, 'internal', 'The facade failed to answer; the request id identifies it in the logs.'],
  ])('answers a Fastify error of statusCode %i as %i', (statusCode, status, kind, detail) => {
    const sent = answer(Object.assign(new Error('fastify says'), { statusCode }));
    expect(sent.status).toBe(status);
    expect(sent.body).toMatchObject({ type: `urn:youmi-facade:problem:${kind}`, detail });
  });

  it('answers a Fastify 404 as an unknown path and ignores a statusCode that is not a number', () => {
    expect(
      answer(Object.assign(new Error('not found'), { statusCode: 404 }), { url: '/v1/staff/a/b' }).body,
    ).toMatchObject({ detail: 'No resource at GET /v1/staff/a/b.' });
    expect(answer(Object.assign(new Error('odd'), { statusCode: '400' })).status).toBe(500);
    expect(answer(null).status).toBe(500);
    expect(answer('thrown text').status).toBe(500);
  });

  it.each([
    [
      'without a vendor status',
      new VendorAuthError({ endpoint: 'GetAccessToken', attempts: 1 }),
      'The vendor refused GetAccessToken.',
      undefined,
    ],
    [
      'with an undocumented code',
      new VendorEnvelopeError({
        endpoint: 'staff',
        attempts: 1,
        upstream: upstreamStatus(123456, 'huh', null),
      }),
      'The vendor refused staff with errmsg 123456: undocumented code 123456.',
      { code: 123456, description: 'undocumented code 123456', requestId: null },
    ],
    [
      'with a clock refusal whose offset is not known',
      new VendorEnvelopeError({
        endpoint: 'staff',
        attempts: 1,
        upstream: upstreamStatus(200005, '', 'r-2'),
      }),
      "The vendor refused staff with errmsg 200005: the request is more than 10 minutes old (请求已超过10分钟). The vendor's clock is not known yet (no answer carried its time); check the host's clock.",
      { code: 200005, description: 'the request is more than 10 minutes old', requestId: 'r-2' },
    ],
    [
      'with a refusal that is the vendor’s business',
      new VendorEnvelopeError({
        endpoint: 'staff/GetStaffWechat',
        attempts: 1,
        upstream: upstreamStatus(200010, '', null),
      }),
      'The vendor refused staff/GetStaffWechat with errmsg 200010: no such staff code (员工号不存在).',
      { code: 200010, description: 'no such staff code', requestId: null },
    ],
  ])('describes a vendor refusal %s', (_case, error, detail, upstream) => {
    const sent = answer(error);
    expect(sent.status).toBe(502);
    expect(sent.body).toMatchObject({
      type: 'urn:youmi-facade:problem:upstream-failure',
      title: 'Bad Gateway',
      detail,
    });
    expect(sent.body?.['upstream']).toEqual(upstream);
    expect(sent.headers).not.toHaveProperty('retry-after');
  });

  describe('logging', () => {
    const lines: { level: string; message: unknown; rest: unknown[] }[] = [];
    const capture =
      (level: string) =>
      (message: unknown, ...rest: unknown[]) =>
        lines.push({ level, message, rest });
    const logger: LoggerService = {
      log: capture('log'),
      warn: capture('warn'),
      error: capture('error'),
      debug: capture('debug'),
      verbose: capture('verbose'),
    };

    beforeEach(() => {
      lines.length = 0;
      Logger.overrideLogger(logger);
    });
    afterEach(() => Logger.overrideLogger(false));

    it('warns of every 5xx it answers, and only of those', () => {
      answer(new VendorNetworkError({ endpoint: 'staff', attempts: 3 }));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        level: 'warn',
        message: { status: 503, err: { kind: 'network', endpoint: 'staff' } },
      });
      lines.length = 0;
      answer(new BadRequestException('Bad body'));
      answer(notFoundProblem('No.'));
      expect(lines).toEqual([]);
    });

    it('reports an unexpected error with its stack, besides the 500 warning', () => {
      const error = new TypeError('boom');
      answer(error);
      expect(lines.map((line) => line.level)).toEqual(['error', 'warn']);
      expect(lines[0].message).toEqual({ err: { name: 'TypeError', message: 'boom', stack: error.stack } });
      expect(lines[1].message).toMatchObject({ status: 500 });
      // The text an operator searches the logs for, and the logger's name (the last argument).
      expect(lines[0].rest).toEqual(['unhandled error', 'ProblemFilter']);
      expect(lines[1].rest).toEqual([
        'The facade failed to answer; the request id identifies it in the logs.',
        'ProblemFilter',
      ]);
      lines.length = 0;
      answer(7);
      expect(lines[0].message).toEqual({ err: { value: '7' } });
    });
  });
});
