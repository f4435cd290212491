import { createServer, type Server } from 'node:http';
import { inspect } from 'node:util';
import { startSimulator, type RunningSimulator } from '@youmi-facade/testing';
import {
  VendorAuthError,
  VendorClient,
  VendorNetworkError,
  VendorTimeoutError,
  type VendorCallEvent,
  type VendorClientOptions,
  type VendorClockEvent,
  type VendorConnectionChange,
} from '../src';
import { failure, quickClient } from './client-harness';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim?.stop());
beforeEach(() => sim.reset());
afterEach(() => jest.restoreAllMocks());

const client = (overrides: Partial<VendorClientOptions> = {}): VendorClient => quickClient(sim, overrides);

describe('VendorClient options', () => {
  it.each([
    [{ appId: '' }, new TypeError('VendorClient needs an appId')],
    [{ appKey: '' }, new TypeError('VendorClient needs an appKey')],
    [{ baseUrl: 'ftp://127.0.0.1/publicapi/v1/' }, new TypeError('baseUrl must be http(s)')],
  ])('refuses %j', (overrides, error) => {
    expect(() => client(overrides)).toThrow(error);
  });

  it('starts reachable with every circuit closed and the connection unknown', () => {
    const c = client();
    expect(c.reachability()).toEqual({ reachable: true, openCircuits: [], lastCallFailedOnNetwork: false });
    expect(c.connection().state).toBe('unknown');
  });

  it('serialises and inspects as its root, AppId, timeout and reachability, never the appkey', () => {
    const c = client({ timeoutMs: 1234 });
    const expected = {
      baseUrl: sim.baseUrl,
      appId: sim.appId,
      timeoutMs: 1234,
      reachable: true,
      openCircuits: [],
      lastCallFailedOnNetwork: false,
    };
    expect(c.toJSON()).toEqual(expected);
    expect(JSON.parse(JSON.stringify(c))).toEqual(expected);
    expect(inspect(c)).toBe(`VendorClient ${inspect(expected)}`);
    expect(inspect(c)).not.toContain(sim.appKey);
  });
});

describe('VendorClient listeners', () => {
  it('stops telling a call listener once it unsubscribed', async () => {
    const c = client();
    const kept: VendorCallEvent[] = [];
    const dropped: VendorCallEvent[] = [];
    c.onCall((e) => kept.push(e));
    const unsubscribe = c.onCall((e) => dropped.push(e));
    await c.getStaff();
    unsubscribe();
    await c.getAdGroups();
    expect(kept.map((e) => e.endpoint)).toEqual(['staff', 'AdManage']);
    expect(dropped.map((e) => e.endpoint)).toEqual(['staff']);
  });

  it('stops telling a clock listener once it unsubscribed', async () => {
    const c = client();
    const kept: VendorClockEvent[] = [];
    const dropped: VendorClockEvent[] = [];
    c.onClock((e) => kept.push(e));
    const unsubscribe = c.onClock((e) => dropped.push(e));
    await sim.setClockOffset(-120);
    await c.getStaff();
    unsubscribe();
    await sim.setClockOffset(0);
    await c.getStaff();
    expect(kept.map((e) => e.kind)).toEqual(['skew', 'skew-resolved']);
    expect(dropped.map((e) => e.kind)).toEqual(['skew']);
  });

  it('tells connection changes, and stops once a listener unsubscribed', async () => {
    const c = client();
    const kept: VendorConnectionChange[] = [];
    const dropped: VendorConnectionChange[] = [];
    c.onConnection((change) => kept.push(change));
    const unsubscribe = c.onConnection((change) => dropped.push(change));
    await c.connect();
    unsubscribe();
    await sim.setCredentials({ appKey: 'rotated-elsewhere' });
    await expect(c.connect()).rejects.toBeInstanceOf(VendorAuthError);
    expect(kept.map((change) => [change.previous.state, change.status.state])).toEqual([
      ['unknown', 'ok'],
      ['ok', 'credentials-refused'],
    ]);
    expect(kept[1].status.refusal).toMatchObject({ endpoint: 'GetAccessToken', code: 200006 });
    expect(dropped).toHaveLength(1);
  });
});

