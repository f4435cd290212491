import { createHmac } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { inspect } from 'node:util';
import { startSimulator, type RunningSimulator } from '@youmi-facade/testing';
import {
  VendorAuthError,
  VendorCircuitOpenError,
  VendorClient,
  VendorEnvelopeError,
  VendorMalformedResponseError,
  VendorNetworkError,
  VendorTimeoutError,
  type VendorCallEvent,
  type VendorClientOptions,
  type VendorClockEvent,
} from '../src';
import { failure, quickClient } from './client-harness';
import { WIRE_FIELDS, wireJsonType, type VendorEndpointName, type WireField } from '../src/wire';

const APP_KEY = 'client-spec-appkey-9f3e';
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ env: { SIM_APP_ID: 'client-spec', SIM_APP_KEY: APP_KEY } });
});
afterAll(() => sim?.stop());
beforeEach(() => sim.reset());

const client = (overrides: Partial<VendorClientOptions> = {}): VendorClient => quickClient(sim, overrides);

describe('VendorClient against the simulator', () => {
  it('answers every endpoint with the seed records', async () => {
    const c = client();
    expect((await c.getOperatorAccounts()).values.map((a) => a.ad_wechat_id)).toContain(135389);
    expect((await c.getStaff()).values.map((s) => s.ad_staff_code)).toContain('b01');
    expect((await c.getStaffOperatorAccounts('b03')).values).toEqual([
      expect.objectContaining({ ad_staff_code: 'b03', ad_wechat_id: 3547, ad_wechat_nober: 'zznn72537' }),
    ]);
    expect((await c.getLabelCategories()).values).toContainEqual({
      ad_label_id: 263,
      ad_label_name: 'A.客户级别',
      ad_choose: 0,
    });
    expect((await c.getLabels()).values.map((l) => l.ad_label_info_id)).toEqual(
      expect.arrayContaining([1158, 1072, 1071, 991, 976]),
    );
    expect((await c.getLabels({ categories: 1 })).values.map((l) => l.ad_label_info_id).sort()).toEqual([
      976, 991,
    ]);
    expect((await c.getAdGroups()).values.map((g) => g.ad_brand_id)).toEqual(
      expect.arrayContaining([155, 151]),
    );
    expect((await c.getCustomAttributes()).values.map((a) => a.id)).toEqual(
      expect.arrayContaining(['15', '14', '13', '12']),
    );
  });

  it('passes request parameters with the vendor spelling', async () => {
    const c = client();
    const wecom = await c.getOperatorAccounts({ ad_wechat_lei: 3 });
    expect(wecom.values.length).toBeGreaterThan(0);
    expect(wecom.values.every((a) => Number(a.ad_wechat_lei) === 3)).toBe(true);
    const b01 = await c.getStaff({ ad_staff_code: 'b01' });
    expect(b01.values.map((s) => s.ad_staff_code)).toEqual(['b01']);
  });

  it('obtains one token for many concurrent calls and keeps it', async () => {
    const c = client();
    await Promise.all(Array.from({ length: 20 }, () => c.getStaff()));
    await c.getAdGroups();
    expect((await sim.calls())['GetAccessToken']).toBe(1);
    expect(c.tokenRequests).toBe(1);
  });

  it('keeps the token until shortly before its absolute expires_in, then renews it', async () => {
    const shortLived = await startSimulator({ env: { SIM_TOKEN_TTL_SECONDS: '3' } });
    try {
      const c = new VendorClient({
        baseUrl: shortLived.baseUrl,
        appId: shortLived.appId,
        appKey: shortLived.appKey,
        tokenRefreshMarginSeconds: 2,
      });
      await c.getStaff();
      await c.getStaff();
      expect((await shortLived.calls())['GetAccessToken']).toBe(1);
      await new Promise((r) => setTimeout(r, 1200));
      await c.getStaff();
      expect((await shortLived.calls())['GetAccessToken']).toBe(2);
    } finally {
      await shortLived.stop();
    }
  });

  it.each([
    ['expired (10003)', () => sim.expireTokens()],
    ['revoked (10011)', () => sim.revokeTokens()],
  ])('on a token %s obtains a new token once and repeats the call', async (_, spoil) => {
    const events: VendorCallEvent[] = [];
    const c = client({ onCall: (e) => events.push(e) });
    await c.getStaff();
    await spoil();
    const staff = await c.getStaff();
    expect(staff.values.length).toBeGreaterThan(0);
    expect((await sim.calls())['GetAccessToken']).toBe(2);
    expect(events.at(-1)).toMatchObject({
      endpoint: 'staff',
      outcome: 'success',
      tokenRenewed: true,
      attempts: 2,
    });
  });

  it('reports refused credentials as an auth error without leaking the appkey', async () => {
    const c = client({ appKey: 'wrong-key' });
    const error = await failure(c.getStaff());
    expect(error).toBeInstanceOf(VendorAuthError);
    expect((error as VendorAuthError).upstream).toMatchObject({
      code: 200006,
      class: 'credentials',
      meaning: 'wrong signing key (the signature does not match the appkey)',
    });
    expect(error.message).toContain('wrong signing key');
    expect(inspect(error) + JSON.stringify(error)).not.toContain('wrong-key');
    const c2 = client({ appId: 'nobody' });
    expect(((await failure(c2.getStaff())) as VendorAuthError).upstream?.code).toBe(200006);
  });

  it.each([
    [200010, VendorEnvelopeError, 1],
    [200012, VendorEnvelopeError, 1],
    [10005, VendorAuthError, 1],
    // A timestamp refusal is asked once more, signed with the vendor's time, before it is reported.
    [10006, VendorAuthError, 2],
    [200005, VendorAuthError, 2],
    [200001, VendorAuthError, 1],
    [4711, VendorEnvelopeError, 1],
    [200011, VendorEnvelopeError, 3],
  ])('a failure envelope %d is a typed error after %#', async (code, type, attempts) => {
    await sim.addFault({ endpoint: 'staff', errmsg: code, errdesc: '出错了' });
    const error = await failure(client().getStaff());
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ endpoint: 'staff', attempts, upstream: { code, description: '出错了' } });
    expect((await sim.calls())['staff']).toBe(attempts);
  });

  it('retries 200011 and a dropped connection, counted at the simulator, then succeeds', async () => {
    await sim.addFault({ endpoint: 'AdManage', errmsg: 200011, times: 1 });
    await sim.addFault({ endpoint: 'AdManage', drop: true, times: 1 });
    const response = await client().getAdGroups();
    expect(response.attempts).toBe(3);
    expect((await sim.calls())['AdManage']).toBe(3);
  });

  it('retries an HTTP 500 HTML page and then reports it as a malformed response', async () => {
    await sim.addFault({ endpoint: 'Label', html: true, status: 500 });
    const error = await failure(client().getLabelCategories());
    expect(error).toBeInstanceOf(VendorMalformedResponseError);
    expect(error).toMatchObject({ attempts: 3, httpStatus: 500 });
    expect((await sim.calls())['Label']).toBe(3);
  });

  it('reports truncated JSON as a malformed response without retrying', async () => {
    await sim.addFault({ endpoint: 'Label', truncate: true });
    const error = await failure(client().getLabelCategories());
    expect(error).toBeInstanceOf(VendorMalformedResponseError);
    expect((await sim.calls())['Label']).toBe(1);
  });

  it('times out a hanging vendor after the per-call timeout, without retrying', async () => {
    await sim.addFault({ endpoint: 'WeCaht', hang: true });
    // The vendor never answers: only the per-call timeout ends the call (the test's timeout bounds a hang).
    const error = await failure(client({ timeoutMs: 300 }).getOperatorAccounts());
    expect(error).toBeInstanceOf(VendorTimeoutError);
    expect((await sim.calls())['WeCaht']).toBe(1);
  });

  it('gives up at the overall deadline', async () => {
    await sim.addFault({ endpoint: 'WeCaht', drop: true });
    const c = client({ retry: { maxAttempts: 50, baseDelayMs: 100, maxDelayMs: 100, deadlineMs: 1000 } });
    await c.getStaff();
    const error = await failure(c.getOperatorAccounts());
    // The last failure is the drop itself, or the deadline cutting an attempt short on a slow machine.
    expect([VendorNetworkError, VendorTimeoutError]).toContain(error.constructor);
    expect((error as VendorNetworkError).attempts).toBeGreaterThanOrEqual(2);
    // Each pause is at least 50 ms, so a 1 s deadline allows at most 21 of the 50 permitted attempts.
    expect((error as VendorNetworkError).attempts).toBeLessThanOrEqual(21);
    // An attempt the deadline cuts short may end before its request reached the simulator.
    const attempts = (error as VendorNetworkError).attempts;
    expect((await sim.calls())['WeCaht']).toBeGreaterThanOrEqual(attempts - 1);
    expect((await sim.calls())['WeCaht']).toBeLessThanOrEqual(attempts);
  });

  it('opens an endpoint circuit after repeated failures and closes it after a good trial', async () => {
    const c = client({
      circuitBreaker: { consecutiveFailures: 2, halfOpenAfterMs: 300 },
      retry: { maxAttempts: 1 },
    });
    await sim.addFault({ endpoint: 'AdManage', html: true, status: 503 });
    await failure(c.getAdGroups());
    await failure(c.getAdGroups());
    expect(c.circuitState('adGroups')).toBe('open');
    expect(c.circuitState('staff')).toBe('closed');
    const before = (await sim.calls())['AdManage'];
    expect(await failure(c.getAdGroups())).toBeInstanceOf(VendorCircuitOpenError);
    expect((await sim.calls())['AdManage']).toBe(before);
    expect(c.reachability()).toMatchObject({ reachable: false, openCircuits: ['AdManage'] });
    await sim.clearFaults();
    await new Promise((r) => setTimeout(r, 350));
    await c.getAdGroups();
    expect(c.circuitState('adGroups')).toBe('closed');
  });

  it('reports a network failure when nothing listens', async () => {
    const c = new VendorClient({
      baseUrl: 'http://127.0.0.1:9/publicapi/v1',
      appId: 'a',
      appKey: APP_KEY,
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    });
    const error = await failure(c.getStaff());
    expect(error).toBeInstanceOf(VendorNetworkError);
    // The error names the exchange that failed: the token request, not the staff call it was for.
    expect(error).toMatchObject({ endpoint: 'GetAccessToken' });
    // Each attempt failed at its token request: two attempts, not retries until the call's deadline.
    expect(c.tokenRequests).toBe(2);
    expect(c.reachability().lastCallFailedOnNetwork).toBe(true);
  });

  it('is reachable again once a later exchange, a token request included, reaches the vendor', async () => {
    const c = new VendorClient({
      baseUrl: sim.baseUrl,
      appId: sim.appId,
      appKey: sim.appKey,
      retry: { maxAttempts: 1 },
    });
    await sim.addFault({ endpoint: 'staff', drop: true });
    await expect(c.getStaff()).rejects.toBeInstanceOf(VendorNetworkError);
    expect(c.reachability()).toMatchObject({ reachable: false, lastCallFailedOnNetwork: true });
    expect(c.connection().state).toBe('unreachable');
    await sim.reset();
    await c.connect();
    expect(c.reachability()).toMatchObject({ reachable: true, lastCallFailedOnNetwork: false });
    expect(c.connection().state).toBe('ok');
  });

  it('reads records of the seed and of a synthetic set in the shape of the wire field table', async () => {
    const synthetic = await startSimulator({ env: { SIM_DATASET: 'synthetic', SIM_SCALE: '0.01' } });
    try {
      for (const c of [
        client(),
        new VendorClient({ baseUrl: synthetic.baseUrl, appId: synthetic.appId, appKey: synthetic.appKey }),
      ]) {
        for (const endpoint of Object.keys(WIRE_FIELDS) as VendorEndpointName[]) {
          const fields: Readonly<Record<string, WireField>> = WIRE_FIELDS[endpoint];
          const { values } = await c.call(endpoint);
          expect(values.length).toBeGreaterThan(0);
          const offShape = values.flatMap((record) =>
            Object.entries(record as unknown as Record<string, unknown>)
              .filter(([field, value]) => !fields[field]?.types.includes(wireJsonType(value)))
              .map(([field, value]) => `${endpoint}.${field} = ${JSON.stringify(value)}`),
          );
          expect(offShape).toEqual([]);
        }
      }
    } finally {
      await synthetic.stop();
    }
  });

  it('emits one event per call with endpoint, outcome, latency and attempts', async () => {
    const events: VendorCallEvent[] = [];
    const c = client();
    c.onCall((e) => events.push(e));
    await c.getLabels();
    await sim.addFault({ endpoint: 'Label', errmsg: 200012 });
    await failure(c.getLabelCategories());
    expect(events).toEqual([
      expect.objectContaining({ endpoint: 'wecahtlabel', outcome: 'success', attempts: 1 }),
      expect.objectContaining({
        endpoint: 'Label',
        outcome: 'envelope-error',
        attempts: 1,
        code: 200012,
        codeClass: 'business',
      }),
    ]);
    expect(events[0].latencyMs).toBeGreaterThan(0);
  });

  it('never shows the appkey or a token in errors, JSON or inspect output', async () => {
    const c = client();
    await c.getStaff();
    await sim.addFault({ endpoint: 'staff', errmsg: 200012 });
    const error = await failure(c.getStaff());
    const shown = [
      error.message,
      JSON.stringify(error),
      inspect(error, { depth: 10, showHidden: true }),
      inspect(c, { depth: 10, showHidden: true }),
    ].join('\n');
    expect(shown).not.toContain(APP_KEY);
    expect(JSON.stringify(c)).not.toContain(APP_KEY);
  });
});

