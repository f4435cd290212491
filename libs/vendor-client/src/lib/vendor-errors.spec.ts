import { inspect } from 'node:util';
import { upstreamStatus, VendorAuthError, VendorEnvelopeError, VendorError, VendorNetworkError } from './vendor-errors';

describe('VendorError', () => {
  it('carries endpoint, attempts and the documented meaning of the code', () => {
    const error = new VendorEnvelopeError({ endpoint: 'staff/GetStaffWechat', attempts: 2, upstream: upstreamStatus(200010, '员工号不存在', 'r-1') });
    expect(error).toBeInstanceOf(VendorError);
    expect(error.kind).toBe('envelope');
    expect(error.toJSON()).toEqual({
      name: 'VendorEnvelopeError',
      kind: 'envelope',
      message: 'vendor answered a failure envelope on staff/GetStaffWechat: errmsg 200010 (no such staff code)',
      endpoint: 'staff/GetStaffWechat',
      attempts: 2,
      upstream: { code: 200010, description: '员工号不存在', meaning: 'no such staff code', requestId: 'r-1' },
    });
  });

  it('keeps a low-level cause only as name, code and message', () => {
    const low = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', headers: { access_token: 'secret-token' } });
    const error = new VendorNetworkError({ endpoint: 'WeCaht', attempts: 1, cause: low });
    const shown = inspect(error, { depth: 5 }) + JSON.stringify(error) + String((error.cause as Error).message);
    expect(shown).not.toContain('secret-token');
    expect((error.cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('names the class in inspect output', () => {
    expect(inspect(new VendorAuthError({ endpoint: 'GetAccessToken', attempts: 1 }))).toMatch(/^VendorAuthError: vendor refused authentication/);
  });
});