describe('VendorClient.connect', () => {
  it('asks for a token now and answers its expiry on our clock', async () => {
    const c = client();
    const { tokenExpiresAt } = await c.connect();
    expect(tokenExpiresAt).toEqual(expect.any(Number));
    expect(tokenExpiresAt).toBeGreaterThan(Date.now());
    expect(await sim.calls()).toEqual({ GetAccessToken: 1 });
    expect(c.connection().state).toBe('ok');
  });

  it('rejects with the refusal and follows it in the connection state', async () => {
    const c = client({ appKey: 'wrong-key' });
    const error = await failure(c.connect());
    expect(error).toBeInstanceOf(VendorAuthError);
    expect(c.connection()).toMatchObject({ state: 'credentials-refused', refusal: { code: 200006 } });
  });

  it('reports a token answer that is no envelope as malformed, not as refused credentials', async () => {
    await sim.addFault({ endpoint: 'GetAccessToken', html: true, status: 500 });
    const error = await failure(client().connect());
    expect(error).not.toBeInstanceOf(VendorAuthError);
    expect(error).toMatchObject({ kind: 'malformed-response', httpStatus: 500 });
  });

  it('counts a granted token as an answer even when the call itself is then refused', async () => {
    await sim.addFault({ endpoint: 'staff', errmsg: 200012 });
    const c = client();
    await failure(c.getStaff());
    expect(c.connection().state).toBe('ok');
  });
});

describe('VendorClient circuits and reachability', () => {
  it('reports the circuit half-open while its trial call is under way', async () => {
    const c = client({
      circuitBreaker: { consecutiveFailures: 1, halfOpenAfterMs: 200 },
      retry: { maxAttempts: 1 },
    });
    await sim.addFault({ endpoint: 'AdManage', html: true, status: 503 });
    await failure(c.getAdGroups());
    expect(c.circuitState('adGroups')).toBe('open');
    await sim.clearFaults();
    await new Promise((r) => setTimeout(r, 250));
    const trial = c.getAdGroups();
    expect(c.circuitState('adGroups')).toBe('half-open');
    await trial;
    expect(c.circuitState('adGroups')).toBe('closed');
  });

  it('counts a timeout as failing on the network, and a later refusal as not', async () => {
    const c = client({ timeoutMs: 200 });
    await c.getStaff();
    await sim.addFault({ endpoint: 'WeCaht', hang: true });
    await failure(c.getOperatorAccounts());
    expect(c.reachability()).toMatchObject({ reachable: false, lastCallFailedOnNetwork: true });
    expect(c.connection()).toMatchObject({
      state: 'unreachable',
      failure: { endpoint: 'WeCaht', kind: 'timeout' },
    });
    await sim.addFault({ endpoint: 'staff', errmsg: 200012 });
    await failure(c.getStaff());
    expect(c.reachability()).toMatchObject({ reachable: true, lastCallFailedOnNetwork: false });
  });

  it('does not count a refusal as failing on the network', async () => {
    const c = client();
    await c.getStaff();
    await sim.addFault({ endpoint: 'staff', errmsg: 200012 });
    await failure(c.getStaff());
    expect(c.reachability().lastCallFailedOnNetwork).toBe(false);
  });

  it('keeps the network failure that opened a circuit when calls then meet the open circuit', async () => {
    const c = client({ circuitBreaker: { consecutiveFailures: 1 }, retry: { maxAttempts: 1 } });
    await c.getAdGroups();
    await sim.addFault({ endpoint: 'staff', drop: true });
    expect(await failure(c.getStaff())).toBeInstanceOf(VendorNetworkError);
    expect(await failure(c.getStaff())).toMatchObject({ kind: 'circuit-open' });
    expect(c.reachability()).toMatchObject({ lastCallFailedOnNetwork: true, openCircuits: ['staff'] });
  });
});

describe('VendorClient call events', () => {
  it('labels each failure with its outcome', async () => {
    const events: VendorCallEvent[] = [];
    const c = client({
      onCall: (e) => events.push(e),
      timeoutMs: 200,
      retry: { maxAttempts: 1 },
      circuitBreaker: { consecutiveFailures: 1 },
    });
    await sim.addFault({ endpoint: 'WeCaht', hang: true });
    await sim.addFault({ endpoint: 'staff', drop: true });
    await sim.addFault({ endpoint: 'Label', truncate: true });
    await sim.addFault({ endpoint: 'AdManage', errmsg: 10005 });
    await failure(c.getOperatorAccounts());
    await failure(c.getStaff());
    await failure(c.getStaff());
    await failure(c.getLabelCategories());
    await failure(c.getAdGroups());
    expect(events.map((e) => [e.endpoint, e.outcome])).toEqual([
      ['WeCaht', 'timeout'],
      ['staff', 'network-error'],
      ['staff', 'circuit-open'],
      ['Label', 'malformed-response'],
      ['AdManage', 'auth-error'],
    ]);
    expect(events[4]).toMatchObject({ code: 10005, codeClass: 'credentials' });
  });

  it('measures latency from the start of the call', async () => {
    const events: VendorCallEvent[] = [];
    const c = client({ onCall: (e) => events.push(e) });
    const started = performance.now();
    await c.getStaff();
    await sim.addFault({ endpoint: 'staff', errmsg: 200012 });
    await failure(c.getStaff());
    const elapsed = performance.now() - started;
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event.latencyMs).toBeGreaterThan(0);
      expect(event.latencyMs).toBeLessThanOrEqual(elapsed);
    }
  });
});

