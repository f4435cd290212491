import { startFacadeProcess, startSimulator, type RunningSimulator } from '@youmi-facade/testing';
import { startFacade, type RunningFacade } from './facade-harness';

// What the vendor's status codes mean, clock skew, and whether readiness and start-up tell the truth
// about the vendor connection: the real facade and client over HTTP against the simulator.

const KEY = 'connection-spec-appkey-5c1e';
const WRONG_KEY = 'wrong-appkey-must-never-be-shown';

interface LogLine {
  level: number;
  msg: string;
  context?: string;
}

const logLines = (stdout: string): LogLine[] =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);

/** Asks `read` until `done` holds or `withinMs` passes; answers the last value read. */
async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Readiness {
  status: number;
  vendor: {
    connection: string;
    cause?: string;
    clock: { offsetSeconds: number | null; description: string };
    refusal?: { code: number };
  };
}

async function readiness(origin: string): Promise<Readiness> {
  const response = await fetch(`${origin}/health/ready`);
  const body = (await response.json()) as {
    info?: { vendor: Readiness['vendor'] };
    checks?: { vendor: Readiness['vendor'] };
  };
  // 200 is terminus's `{ status, info }`; 503 a problem whose `checks` holds the same details.
  return { status: response.status, vendor: (body.info ?? body.checks)?.vendor as Readiness['vendor'] };
}

/** The readiness status once it is 200, or the last one after 10 s. */
const untilReady = async (url: string) =>
  (
    await poll(
      () => readiness(url),
      (r) => r.status === 200,
      10_000,
    )
  ).status;

describe('vendor status codes, as the vendor documents them', () => {
  let sim: RunningSimulator;
  let facade: RunningFacade;

  beforeAll(async () => {
    sim = await startSimulator({ env: { SIM_APP_KEY: KEY } });
    // No cache: every request reaches the vendor, so each refusal shows.
    facade = await startFacade(sim, { CACHE_TTL_SECONDS: '0', CACHE_STALE_SECONDS: '0' });
  });
  afterAll(async () => {
    await facade?.close();
    await sim?.stop();
  });
  beforeEach(() => sim.reset());

  it.each([
    [200005, 'the request is more than 10 minutes old', '请求已超过10分钟'],
    [200006, 'wrong signing key (the signature does not match the appkey)', '加密密钥错误'],
    [200007, 'no AppId given', '没有填写APPID'],
    [200010, 'no such staff code', '员工号不存在'],
    [200012, 'bad parameter', '用户传参错误'],
    [10005, 'data integrity check failed', '数据完整性检查不通过'],
  ])('errmsg %d is a 502 whose upstream.description is “%s”', async (code, meaning, wording) => {
    await sim.addFault({ endpoint: 'AdManage', errmsg: code });
    const { status, body } = await facade.json<{ detail: string; upstream: unknown }>('/v1/ad-groups');
    expect(status).toBe(502);
    expect(body.upstream).toEqual({ code, description: meaning, requestId: expect.any(String) });
    expect(body.detail).toContain(`errmsg ${code}: ${meaning} (${wording})`);
  });

  it('says which settings to check when the vendor refuses the credentials', async () => {
    await sim.addFault({ endpoint: 'AdManage', errmsg: 200006 });
    const { body } = await facade.json<{ detail: string }>('/v1/ad-groups');
    expect(body.detail).toMatch(/Check UPSTREAM_APP_ID and UPSTREAM_APP_KEY\.$/);
    expect(JSON.stringify(body)).not.toContain(KEY);
  });

  it('reports an undocumented code as such, with its number', async () => {
    await sim.addFault({ endpoint: 'AdManage', errmsg: 4711 });
    const { status, body } = await facade.json<{ upstream: { description: string } }>('/v1/ad-groups');
    expect(status).toBe(502);
    expect(body.upstream.description).toBe('undocumented code 4711');
  });

  it('counts failure envelopes by code and class in the metrics', async () => {
    await sim.addFault({ endpoint: 'AdManage', errmsg: 200012, times: 1 });
    await facade.get('/v1/ad-groups');
    const metrics = await (await facade.get('/metrics')).text();
    expect(metrics).toMatch(
      /facade_vendor_status_codes_total\{endpoint="AdManage",code="200012",class="business"\} [1-9]/,
    );
  });

  it('a timestamp refusal that persists is a 502 naming how far apart the clocks are', async () => {
    await sim.setClockOffset(660);
    await sim.addFault({ endpoint: 'AdManage', errmsg: 200005 });
    const { status, body } = await facade.json<{ detail: string; upstream: { description: string } }>(
      '/v1/ad-groups',
    );
    expect(status).toBe(502);
    expect(body.upstream.description).toBe('the request is more than 10 minutes old');
    expect(body.detail).toMatch(
      /Our clock is 1[01] min( \d+ s)? behind the vendor's; check the host's clock\.$/,
    );
  });
});

