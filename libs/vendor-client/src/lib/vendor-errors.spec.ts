import { inspect } from 'node:util';
import {
  explainVendorFailure,
  upstreamStatus,
  VendorAuthError,
  VendorCircuitOpenError,
  VendorEnvelopeError,
  VendorError,
  VendorMalformedResponseError,
  VendorNetworkError,
  VendorTimeoutError,
} from './vendor-errors';

describe('VendorError', () => {
  it('carries endpoint, attempts and the documented meaning of the code', () => {
    const error = new VendorEnvelopeError({
      endpoint: 'staff/GetStaffWechat',
      attempts: 2,
      upstream: upstreamStatus(200010, '员工号不存在', 'r-1'),
    });
    expect(error).toBeInstanceOf(VendorError);
    expect(error.kind).toBe('envelope');
    expect(error.toJSON()).toEqual({
      name: 'VendorEnvelopeError',
      kind: 'envelope',
      message:
        'vendor answered a failure envelope on staff/GetStaffWechat: errmsg 200010 (no such staff code)',
      endpoint: 'staff/GetStaffWechat',
      attempts: 2,
      upstream: {
        code: 200010,
        description: '员工号不存在',
        meaning: 'no such staff code',
        wording: '员工号不存在',
        class: 'business',
        requestId: 'r-1',
      },
    });
  });

  it('says how far apart the clocks are when the vendor refused a timestamp', () => {
    const error = new VendorAuthError({
      endpoint: 'staff',
      attempts: 2,
      upstream: upstreamStatus(200005, '', null),
      clockOffsetMs: 664_000,
    });
    expect(error.message).toBe(
      "vendor refused authentication on staff: errmsg 200005 (the request is more than 10 minutes old); our clock is 11 min 4 s ahead of the vendor's",
    );
    expect(error.toJSON()).toMatchObject({ clockOffsetMs: 664_000 });
    const credentials = new VendorAuthError({
      endpoint: 'GetAccessToken',
      attempts: 1,
      upstream: upstreamStatus(200006, '', null),
      clockOffsetMs: 664_000,
    });
    expect(credentials.message).not.toContain('clock');
    expect(credentials.toJSON()).not.toHaveProperty('clockOffsetMs');
  });

  it('reports an undocumented code with its number', () => {
    const error = new VendorEnvelopeError({
      endpoint: 'staff',
      attempts: 1,
      upstream: upstreamStatus(4711, '?', null),
    });
    expect(error.message).toBe(
      'vendor answered a failure envelope on staff: errmsg 4711 (undocumented code 4711)',
    );
    expect(error.upstream).toMatchObject({ class: 'undocumented', wording: null });
  });

  it('keeps a low-level cause only as name, code and message', () => {
    const low = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
      headers: { access_token: 'secret-token' },
    });
    const error = new VendorNetworkError({ endpoint: 'WeCaht', attempts: 1, cause: low });
    const shown =
      inspect(error, { depth: 5 }) + JSON.stringify(error) + String((error.cause as Error).message);
    expect(shown).not.toContain('secret-token');
    expect((error.cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('names the class in inspect output', () => {
    expect(inspect(new VendorAuthError({ endpoint: 'GetAccessToken', attempts: 1 }))).toMatch(
      /^VendorAuthError: vendor refused authentication/,
    );
  });
});

describe('VendorError messages and serialised forms', () => {
  it.each([
    [
      new VendorTimeoutError({ endpoint: 'WeCaht', attempts: 1, timeoutMs: 300 }),
      'timeout',
      'vendor did not answer WeCaht within 300 ms',
    ],
    [
      new VendorNetworkError({ endpoint: 'WeCaht', attempts: 2 }),
      'network',
      'network failure calling vendor WeCaht',
    ],
    [
      new VendorCircuitOpenError({ endpoint: 'AdManage', attempts: 0 }),
      'circuit-open',
      'circuit for vendor AdManage is open; call not sent',
    ],
    [
      new VendorMalformedResponseError({
        endpoint: 'Label',
        attempts: 3,
        reason: 'HTML page, HTTP 500',
        httpStatus: 500,
      }),
      'malformed-response',
      'vendor answered Label with a body that is not its envelope (HTML page, HTTP 500)',
    ],
    [
      new VendorAuthError({ endpoint: 'GetAccessToken', attempts: 1 }),
      'auth',
      'vendor refused authentication on GetAccessToken',
    ],
    [
      new VendorAuthError({
        endpoint: 'GetAccessToken',
        attempts: 1,
        upstream: upstreamStatus(200006, '加密密钥错误', null),
        clockOffsetMs: 5_000,
      }),
      'auth',
      'vendor refused authentication on GetAccessToken: errmsg 200006 (wrong signing key (the signature does not match the appkey))',
    ],
  ])('%s is kind %s with message %s', (error: VendorError, kind, message) => {
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(message);
    expect(error.toJSON()).toMatchObject({ name: error.constructor.name, kind, message });
  });

  it('serialises the HTTP status only when there was one', () => {
    const withStatus = new VendorMalformedResponseError({
      endpoint: 'Label',
      attempts: 1,
      reason: 'x',
      httpStatus: 503,
    });
    expect(withStatus.toJSON()).toMatchObject({ httpStatus: 503 });
    expect(Object.keys(new VendorNetworkError({ endpoint: 'Label', attempts: 1 }).toJSON())).not.toContain(
      'httpStatus',
    );
  });

  it('shows an error on one line in inspect output, for one log line per failure', () => {
    const error = new VendorEnvelopeError({
      endpoint: 'staff',
      attempts: 2,
      upstream: upstreamStatus(200010, '员工号不存在', 'r-1'),
    });
    expect(inspect(error)).not.toContain('\n');
  });

  it('keeps at most 200 characters of errdesc, and none that is not a string', () => {
    expect(upstreamStatus(200012, 'x'.repeat(300), null).description).toBe('x'.repeat(200));
    expect(upstreamStatus(200012, null, 'r').description).toBe('');
    expect(upstreamStatus(200012, { text: 'no' }, 7)).toMatchObject({ description: '', requestId: null });
  });

  it('has a cause only when one was given', () => {
    expect(Object.hasOwn(new VendorNetworkError({ endpoint: 'WeCaht', attempts: 1 }), 'cause')).toBe(false);
    expect(
      Object.hasOwn(
        new VendorNetworkError({ endpoint: 'WeCaht', attempts: 1, cause: new Error('x') }),
        'cause',
      ),
    ).toBe(true);
  });

  it('keeps a VendorError cause as it is', () => {
    const timeout = new VendorTimeoutError({ endpoint: 'WeCaht', attempts: 1, timeoutMs: 5 });
    expect(new VendorNetworkError({ endpoint: 'WeCaht', attempts: 1, cause: timeout }).cause).toBe(timeout);
  });

  it('keeps a chain of low-level causes, each as name, code and message only', () => {
    const socket = Object.assign(new Error('socket hang up'), {
      code: 'ECONNRESET',
      socket: { token: 'secret-token' },
    });
    const fetchFailed = Object.assign(new TypeError('fetch failed'), { cause: socket });
    const error = new VendorNetworkError({ endpoint: 'WeCaht', attempts: 1, cause: fetchFailed });
    const outer = error.cause as Error;
    expect(outer).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    const inner = outer.cause as Error & { code?: string };
    expect(inner).toBeInstanceOf(Error);
    expect(inner).toMatchObject({ name: 'Error', message: 'socket hang up', code: 'ECONNRESET' });
    expect(Object.keys(inner)).not.toContain('socket');
    // A cause that is not an Error says nothing worth keeping.
    const odd = new VendorNetworkError({
      endpoint: 'WeCaht',
      attempts: 1,
      cause: Object.assign(new Error('x'), { cause: 'text' }),
    });
    expect(Object.hasOwn(odd.cause as Error, 'cause')).toBe(false);
  });
});

describe('explainVendorFailure', () => {
  const auth = (code: number, clockOffsetMs?: number | null) =>
    new VendorAuthError({
      endpoint: 'GetAccessToken',
      attempts: 1,
      upstream: upstreamStatus(code, '', null),
      clockOffsetMs,
    });

  it.each([
    [
      'a refused timestamp',
      auth(200005, -660_000),
      {
        text: "the vendor refused our timestamp: errmsg 200005, the request is more than 10 minutes old (请求已超过10分钟); our clock is 11 min behind the vendor's",
        check: 'clock',
      },
    ],
    [
      'a refused timestamp before any vendor time',
      auth(10006),
      {
        text: "the vendor refused our timestamp: errmsg 10006, the signature's timestamp is no longer valid (签名时间戳失效); the vendor's clock is not known yet (no answer carried its time)",
        check: 'clock',
      },
    ],
    [
      'refused credentials',
      auth(200006, 5_000),
      {
        text: 'the vendor refused our credentials: errmsg 200006, wrong signing key (the signature does not match the appkey) (加密密钥错误)',
        check: 'credentials',
      },
    ],
    [
      'a refusal without the vendor’s wording',
      auth(4711),
      {
        text: 'the vendor refused our credentials: errmsg 4711, undocumented code 4711',
        check: 'credentials',
      },
    ],
    [
      'an auth error without a code',
      new VendorAuthError({ endpoint: 'staff', attempts: 1 }),
      { text: 'vendor refused authentication on staff', check: 'vendor' },
    ],
    [
      'a network failure',
      new VendorNetworkError({ endpoint: 'WeCaht', attempts: 2 }),
      { text: 'network failure calling vendor WeCaht', check: 'network' },
    ],
    [
      'a timeout',
      new VendorTimeoutError({ endpoint: 'WeCaht', attempts: 1, timeoutMs: 300 }),
      { text: 'vendor did not answer WeCaht within 300 ms', check: 'network' },
    ],
    [
      'an open circuit',
      new VendorCircuitOpenError({ endpoint: 'WeCaht', attempts: 0 }),
      { text: 'circuit for vendor WeCaht is open; call not sent', check: 'network' },
    ],
    [
      'a failure envelope',
      new VendorEnvelopeError({ endpoint: 'staff', attempts: 1, upstream: upstreamStatus(200012, '', null) }),
      { text: 'vendor answered a failure envelope on staff: errmsg 200012 (bad parameter)', check: 'vendor' },
    ],
    [
      'a malformed answer',
      new VendorMalformedResponseError({ endpoint: 'Label', attempts: 1, reason: 'invalid JSON, HTTP 200' }),
      {
        text: 'vendor answered Label with a body that is not its envelope (invalid JSON, HTTP 200)',
        check: 'vendor',
      },
    ],
    ['another error', new Error('bug'), { text: 'bug', check: 'vendor' }],
    ['a thrown string', 'odd', { text: 'odd', check: 'vendor' }],
  ])('%s', (_, error, explained) => expect(explainVendorFailure(error)).toEqual(explained));
});
