import { startSimulator, type RunningSimulator } from '@youmi-facade/testing';
import { startFacade, type RunningFacade } from './facade-harness';

const APP_KEY = 'errors-spec-appkey-77d1';
let sim: RunningSimulator;
let facade: RunningFacade;

beforeAll(async () => {
  sim = await startSimulator({ env: { SIM_APP_KEY: APP_KEY } });
  // No cache to fall back on: every request reaches the vendor, so its failures show.
  facade = await startFacade(sim, {
    CACHE_TTL_SECONDS: '0',
    CACHE_STALE_SECONDS: '0',
    UPSTREAM_TIMEOUT_MS: '400',
  });
});
afterAll(async () => {
  await facade?.close();
  await sim?.stop();
});
beforeEach(() => sim.reset());

async function problemOf(path: string) {
  const response = await facade.get(path);
  const text = await response.text();
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(text).not.toContain(APP_KEY);
  expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
  return { status: response.status, headers: response.headers, body: JSON.parse(text), text };
}

describe('vendor failures become 502, 503 and 504 problems', () => {
  it('a failure envelope is 502 with the upstream code, description and request id', async () => {
    await sim.addFault({ endpoint: 'staff', errmsg: 200012, errdesc: '参数错误 secret-ish detail' });
    const { status, body } = await problemOf('/v1/staff');
    expect(status).toBe(502);
    expect(body.upstream).toEqual({
      code: 200012,
      description: 'bad parameter',
      requestId: expect.anything(),
    });
  });

  it('refused credentials are 502 too, after one token renewal', async () => {
    await sim.addFault({ endpoint: 'AdManage', errmsg: 10005 });
    const { status, body } = await problemOf('/v1/ad-groups');
    expect(status).toBe(502);
    expect(body.upstream.code).toBe(10005);
  });

  it('an HTML error page is 502 without the page', async () => {
    await sim.addFault({ endpoint: 'Label', html: true, status: 500 });
    const { status, text } = await problemOf('/v1/label-categories');
    expect(status).toBe(502);
    expect(text).not.toContain('<html');
  });

  it('truncated JSON is 502', async () => {
    await sim.addFault({ endpoint: 'wecahtlabel', truncate: true });
    expect((await problemOf('/v1/labels')).status).toBe(502);
  });

  it('a dropped connection is 503 with Retry-After', async () => {
    await sim.addFault({ endpoint: 'friend/GetCustomAttributeList', drop: true });
    const { status, headers } = await problemOf('/v1/custom-attributes');
    expect(status).toBe(503);
    expect(Number(headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a hanging vendor is 504 after UPSTREAM_TIMEOUT_MS', async () => {
    await sim.addFault({ endpoint: 'WeCaht', hang: true });
    // The vendor never answers: only UPSTREAM_TIMEOUT_MS ends the call (the test's timeout bounds a hang).
    const { status } = await problemOf('/v1/operator-accounts?kind=wechat');
    expect(status).toBe(504);
  });

  it('an open circuit is 503 with Retry-After, without calling the vendor', async () => {
    await sim.addFault({ endpoint: 'staff/GetStaffWechat', html: true, status: 503 });
    for (let i = 0; i < 5; i += 1) await facade.get('/v1/staff-assignments');
    const before = (await sim.calls())['staff/GetStaffWechat'];
    const { status, headers, body } = await problemOf('/v1/staff-assignments');
    expect(status).toBe(503);
    expect(body.type).toBe('urn:youmi-facade:problem:upstream-circuit-open');
    expect(Number(headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await sim.calls())['staff/GetStaffWechat']).toBe(before);
    const ready = await facade.get('/health/ready');
    expect(ready.status).toBe(503);
  });
});