describe('a host clock 11 minutes off the vendor’s', () => {
  it('still answers 200; readiness, metrics and the log name the skew', async () => {
    const sim = await startSimulator({ env: { SIM_APP_KEY: KEY, SIM_CLOCK_OFFSET_SECONDS: '660' } });
    const facade = await startFacadeProcess({
      LOG_LEVEL: 'info',
      UPSTREAM_BASE_URL: sim.baseUrl,
      UPSTREAM_APP_ID: sim.appId,
      UPSTREAM_APP_KEY: KEY,
    });
    let stdout = '';
    try {
      const origin = facade.origin;
      expect((await fetch(`${origin}/v1/staff`)).status).toBe(200);
      const ready = await readiness(origin);
      expect(ready.status).toBe(200);
      expect(ready.vendor.connection).toBe('ok');
      expect(Math.abs((ready.vendor.clock.offsetSeconds as number) + 660)).toBeLessThanOrEqual(5);
      const metrics = await (await fetch(`${origin}/metrics`)).text();
      const gauge = Number(/^facade_vendor_clock_offset_seconds (\S+)$/m.exec(metrics)?.[1]);
      expect(Math.abs(gauge + 660)).toBeLessThan(5);
    } finally {
      stdout = (await facade.stop()).stdout;
      await sim.stop();
    }
    const warnings = logLines(stdout).filter(
      (line) => line.level === 40 && line.context === 'VendorConnection',
    );
    expect(warnings.map((line) => line.msg)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^our clock is 1[01] min( \d+ s)? behind the vendor's: the vendor refuses requests more than 10 minutes old/,
        ),
        expect.stringMatching(
          /^the vendor refused our timestamp on GetAccessToken \(errmsg 200005\); our clock is 1[01] min/,
        ),
      ]),
    );
    expect(stdout).not.toContain(KEY);
  });
});

