import { inspect } from 'node:util';
import {
  upstreamStatus,
  VendorAuthError,
  VendorEnvelopeError,
  VendorError,
  VendorNetworkError,
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