describe('VendorClient retries and timeouts', () => {
  it('renews a token once per call: a second token refusal is reported', async () => {
    await sim.addFault({ endpoint: 'staff', errmsg: 10003, times: 2 });
    const error = await failure(client().getStaff());
    expect(error).toBeInstanceOf(VendorAuthError);
    expect(error).toMatchObject({ attempts: 2, upstream: { code: 10003 } });
    expect(await sim.calls()).toEqual({ GetAccessToken: 2, staff: 2 });
  });

  it('cuts the per-attempt timeout to what is left before the call’s deadline', async () => {
    const c = client({ timeoutMs: 3000, retry: { deadlineMs: 300 } });
    await c.getStaff();
    await sim.addFault({ endpoint: 'WeCaht', hang: true });
    const error = await failure(c.getOperatorAccounts());
    expect(error).toBeInstanceOf(VendorTimeoutError);
    expect((error as VendorTimeoutError).timeoutMs).toBeLessThanOrEqual(300);
  });

  it('does not start a pause that would end exactly at the deadline', async () => {
    const c = client({ retry: { maxAttempts: 5, baseDelayMs: 2000, maxDelayMs: 2000, deadlineMs: 1000 } });
    await c.getStaff();
    await sim.addFault({ endpoint: 'staff', drop: true });
    // Our clock stands still and the jitter is nil, so the first pause, 1 s, would end at the deadline.
    jest.spyOn(Date, 'now').mockReturnValue(Date.now());
    jest.spyOn(Math, 'random').mockReturnValue(0);
    const error = await failure(c.getStaff());
    expect(error).toBeInstanceOf(VendorNetworkError);
    expect(error).toMatchObject({ attempts: 1 });
  });

  it('clears the timer of each attempt once answered, leaving nothing to keep the process alive', async () => {
    const timeoutMs = 987_654;
    const c = client({ timeoutMs, retry: { deadlineMs: 10_000_000 } });
    const setTimer = jest.spyOn(global, 'setTimeout');
    const clearTimer = jest.spyOn(global, 'clearTimeout');
    await c.getStaff();
    // One for the token request, one for the call (the token's may be a millisecond short of timeoutMs).
    const timers = setTimer.mock.results
      .filter((_, i) => Number(setTimer.mock.calls[i][1]) > timeoutMs - 1000)
      .map((r) => r.value as unknown);
    expect(timers).toHaveLength(2);
    const cleared = clearTimer.mock.calls.map(([timer]) => timer as unknown);
    for (const timer of timers) expect(cleared).toContain(timer);
  });
});

describe('VendorClient reading the values of an answer', () => {
  let server: Server;
  let values: unknown;
  let baseUrl: string;

  beforeAll(async () => {
    // The simulator always answers a list; this vendor answers a success with whatever `values` holds.
    server = createServer((req, res) => {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      if (req.url?.includes('GetAccessToken')) {
        const token = { access_token: 'tok', expires_in: Math.floor(Date.now() / 1000) + 3600 };
        res.end(JSON.stringify({ errmsg: 10004, succeed: true, values: token }));
      } else {
        res.end(JSON.stringify({ errmsg: 20000, succeed: true, values, requestId: 'r-1', msgTime: 42 }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/publicapi/v1/`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it.each([null, undefined, { ad_staff_code: 'b01' }, 'b01'])(
    'answers no records for values %p',
    async (given) => {
      values = given;
      const c = new VendorClient({ baseUrl, appId: 'app', appKey: 'key' });
      expect(await c.getStaff()).toEqual({
        values: [],
        requestId: 'r-1',
        msgTime: null,
        attempts: 1,
        fingerprint: null,
      });
    },
  );
});
