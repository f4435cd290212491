import { request } from 'node:http';
import { createHmac } from 'node:crypto';
import {
  startSimulator,
  signedVendorHeaders,
  vendorSignature,
  type RunningSimulator,
  getToken,
  MSG_TIME,
  nowSeconds,
  tokenBody,
  tokenCall,
  valuesOf,
  vendorCall,
  envelope,
} from '@youmi-facade/testing';
import { vendorCode } from '@youmi-facade/vendor-client/wire';

// Token acquisition and per-call signing, against the built simulator running as its own process.
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.stop());
beforeEach(() => sim.reset());

/** A nonce whose signature's base64 holds '+' or '/', so url-encoding actually changes it. */
function nonceNeedingEscapes(key: string, prefix: string, timestamp: string): string {
  for (let i = 0; ; i++) {
    const nonce = `n${i}`;
    const base64 = createHmac('sha1', key)
      .update(prefix + nonce + timestamp)
      .digest('base64');
    if (/[+/]/.test(base64)) return nonce;
  }
}

function base64Signature(key: string, message: string): string {
  return createHmac('sha1', key).update(message).digest('base64');
}

describe('GetAccessToken', () => {
  it('issues a token for a correct signature, in the documented envelope', async () => {
    const before = nowSeconds();
    const answer = await tokenCall(sim, tokenBody(sim));
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json; charset=utf-8');
    const body = envelope(answer);
    expect(Object.keys(body)).toEqual(['errmsg', 'succeed', 'msgTime', 'values', 'errdesc', 'requestId']);
    expect(body).toMatchObject({ errmsg: 10004, succeed: true, errdesc: null });
    expect(body.msgTime).toMatch(MSG_TIME);
    expect(typeof body.requestId).toBe('string');
    const values = body.values as { access_token: unknown; expires_in: number };
    expect(typeof values.access_token).toBe('string');
    expect((values.access_token as string).length).toBeGreaterThanOrEqual(32);
    // expires_in is an absolute Unix time about 7 days ahead, not a duration.
    expect(values.expires_in).toBeGreaterThanOrEqual(before + 604800);
    expect(values.expires_in).toBeLessThanOrEqual(nowSeconds() + 604800);
  });

  it('issues a different token on every call, each usable', async () => {
    const first = await getToken(sim);
    const second = await getToken(sim);
    expect(first).not.toBe(second);
    for (const token of [first, second])
      expect((await vendorCall(sim, token, 'staff')).json?.errmsg).toBe(20000);
  });

  it('accepts application/json as well as text/json', async () => {
    expect((await tokenCall(sim, tokenBody(sim), 'application/json')).json?.errmsg).toBe(10004);
    expect((await tokenCall(sim, tokenBody(sim), 'text/json')).json?.errmsg).toBe(10004);
  });

  it('accepts the signature url-encoded with upper- or lowercase escapes, or not encoded', async () => {
    const timestamp = String(nowSeconds());
    const nonce = nonceNeedingEscapes(sim.appKey, sim.appId, timestamp);
    const raw = base64Signature(sim.appKey, sim.appId + nonce + timestamp);
    const upper = encodeURIComponent(raw);
    expect(upper).toMatch(/%2[BF]/);
    const lower = upper.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
    for (const Signature of [upper, lower, raw]) {
      const answer = await tokenCall(sim, {
        AppId: sim.appId,
        Nonce: nonce,
        Timestamp: timestamp,
        Signature,
      });
      expect(answer.json?.errmsg).toBe(10004);
    }
  });

  it.each([
    ['AppId missing', { AppId: '' }, 200007],
    ['AppId unknown', { AppId: 'someone-else' }, 200006],
    ['signed with the wrong appkey', { key: 'not-the-key' }, 200006],
    ['signature of another message', { Signature: vendorSignature('test-secret', 'something else') }, 200006],
    ['Nonce missing', { Nonce: '' }, 200002],
    ['Timestamp missing', { Timestamp: '' }, 200003],
    ['Timestamp not a number', { Timestamp: 'yesterday' }, 200003],
    ['Signature missing', { Signature: '' }, 200004],
    ['Timestamp 11 minutes old', { Timestamp: String(nowSeconds() - 660) }, 200005],
    ['Timestamp 11 minutes ahead', { Timestamp: String(nowSeconds() + 660) }, 200005],
    ['Timestamp in milliseconds', { Timestamp: String(Date.now()) }, 200005],
  ])('refuses: %s → %d, with the vendor’s wording', async (_case, overrides, code) => {
    const answer = await tokenCall(sim, tokenBody(sim, overrides));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      errmsg: code,
      succeed: false,
      values: null,
      errdesc: vendorCode(code).wording,
    });
  });

  it.each([
    // Each row breaks every check from its own onwards: the code is the first check that fails.
    ['AppId', { AppId: '', Nonce: '', Timestamp: '', Signature: '' }, 200007],
    ['Nonce', { Nonce: '', Timestamp: '', Signature: '' }, 200002],
    ['Timestamp', { Timestamp: 'x', Signature: '' }, 200003],
    ['Signature', { Timestamp: String(nowSeconds() - 660), Signature: '' }, 200004],
    ['stale Timestamp', { Timestamp: String(nowSeconds() - 660), key: 'not-the-key' }, 200005],
  ])('checks the token call in order: %s first → %d', async (_case, overrides, code) => {
    expect((await tokenCall(sim, tokenBody(sim, overrides))).json?.errmsg).toBe(code);
  });

  it('answers a failure in the documented envelope, with a description naming the problem', async () => {
    const answer = await tokenCall(sim, tokenBody(sim, { AppId: 'someone-else' }));
    expect(answer.contentType).toBe('application/json; charset=utf-8');
    expect(Object.keys(envelope(answer))).toEqual([
      'errmsg',
      'succeed',
      'msgTime',
      'values',
      'errdesc',
      'requestId',
    ]);
    expect(envelope(answer).msgTime).toMatch(MSG_TIME);
    expect(envelope(answer).errdesc).toBe('加密密钥错误');
    expect(typeof envelope(answer).requestId).toBe('string');
  });

  it('accepts a Timestamp 9 minutes old', async () => {
    expect(
      (await tokenCall(sim, tokenBody(sim, { Timestamp: String(nowSeconds() - 540) }))).json?.errmsg,
    ).toBe(10004);
  });

  it('refuses an empty body as AppId missing and malformed JSON as a bad parameter', async () => {
    expect((await tokenCall(sim, '')).json?.errmsg).toBe(200007);
    expect((await tokenCall(sim, '{"AppId": ')).json?.errmsg).toBe(200012);
  });

  it('binds the body fields regardless of case, as ASP.NET does', async () => {
    const { AppId, Nonce, Timestamp, Signature } = tokenBody(sim);
    expect(
      (await tokenCall(sim, { appid: AppId, nonce: Nonce, timestamp: Timestamp, signature: Signature })).json
        ?.errmsg,
    ).toBe(10004);
  });
});