describe('readiness and start-up tell the truth about the vendor connection', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ env: { SIM_APP_KEY: KEY } });
  });
  afterAll(() => sim?.stop());
  beforeEach(() => sim.reset());

  const env = (overrides: Record<string, string>) => ({
    LOG_LEVEL: 'info',
    UPSTREAM_BASE_URL: sim.baseUrl,
    UPSTREAM_APP_ID: sim.appId,
    UPSTREAM_APP_KEY: KEY,
    ...overrides,
  });

  it('with the right key: ready, and one info line with the token’s expiry', async () => {
    const facade = await startFacadeProcess(env({}));
    let stdout = '';
    try {
      const ready = await poll(
        () => readiness(facade.origin),
        (r) => r.status === 200,
        10_000,
      );
      expect(ready.status).toBe(200);
      expect(ready.vendor).toMatchObject({
        connection: 'ok',
        clock: { description: expect.stringMatching(/^our clock/) },
      });
    } finally {
      stdout = (await facade.stop()).stdout;
    }
    const infos = logLines(stdout).filter((line) => line.context === 'VendorConnection');
    expect(infos).toEqual([
      expect.objectContaining({
        level: 30,
        msg: expect.stringMatching(
          /^the vendor accepts our credentials: access token obtained, valid until 20\d\d-/,
        ),
      }),
    ]);
  });

  it.each<[string, Record<string, string>]>([
    ['a wrong appkey', { UPSTREAM_APP_KEY: WRONG_KEY }],
    ['an unknown AppId', { UPSTREAM_APP_ID: 'nobody-knows-me' }],
  ])(
    '%s: not ready, one error line naming the cause, ready by itself once the vendor accepts it',
    async (_case, overrides) => {
      const facade = await startFacadeProcess(env(overrides));
      let stdout = '';
      try {
        const origin = facade.origin;
        const refused = await readiness(origin);
        expect(refused.status).toBe(503);
        expect(refused.vendor).toMatchObject({
          connection: 'credentials-refused',
          refusal: { code: 200006 },
        });
        expect(refused.vendor.cause).toBe(
          'credentials refused: errmsg 200006, wrong signing key (the signature does not match the appkey); check UPSTREAM_APP_ID and UPSTREAM_APP_KEY',
        );
        const metrics = await (await fetch(`${origin}/metrics`)).text();
        expect(metrics).toContain('facade_vendor_connection_state{state="credentials-refused"} 1');
        await sim.setCredentials({
          appId: overrides['UPSTREAM_APP_ID'] ?? sim.appId,
          appKey: overrides['UPSTREAM_APP_KEY'] ?? KEY,
        });
        const recovered = await poll(
          () => readiness(origin),
          (r) => r.status === 200,
          10_000,
        );
        expect(recovered.status).toBe(200);
        expect(recovered.vendor.connection).toBe('ok');
      } finally {
        stdout = (await facade.stop()).stdout;
      }
      const errors = logLines(stdout).filter((line) => line.level === 50);
      expect(errors).toEqual([
        expect.objectContaining({
          context: 'VendorConnection',
          msg: 'at start, the vendor refused our credentials: errmsg 200006, wrong signing key (the signature does not match the appkey) (加密密钥错误); check UPSTREAM_APP_ID and UPSTREAM_APP_KEY',
        }),
      ]);
      expect(stdout).toMatch(/the vendor accepts our requests again \(it was credentials-refused\)/);
      expect(stdout).not.toContain(WRONG_KEY);
      expect(stdout).not.toContain(KEY);
    },
  );

  it('timestamps the vendor keeps refusing: 503 naming how far apart the clocks are', async () => {
    await sim.setClockOffset(660);
    await sim.addFault({ endpoint: 'GetAccessToken', errmsg: 200005 });
    const facade = await startFacade(sim);
    try {
      const refused = await readiness(facade.url);
      expect(refused.status).toBe(503);
      expect(refused.vendor.connection).toBe('clock-refused');
      expect(refused.vendor.cause).toMatch(
        /^timestamps refused: errmsg 200005, the request is more than 10 minutes old; our clock is 1[01] min( \d+ s)? behind the vendor's$/,
      );
      await sim.clearFaults();
      expect(await untilReady(facade.url)).toBe(200);
    } finally {
      await facade.close();
    }
  });

  it('a vendor that cannot be reached: 503 naming it, ready when it answers again', async () => {
    await sim.addFault({ endpoint: 'GetAccessToken', drop: true });
    const facade = await startFacade(sim);
    try {
      const down = await readiness(facade.url);
      expect(down.status).toBe(503);
      expect(down.vendor).toMatchObject({
        connection: 'unreachable',
        cause: 'the vendor is unreachable (network on GetAccessToken)',
      });
      await sim.clearFaults();
      expect(await untilReady(facade.url)).toBe(200);
    } finally {
      await facade.close();
    }
  });

  it('a data call that fails on the network: 503 whose detail is the cause, ready by itself once the vendor answers', async () => {
    const facade = await startFacade(sim, { CACHE_TTL_SECONDS: '0', CACHE_STALE_SECONDS: '0' });
    try {
      await untilReady(facade.url);
      await sim.addFault({ endpoint: 'AdManage', drop: true });
      expect((await facade.get('/v1/ad-groups')).status).toBe(503);
      await sim.clearFaults();
      await sim.addFault({ endpoint: 'GetAccessToken', drop: true, times: 1 });
      const response = await fetch(`${facade.url}/health/ready`);
      const body = (await response.json()) as { detail: string; checks: { vendor: { cause: string } } };
      expect(response.status).toBe(503);
      expect(body.detail).toBe(`Not ready: ${body.checks.vendor.cause}.`);
      expect(body.checks.vendor.cause).toMatch(/^the vendor is unreachable \(network on /);
      // Nothing calls AdManage again: the readiness probe's own token request shows the vendor is back.
      expect(await untilReady(facade.url)).toBe(200);
    } finally {
      await facade.close();
    }
  });

  it('/health/live is unaffected by a refusing vendor', async () => {
    const facade = await startFacade(sim, { UPSTREAM_APP_KEY: WRONG_KEY });
    try {
      expect((await facade.get('/health/live')).status).toBe(200);
      expect((await readiness(facade.url)).status).toBe(503);
    } finally {
      await facade.close();
    }
  });
});
