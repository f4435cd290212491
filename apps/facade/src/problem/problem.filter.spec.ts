import { BadRequestException, Logger, ServiceUnavailableException, type ArgumentsHost } from '@nestjs/common';
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
import { MethodRoutes } from './method-routes';
import { notFoundProblem, ProblemException, problem } from './problem';
import { ProblemFilter } from './problem.filter';

// The filter logs 5xx answers; the assertions here are about what it answers.
Logger.overrideLogger(false);

const config = loadFacadeConfig({ UPSTREAM_TIMEOUT_MS: '750' });
const document = new ApiDocument();
document.buildWith(() => ({ openapi: '3.0.0', info: { title: 't', version: '1' }, paths: { '/v1/staff': { get: {} }, '/v1/staff/{code}': { get: {} } } }) as never);
const routes = new MethodRoutes(document);
const filter = new ProblemFilter(config, routes);

/** What the filter answered for `exception` on a request to `url` (matched to a route unless `routed` is false). */
function answer(exception: unknown, { url = '/v1/staff?limit=5', method = 'GET', routed = true } = {}) {
  const sent: { status?: number; headers: Record<string, string>; body?: Record<string, unknown> } = { headers: {} };
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
  const request = { url, method, id: 'req-7', routeOptions: { url: routed ? '/v1/staff' : undefined } };
  filter.catch(exception, { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ArgumentsHost);
  return sent;
}

describe('ProblemFilter', () => {
  it('answers a problem exception as it is, with its headers, the path and the request id', () => {
    const sent = answer(new ProblemException(problem(429, 'rate-limited', 'Slow down.'), { 'retry-after': '17' }));
    expect(sent.status).toBe(429);
    expect(sent.headers).toMatchObject({ 'retry-after': '17', 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store' });
    expect(sent.body).toEqual({
      type: 'urn:youmi-facade:problem:rate-limited',
      title: 'Too Many Requests',
      status: 429,
      detail: 'Slow down.',
      instance: '/v1/staff',
      requestId: 'req-7',
    });
    expect(answer(notFoundProblem('No staff member has code "x".')).body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it.each([
    [new VendorTimeoutError({ endpoint: 'WeCaht', attempts: 1, timeoutMs: 750 }), 504, 'upstream-timeout', undefined, 'The vendor did not answer WeCaht within 750 ms.'],
    [new VendorNetworkError({ endpoint: 'staff', attempts: 3 }), 503, 'upstream-unreachable', '5', 'The vendor could not be reached for staff.'],
    [new VendorCircuitOpenError({ endpoint: 'Label', attempts: 0 }), 503, 'upstream-circuit-open', '10', "Calls to the vendor's Label are paused after repeated failures."],
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
    const envelope = answer(new VendorEnvelopeError({ endpoint: 'staff', attempts: 1, upstream: upstreamStatus(200012, '参数错误', 'r-1') }));
    expect(envelope.status).toBe(502);
    expect(envelope.body).toMatchObject({
      detail: 'The vendor refused staff with errmsg 200012: bad parameter (用户传参错误).',
      upstream: { code: 200012, description: 'bad parameter', requestId: 'r-1' },
    });
    const refused = answer(new VendorAuthError({ endpoint: 'GetAccessToken', attempts: 1, upstream: upstreamStatus(200006, '', null) }));
    expect(refused.body?.['detail']).toMatch(/Check UPSTREAM_APP_ID and UPSTREAM_APP_KEY\.$/);
    const clock = answer(new VendorAuthError({ endpoint: 'staff', attempts: 2, upstream: upstreamStatus(200005, '', null), clockOffsetMs: -664_000 }));
    expect(clock.body?.['detail']).toBe(
      "The vendor refused staff with errmsg 200005: the request is more than 10 minutes old (请求已超过10分钟). Our clock is 11 min 4 s behind the vendor's; check the host's clock.",
    );
  });

  it('turns Nest’s own exceptions into problems, readiness checks included', () => {
    expect(answer(new BadRequestException('Bad body')).body).toMatchObject({ status: 400, type: 'urn:youmi-facade:problem:bad-request', detail: 'Bad body' });
    const notReady = answer(new ServiceUnavailableException({ status: 'error', details: { vendor: { status: 'down' } } }));
    expect(notReady.body).toMatchObject({ status: 503, checks: { vendor: { status: 'down' } } });
  });

  it('answers 404 for an unknown path and 405 with Allow for a known one asked with another method', () => {
    expect(answer(new Error('no route'), { url: '/v1/nothing', routed: false })).toMatchObject({
      status: 404,
      body: { detail: 'No resource at GET /v1/nothing.' },
    });
    const wrongMethod = answer(new Error('no route'), { url: '/v1/staff/b01', method: 'DELETE', routed: false });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers['allow']).toBe('GET, HEAD');
  });

  it('answers Fastify’s own client errors with their status', () => {
    expect(answer(Object.assign(new Error('Unsupported Media Type'), { statusCode: 415 })).body).toMatchObject({ status: 415, detail: 'Unsupported media type.' });
  });

  it('answers anything else as a 500 that shows nothing internal', () => {
    const sent = answer(new TypeError('secret-ish internals at line 42'));
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('secret-ish');
    expect(sent.body).toMatchObject({ type: 'urn:youmi-facade:problem:internal', requestId: 'req-7' });
  });
});