describe('signed calls', () => {
  let token: string;
  beforeEach(async () => {
    token = await getToken(sim);
  });

  it('answers a correctly signed call', async () => {
    expect(valuesOf(await vendorCall(sim, token, 'staff')).length).toBeGreaterThan(0);
  });

  it.each([
    ['access_token', 200001],
    ['Nonce', 200002],
    ['Timestamp', 200003],
    ['Signature', 200004],
  ])('refuses a call without the %s header → %d', async (name, code) => {
    const headers = signedVendorHeaders(sim.appKey, token);
    delete headers[name];
    const answer = await vendorCall(sim, token, 'WeCaht', { headers });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ errmsg: code, succeed: false, values: null });
  });

  it('refuses a Timestamp that is not a number → 200003', async () => {
    const headers = { ...signedVendorHeaders(sim.appKey, token), Timestamp: 'now' };
    expect((await vendorCall(sim, token, 'WeCaht', { headers })).json?.errmsg).toBe(200003);
  });

  it('refuses a wrong signature → 200006, as on the token call', async () => {
    const wrongKey = signedVendorHeaders('not-the-key', token);
    expect((await vendorCall(sim, token, 'WeCaht', { headers: wrongKey })).json).toMatchObject({
      errmsg: 200006,
      errdesc: '加密密钥错误',
    });
    const otherNonce = { ...signedVendorHeaders(sim.appKey, token), Nonce: 'tampered' };
    expect((await vendorCall(sim, token, 'WeCaht', { headers: otherNonce })).json?.errmsg).toBe(200006);
  });

  it.each([
    ['11 minutes old', -660],
    ['11 minutes ahead', 660],
  ])('refuses a Timestamp %s → 200005', async (_case, offset) => {
    const headers = signedVendorHeaders(sim.appKey, token, { timestamp: nowSeconds() + offset });
    expect((await vendorCall(sim, token, 'staff', { headers })).json).toMatchObject({
      errmsg: 200005,
      errdesc: '请求已超过10分钟',
    });
  });

  it.each<[string, { timestamp?: number; key?: string; token?: string }, number]>([
    ['a stale Timestamp before a wrong signature', { timestamp: -660, key: 'not-the-key' }, 200005],
    ['a wrong signature before an unknown token', { key: 'not-the-key', token: 'f'.repeat(48) }, 200006],
    ['a stale Timestamp before an unknown token', { timestamp: -660, token: 'f'.repeat(48) }, 200005],
  ])('checks a signed call in order: %s → %d', async (_case, { timestamp, key, token: other }, code) => {
    const used = other ?? token;
    const headers = signedVendorHeaders(key ?? sim.appKey, used, {
      timestamp: nowSeconds() + (timestamp ?? 0),
    });
    expect((await vendorCall(sim, used, 'staff', { headers })).json?.errmsg).toBe(code);
  });

  it('accepts a Timestamp 9 minutes old', async () => {
    const headers = signedVendorHeaders(sim.appKey, token, { timestamp: nowSeconds() - 540 });
    expect((await vendorCall(sim, token, 'staff', { headers })).json?.errmsg).toBe(20000);
  });

  it('refuses a token it never issued → 10011', async () => {
    expect((await vendorCall(sim, 'f'.repeat(48), 'staff')).json?.errmsg).toBe(10011);
  });

  it('refuses every token after revoke → 10011, and a new token works', async () => {
    await sim.revokeTokens();
    expect((await vendorCall(sim, token, 'staff')).json?.errmsg).toBe(10011);
    expect((await vendorCall(sim, await getToken(sim), 'staff')).json?.errmsg).toBe(20000);
  });

  it('refuses every token after expire → 10003, and a new token works', async () => {
    await sim.expireTokens();
    expect((await vendorCall(sim, token, 'staff')).json?.errmsg).toBe(10003);
    expect((await vendorCall(sim, await getToken(sim), 'staff')).json?.errmsg).toBe(20000);
  });

  it('accepts the call signature url-encoded with upper- or lowercase escapes, or not encoded', async () => {
    const timestamp = String(nowSeconds());
    const nonce = nonceNeedingEscapes(sim.appKey, token, timestamp);
    const raw = base64Signature(sim.appKey, token + nonce + timestamp);
    const upper = encodeURIComponent(raw);
    const lower = upper.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
    for (const Signature of [upper, lower, raw]) {
      const headers = { access_token: token, Nonce: nonce, Timestamp: timestamp, Signature };
      expect((await vendorCall(sim, token, 'staff', { headers })).json?.errmsg).toBe(20000);
    }
  });

  it('reads the headers whatever their case', async () => {
    const signed = signedVendorHeaders(sim.appKey, token);
    const headers = {
      ACCESS_TOKEN: signed['access_token'],
      nonce: signed['Nonce'],
      TIMESTAMP: signed['Timestamp'],
      signature: signed['Signature'],
    };
    const url = new URL(`${sim.baseUrl}staff`);
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(url, { headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(body).errmsg).toBe(20000);
  });
});

describe('routing', () => {
  it.each([
    'wecaht',
    'Wecaht',
    'WECAHT',
    'WeChat',
    'label',
    'Staff',
    'adManage',
    'WeCaht/',
    'friend/getcustomattributelist',
    'staff/getstaffwechat',
  ])('answers IIS 404 for %s (paths are exact and case-sensitive)', async (path) => {
    const response = await fetch(`${sim.baseUrl}${path}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/404 - File or directory not found/);
  });

  it('answers 404 outside /publicapi/v1/', async () => {
    expect((await fetch(`${sim.origin}/publicapi/v2/WeCaht`)).status).toBe(404);
    expect((await fetch(`${sim.origin}/`)).status).toBe(404);
  });

  it.each([
    ['POST', 'WeCaht', 'GET'],
    ['DELETE', 'Label', 'GET'],
    ['GET', 'staff/GetStaffWechat', 'POST'],
    ['GET', 'GetAccessToken?format=json', 'POST'],
  ])('answers 405 to %s %s with Allow: %s', async (method, path, allow) => {
    const response = await fetch(`${sim.baseUrl}${path}`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    expect(await response.json()).toEqual({
      Message: `The requested resource does not support http method '${method}'.`,
    });
  });
});