describe('an answer the same as the previous one', () => {
  it('brings back the previous values unread while only msgTime moved, and reads a changed answer anew', async () => {
    const c = client();
    const first = await c.call('staff');
    expect(first.fingerprint).toMatch(/^[\w-]{43}$/);
    await sim.setClockOffset(7);
    const again = await c.call('staff', { previous: first });
    expect(again.msgTime).not.toBe(first.msgTime);
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(again.values).toBe(first.values);
    // Another query is another answer, whatever `previous` says.
    const other = await c.call('labels', { previous: first });
    expect(other.fingerprint).not.toBe(first.fingerprint);
    expect(other.values.map((l) => (l as { ad_label_info_id: number }).ad_label_info_id)).toContain(1158);

    await sim.changeRecords({
      endpoint: 'staff',
      op: 'update',
      key: 'b01',
      set: { ad_staff_name: '改了名' },
    });
    const changed = await c.call('staff', { previous: again });
    expect(changed.fingerprint).not.toBe(first.fingerprint);
    expect(changed.values).not.toBe(first.values);
    expect(changed.values).toContainEqual(
      expect.objectContaining({ ad_staff_code: 'b01', ad_staff_name: '改了名' }),
    );
  });

  it('still reports a refusal, whatever came before', async () => {
    const c = client();
    const first = await c.call('staff');
    await sim.addFault({ endpoint: 'staff', errmsg: 200012, errdesc: '出错了' });
    const error = await failure(c.call('staff', { previous: first }));
    expect(error).toBeInstanceOf(VendorEnvelopeError);
    expect((error as VendorEnvelopeError).upstream?.code).toBe(200012);
  });
});

