import {
  startSimulator,
  type RunningSimulator,
  getToken,
  nowSeconds,
  tokenBody,
  tokenCall,
  valuesOf,
  vendorCall,
  envelope,
} from '@youmi-facade/testing';

// Fault injection and the control API, against the built simulator process.
let sim: RunningSimulator;
let token: string;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.stop());
beforeEach(async () => {
  await sim.reset();
  token = await getToken(sim);
});

const control = (method: string, path: string, body?: unknown) =>
  fetch(`${sim.origin}/__sim/${path}`, {
    method,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
const listFaults = async () =>
  ((await (await control('GET', 'faults')).json()) as { faults: Array<Record<string, unknown>> }).faults;

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, performance.now() - started];
}

describe('latency', () => {
  it('delays the matching endpoint only, then answers normally', async () => {
    await sim.addFault({ endpoint: 'WeCaht', latencyMs: 400 });
    const [slow, slowMs] = await timed(() => vendorCall(sim, token, 'WeCaht'));
    expect(valuesOf(slow).length).toBeGreaterThan(0);
    expect(slowMs).toBeGreaterThanOrEqual(380);
    // Only WeCaht waits: asked together, staff answers first.
    await sim.addFault({ endpoint: 'WeCaht', latencyMs: 400 });
    const order: string[] = [];
    await Promise.all(
      ['WeCaht', 'staff'].map((path) => vendorCall(sim, token, path).then(() => order.push(path))),
    );
    expect(order).toEqual(['staff', 'WeCaht']);
  });

  it('combines with errmsg in one fault', async () => {
    await sim.addFault({ endpoint: 'staff', latencyMs: 300, errmsg: 200011 });
    const [answer, ms] = await timed(() => vendorCall(sim, token, 'staff'));
    expect(answer.json).toMatchObject({ errmsg: 200011, succeed: false });
    expect(ms).toBeGreaterThanOrEqual(280);
  });
});

describe('errmsg', () => {
  it('answers a failure envelope with the given code and description', async () => {
    await sim.addFault({ endpoint: 'Label', errmsg: 200015, errdesc: '系统繁忙' });
    const answer = await vendorCall(sim, token, 'Label');
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ errmsg: 200015, succeed: false, values: null, errdesc: '系统繁忙' });
  });

  it('describes a documented code by itself and honours status', async () => {
    await sim.addFault({ endpoint: 'Label', errmsg: 200011, status: 500 });
    const answer = await vendorCall(sim, token, 'Label');
    expect(answer.status).toBe(500);
    expect(answer.json).toMatchObject({ errmsg: 200011, succeed: false });
    expect(envelope(answer).errdesc).toBe('服务器错误');
  });

  it('can fake a token refusal, which the next call no longer sees (times)', async () => {
    await sim.addFault({ endpoint: 'WeCaht', errmsg: 10011, times: 1 });
    expect((await vendorCall(sim, token, 'WeCaht')).json?.errmsg).toBe(10011);
    expect((await vendorCall(sim, token, 'WeCaht')).json?.errmsg).toBe(20000);
  });
});

describe('html and status', () => {
  it('answers an HTML error page with status 500 by default', async () => {
    await sim.addFault({ endpoint: 'AdManage', html: true });
    const answer = await vendorCall(sim, token, 'AdManage');
    expect(answer.status).toBe(500);
    expect(answer.contentType).toMatch(/^text\/html/);
    expect(answer.text).toMatch(/<html>[\s\S]*Server Error/);
    expect(answer.json).toBeUndefined();
  });

  it('uses the given status, also for a bare status fault', async () => {
    await sim.addFault({ endpoint: 'AdManage', html: true, status: 502, times: 1 });
    await sim.addFault({ endpoint: 'AdManage', status: 503, times: 1 });
    const first = await vendorCall(sim, token, 'AdManage');
    expect([first.status, first.contentType?.startsWith('text/html')]).toEqual([502, true]);
    const second = await vendorCall(sim, token, 'AdManage');
    expect([second.status, second.contentType?.startsWith('text/html')]).toEqual([503, true]);
    expect((await vendorCall(sim, token, 'AdManage')).status).toBe(200);
  });
});