describe('the signature on the wire', () => {
  it('is the percent-encoded Base64 HMAC-SHA1, in the token body and in every signed call’s headers, sent as text/json', async () => {
    // A recording proxy in front of the simulator: the simulator also accepts an unencoded signature,
    // so only the bytes on the wire show whether the client encodes it.
    const seen: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];
    const target = new URL(sim.baseUrl);
    const proxy = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        seen.push({ url: req.url ?? '', headers: req.headers, body });
        const forward = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            path: req.url,
            method: req.method,
            headers: req.headers,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        forward.end(body);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = proxy.address() as { port: number };
      const c = client({ baseUrl: `http://127.0.0.1:${port}${target.pathname}` });
      // Enough calls that some signatures hold +, / or = before encoding.
      for (let i = 0; i < 12; i += 1) await c.getStaff();
      const hmac = (message: string) => createHmac('sha1', APP_KEY).update(message).digest('base64');

      const tokenCall = seen.find((call) => call.url.includes('GetAccessToken'));
      const token = JSON.parse(tokenCall?.body ?? '{}') as {
        AppId: string;
        Nonce: string;
        Timestamp: string;
        Signature: string;
      };
      expect(token.Signature).toBe(encodeURIComponent(hmac(token.AppId + token.Nonce + token.Timestamp)));
      expect(tokenCall?.headers['content-type']).toBe('text/json');
      const signed = seen.filter((call) => call.url.includes('staff'));
      expect(signed).toHaveLength(12);
      for (const { headers } of signed) {
        expect(headers['content-type']).toBe('text/json');
        const expected = hmac(`${headers['access_token']}${headers['nonce']}${headers['timestamp']}`);
        expect(headers['signature']).toBe(encodeURIComponent(expected));
        expect(headers['signature']).not.toMatch(/[+/=]/);
      }
      expect(signed.some(({ headers }) => String(headers['signature']).includes('%'))).toBe(true);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});

describe('clock skew', () => {
  const ELEVEN_MINUTES = 660_000;

  it('recovers by itself from a vendor clock 11 minutes ahead: one refused token call, then signed with the vendor’s time', async () => {
    await sim.setClockOffset(660);
    const clockEvents: VendorClockEvent[] = [];
    const c = client({ onClock: (event) => clockEvents.push(event) });
    expect((await c.getStaff()).values.length).toBeGreaterThan(0);
    await c.getLabels();
    expect(await sim.calls()).toEqual({ GetAccessToken: 2, staff: 1, wecahtlabel: 1 });
    const offset = c.clock().offsetMs as number;
    expect(Math.abs(offset + ELEVEN_MINUTES)).toBeLessThan(5_000);
    expect(c.clock().correcting).toBe(true);
    expect(clockEvents).toEqual([
      { kind: 'skew', offsetMs: expect.any(Number) },
      { kind: 'corrected', offsetMs: expect.any(Number), endpoint: 'GetAccessToken', code: 200005 },
    ]);
  });

  it('repeats a signed call refused for its timestamp once, when the vendor’s clock jumps after the token', async () => {
    const events: VendorCallEvent[] = [];
    const c = client({ onCall: (event) => events.push(event) });
    await c.getStaff();
    await sim.setClockOffset(-660);
    expect((await c.getAdGroups()).attempts).toBe(2);
    expect((await c.getAdGroups()).attempts).toBe(1);
    expect(events.at(-2)).toMatchObject({ endpoint: 'AdManage', outcome: 'success', attempts: 2 });
    expect(Math.abs((c.clock().offsetMs as number) - ELEVEN_MINUTES)).toBeLessThan(5_000);
  });

  it('reports a timestamp refusal that correcting cannot cure, naming how far apart the clocks are', async () => {
    await sim.setClockOffset(660);
    await sim.addFault({ endpoint: 'staff', errmsg: 200005 });
    const error = await failure(client().getStaff());
    expect(error).toBeInstanceOf(VendorAuthError);
    expect((error as VendorAuthError).upstream).toMatchObject({
      code: 200005,
      class: 'clock',
      meaning: 'the request is more than 10 minutes old',
    });
    expect(error.message).toMatch(/our clock is 1[01] min (\d+ s )?behind the vendor's/);
    expect(Math.abs(((error as VendorAuthError).clockOffsetMs as number) + ELEVEN_MINUTES)).toBeLessThan(
      5_000,
    );
    expect((await sim.calls())['staff']).toBe(2);
  });

  it('warns of a skew past 60 s without changing how it signs while the vendor accepts it', async () => {
    await sim.setClockOffset(-120);
    const clockEvents: VendorClockEvent[] = [];
    const c = client({ onClock: (event) => clockEvents.push(event) });
    await c.getStaff();
    expect(clockEvents).toEqual([{ kind: 'skew', offsetMs: expect.any(Number) }]);
    expect(c.clock().correcting).toBe(false);
    expect(await sim.calls()).toEqual({ GetAccessToken: 1, staff: 1 });
  });
});