describe('hang, drop and truncate', () => {
  it('hang never answers until the client gives up, and the simulator keeps serving', async () => {
    await sim.addFault({ endpoint: 'staff', hang: true, times: 1 });
    const [outcome, ms] = await timed(() =>
      vendorCall(sim, token, 'staff', { signal: AbortSignal.timeout(500) }).then(
        () => 'answered',
        (error: Error) => error.name,
      ),
    );
    expect(outcome).toBe('TimeoutError');
    expect(ms).toBeGreaterThanOrEqual(450);
    expect((await vendorCall(sim, token, 'staff')).json?.errmsg).toBe(20000);
  });

  it('drop closes the connection without an answer', async () => {
    await sim.addFault({ endpoint: 'wecahtlabel', drop: true, times: 1 });
    await expect(vendorCall(sim, token, 'wecahtlabel')).rejects.toThrow(/fetch failed/);
    expect((await vendorCall(sim, token, 'wecahtlabel')).json?.errmsg).toBe(20000);
  });

  it('truncate answers 200 with the start of the real answer, which is not valid JSON', async () => {
    await sim.addFault({ endpoint: 'WeCaht', truncate: true });
    const answer = await vendorCall(sim, token, 'WeCaht');
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json; charset=utf-8');
    expect(answer.text.startsWith('{"errmsg":20000,"succeed":true')).toBe(true);
    expect(() => JSON.parse(answer.text)).toThrow();
  });
});

describe('matching', () => {
  it('a fault without endpoint applies to every vendor endpoint, GetAccessToken included', async () => {
    await sim.addFault({ errmsg: 200011 });
    expect((await tokenCall(sim, tokenBody(sim))).json?.errmsg).toBe(200011);
    for (const path of [
      'WeCaht',
      'staff',
      'Label',
      'wecahtlabel',
      'AdManage',
      'friend/GetCustomAttributeList',
      'staff/GetStaffWechat',
    ]) {
      expect((await vendorCall(sim, token, path)).json?.errmsg).toBe(200011);
    }
  });

  it('a GetAccessToken fault leaves the other endpoints alone', async () => {
    await sim.addFault({ endpoint: 'GetAccessToken', html: true });
    expect((await tokenCall(sim, tokenBody(sim))).status).toBe(500);
    expect((await vendorCall(sim, token, 'staff')).json?.errmsg).toBe(20000);
  });

  it('the endpoint may be written with the seed’s leading slash', async () => {
    await sim.addFault({ endpoint: '/Label', errmsg: 200011 });
    expect((await vendorCall(sim, token, 'Label')).json?.errmsg).toBe(200011);
  });

  it('applies before authentication: an unsigned call still sees the fault', async () => {
    await sim.addFault({ endpoint: 'staff', errmsg: 200011 });
    expect((await vendorCall(sim, token, 'staff', { headers: {} })).json?.errmsg).toBe(200011);
  });

  it('the oldest matching fault wins; times counts down and the fault disappears', async () => {
    await sim.addFault({ endpoint: 'staff', errmsg: 200013, times: 2 });
    await sim.addFault({ errmsg: 200014 });
    expect((await listFaults()).map((f) => [f['errmsg'], f['times']])).toEqual([
      [200013, 2],
      [200014, undefined],
    ]);
    expect((await vendorCall(sim, token, 'staff')).json?.errmsg).toBe(200013);
    expect((await listFaults())[0]['times']).toBe(1);
    expect((await vendorCall(sim, token, 'staff')).json?.errmsg).toBe(200013);
    expect((await vendorCall(sim, token, 'staff')).json?.errmsg).toBe(200014);
    expect((await listFaults()).map((f) => f['errmsg'])).toEqual([200014]);
  });
});

describe('control API', () => {
  it('POST /__sim/faults answers 201 with an id; GET lists; DELETE clears', async () => {
    const created = await control('POST', 'faults', { endpoint: 'WeCaht', latencyMs: 10 });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(typeof id).toBe('string');
    expect(await listFaults()).toEqual([{ id, endpoint: 'WeCaht', latencyMs: 10 }]);
    expect((await control('DELETE', 'faults')).status).toBe(200);
    expect(await listFaults()).toEqual([]);
  });

  it.each([
    ['not JSON', '{nope'],
    ['an array', '[]'],
    ['an unknown field', { latency: 5 }],
    ['an unknown endpoint', { endpoint: 'wecaht', errmsg: 1 }],
    ['a negative latency', { latencyMs: -1 }],
    ['a non-integer errmsg', { errmsg: 'x' }],
    ['errdesc without errmsg', { errdesc: 'x' }],
    ['two answers at once', { hang: true, drop: true }],
    ['a status with hang', { hang: true, status: 500 }],
    ['an out-of-range status', { status: 99 }],
    ['times of zero', { errmsg: 1, times: 0 }],
    ['no effect at all', { endpoint: 'WeCaht' }],
    ['a non-boolean flag', { html: 'yes' }],
  ])('refuses %s with 400 and a message', async (_case, body) => {
    const response = await control('POST', 'faults', body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error.length).toBeGreaterThan(5);
    expect(await listFaults()).toEqual([]);
  });

  it('counts every request per vendor path, refused and faulted ones too', async () => {
    await sim.resetCalls();
    await vendorCall(sim, token, 'WeCaht');
    await vendorCall(sim, token, 'WeCaht', { headers: {} });
    await sim.addFault({ endpoint: 'WeCaht', errmsg: 200011, times: 1 });
    await vendorCall(sim, token, 'WeCaht');
    await vendorCall(sim, token, 'staff/GetStaffWechat');
    await fetch(`${sim.baseUrl}Label`, { method: 'POST' });
    await tokenCall(sim, tokenBody(sim, { AppId: 'nobody' }));
    await fetch(`${sim.baseUrl}nothing-here`);
    expect(await sim.calls()).toEqual({ WeCaht: 3, 'staff/GetStaffWechat': 1, Label: 1, GetAccessToken: 1 });
    await sim.resetCalls();
    expect(await sim.calls()).toEqual({});
  });

  it('POST /__sim/reset clears faults, counts and tokens', async () => {
    await sim.addFault({ endpoint: 'Label', errmsg: 200011 });
    await vendorCall(sim, token, 'staff');
    await sim.reset();
    expect(await listFaults()).toEqual([]);
    expect(await sim.calls()).toEqual({});
    expect((await vendorCall(sim, token, 'staff')).json?.errmsg).toBe(10011);
  });

  it('GET /__sim/health answers ok; unknown control routes 404, wrong methods 405', async () => {
    const health = await control('GET', 'health');
    expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
    expect((await control('GET', 'nothing')).status).toBe(404);
    expect((await control('PUT', 'faults')).status).toBe(405);
    expect((await control('GET', 'tokens/revoke')).status).toBe(405);
  });

  it('POST /__sim/clock shifts the clock of msgTime and of the 10-minute window; reset restores it', async () => {
    const shifted = await control('POST', 'clock', { offsetSeconds: 660 });
    expect(shifted.status).toBe(200);
    expect(await shifted.json()).toMatchObject({ offsetSeconds: 660 });
    // Our Timestamp is now 11 minutes behind the simulator's clock.
    const refused = await tokenCall(sim, tokenBody(sim));
    expect(refused.json).toMatchObject({ errmsg: 200005, errdesc: '请求已超过10分钟' });
    const vendorMs = Date.parse(envelope(refused).msgTime as string);
    expect(vendorMs - Date.now()).toBeGreaterThan(650_000);
    expect(vendorMs - Date.now()).toBeLessThan(670_000);
    expect(
      (await tokenCall(sim, tokenBody(sim, { Timestamp: String(nowSeconds() + 660) }))).json?.errmsg,
    ).toBe(10004);
    expect(await (await control('GET', 'clock')).json()).toMatchObject({ offsetSeconds: 660 });
    await sim.reset();
    expect((await tokenCall(sim, tokenBody(sim))).json?.errmsg).toBe(10004);
  });

  it('POST /__sim/credentials changes the accepted appkey, never answers it; reset restores it', async () => {
    const changed = await control('POST', 'credentials', { appKey: 'rotated-key' });
    const text = await changed.text();
    expect(changed.status).toBe(200);
    expect(text).not.toContain('rotated-key');
    expect(JSON.parse(text)).toEqual({ ok: true, appId: sim.appId });
    expect((await tokenCall(sim, tokenBody(sim))).json?.errmsg).toBe(200006);
    expect((await tokenCall(sim, tokenBody(sim, { key: 'rotated-key' }))).json?.errmsg).toBe(10004);
    await sim.setCredentials({ appId: 'renamed' });
    expect(
      (await tokenCall(sim, tokenBody(sim, { AppId: 'renamed', key: 'rotated-key' }))).json?.errmsg,
    ).toBe(10004);
    await sim.reset();
    expect((await tokenCall(sim, tokenBody(sim))).json?.errmsg).toBe(10004);
  });

  it.each([
    ['clock', { offsetSeconds: 1.5 }],
    ['clock', { offsetSeconds: '60' }],
    ['clock', { offset: 60 }],
    ['clock', '[]'],
    ['credentials', { appKey: '' }],
    ['credentials', { appKey: 42 }],
    ['credentials', { password: 'x' }],
  ])('POST /__sim/%s refuses %j with 400', async (path, body) => {
    const response = await control('POST', path, body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error.length).toBeGreaterThan(5);
  });

  it('control calls are never counted nor faulted', async () => {
    await sim.resetCalls();
    await sim.addFault({ hang: true });
    expect((await control('GET', 'health')).status).toBe(200);
    expect(await sim.calls()).toEqual({});
  });
});
