import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  fetchVendorToken,
  findWorkspaceRoot,
  signedVendorHeaders,
  simulatorEntryPath,
  startSimulator,
  TEST_APP_ID,
  TEST_APP_KEY,
  type RunningSimulator,
} from '../src/index';

async function staffCall(
  sim: RunningSimulator,
  token: string,
): Promise<{ status: number; errmsg?: number; text: string }> {
  const response = await fetch(`${sim.baseUrl}staff`, { headers: signedVendorHeaders(sim.appKey, token) });
  const text = await response.text();
  try {
    return { status: response.status, errmsg: (JSON.parse(text) as { errmsg: number }).errmsg, text };
  } catch {
    return { status: response.status, text };
  }
}

describe('findWorkspaceRoot', () => {
  it('finds the directory whose package.json is named youmi-facade', () => {
    const root = findWorkspaceRoot();
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name).toBe('youmi-facade');
    expect(existsSync(join(root, 'nx.json'))).toBe(true);
    expect(simulatorEntryPath()).toBe(join(root, 'dist', 'apps', 'vendor-sim', 'main.js'));
  });

  it('throws when no such directory is above', () => {
    expect(() => findWorkspaceRoot('/')).toThrow(/youmi-facade/);
  });
});

describe('startSimulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  it('starts the built simulator on a free port with the test credentials', async () => {
    expect(sim.port).toBeGreaterThan(0);
    expect(sim.origin).toBe(`http://127.0.0.1:${sim.port}`);
    expect(sim.baseUrl).toBe(`${sim.origin}/publicapi/v1/`);
    expect([sim.appId, sim.appKey]).toEqual([TEST_APP_ID, TEST_APP_KEY]);
    expect(await (await fetch(`${sim.origin}/__sim/health`)).json()).toEqual({ ok: true });
    const token = await fetchVendorToken(sim.baseUrl, sim.appId, sim.appKey);
    expect((await staffCall(sim, token)).errmsg).toBe(20000);
  });

  it('addFault / clearFaults', async () => {
    const token = await fetchVendorToken(sim.baseUrl, sim.appId, sim.appKey);
    await sim.addFault({ endpoint: 'staff', html: true, status: 503 });
    expect((await staffCall(sim, token)).status).toBe(503);
    await sim.clearFaults();
    expect((await staffCall(sim, token)).errmsg).toBe(20000);
  });

  it('addFault rejects a fault the simulator refuses', async () => {
    await expect(sim.addFault({ endpoint: 'nope', errmsg: 1 })).rejects.toThrow(/400/);
  });

  it('calls / resetCalls', async () => {
    const token = await fetchVendorToken(sim.baseUrl, sim.appId, sim.appKey);
    await staffCall(sim, token);
    await staffCall(sim, token);
    expect(await sim.calls()).toEqual({ GetAccessToken: 1, staff: 2 });
    await sim.resetCalls();
    expect(await sim.calls()).toEqual({});
  });

  it('revokeTokens → 10011, expireTokens → 10003', async () => {
    const revoked = await fetchVendorToken(sim.baseUrl, sim.appId, sim.appKey);
    await sim.revokeTokens();
    expect((await staffCall(sim, revoked)).errmsg).toBe(10011);
    const expired = await fetchVendorToken(sim.baseUrl, sim.appId, sim.appKey);
    await sim.expireTokens();
    expect((await staffCall(sim, expired)).errmsg).toBe(10003);
  });

  it('reset clears faults, calls and tokens', async () => {
    const token = await fetchVendorToken(sim.baseUrl, sim.appId, sim.appKey);
    await sim.addFault({ errmsg: 200011 });
    await sim.reset();
    expect(await sim.calls()).toEqual({});
    expect((await staffCall(sim, token)).errmsg).toBe(10011);
  });

  it('changeRecords changes what the vendor endpoint answers; reset restores it', async () => {
    const codes = async () => {
      const token = await fetchVendorToken(sim.baseUrl, sim.appId, sim.appKey);
      const { values } = JSON.parse((await staffCall(sim, token)).text) as {
        values: Array<{ ad_staff_code: string }>;
      };
      return values.map((s) => s.ad_staff_code);
    };
    const record = { ad_staff_code: 'b09', ad_staff_name: '李娜', ad_staff_state: 0, ad_self_user: null };
    expect(await sim.changeRecords({ endpoint: 'staff', op: 'add', record })).toEqual([
      { endpoint: 'staff', op: 'add', key: 'b09', count: 3 },
    ]);
    expect(
      await sim.changeRecords(
        { endpoint: 'staff', op: 'remove', key: 'b01' },
        { endpoint: 'staff', op: 'update', key: 'b09', set: { ad_staff_state: 1 } },
      ),
    ).toEqual([
      { endpoint: 'staff', op: 'remove', key: 'b01', count: 2 },
      { endpoint: 'staff', op: 'update', key: 'b09', count: 2 },
    ]);
    expect(await codes()).toEqual(['b03', 'b09']);
    await sim.reset();
    expect(await codes()).toEqual(['b01', 'b03']);
  });

  it('changeRecords throws with the simulator’s message and applies nothing of a refused batch', async () => {
    await expect(
      sim.changeRecords({ endpoint: 'staff', op: 'update', key: 'b01', set: { ad_staff_code: 'b02' } }),
    ).rejects.toThrow(
      /^vendor simulator refused POST \/__sim\/records: 400 "set.ad_staff_code" is part of the key/,
    );
    await expect(
      sim.changeRecords(
        { endpoint: 'staff', op: 'remove', key: 'b01' },
        { endpoint: 'WeCaht', op: 'remove', key: 1 },
      ),
    ).rejects.toThrow('404 changes[1]: WeCaht has no record with ad_wechat_id "1"');
    const token = await fetchVendorToken(sim.baseUrl, sim.appId, sim.appKey);
    expect((await staffCall(sim, token)).text).toContain('"b01"');
  });

  it('fetchVendorToken throws on a refusal', async () => {
    await expect(fetchVendorToken(sim.baseUrl, sim.appId, 'wrong')).rejects.toThrow(/200006/);
  });
});

describe('startSimulator options and failures', () => {
  it('passes env through, and explicit credentials win over the test ones', async () => {
    const sim = await startSimulator({
      env: { SIM_APP_ID: 'other', SIM_APP_KEY: 'other-key', SIM_DATASET: 'synthetic', SIM_SCALE: '0.01' },
    });
    try {
      expect([sim.appId, sim.appKey]).toEqual(['other', 'other-key']);
      const token = await fetchVendorToken(sim.baseUrl, 'other', 'other-key');
      const body = (await (
        await fetch(`${sim.baseUrl}staff`, { headers: signedVendorHeaders('other-key', token) })
      ).json()) as { values: unknown[] };
      expect(body.values).toHaveLength(20);
    } finally {
      await sim.stop();
    }
  });

  it('stop() ends the process, and may be called twice', async () => {
    const sim = await startSimulator();
    await sim.stop();
    await sim.stop();
    await expect(fetch(`${sim.origin}/__sim/health`)).rejects.toThrow();
  });

  it('says to build the simulator when the entry is missing', async () => {
    await expect(
      startSimulator({ entry: join(findWorkspaceRoot(), 'dist', 'nowhere', 'main.js') }),
    ).rejects.toThrow(/npx nx build vendor-sim/);
  });

  it('reports the simulator’s own message when it refuses to start', async () => {
    await expect(startSimulator({ env: { SIM_SCALE: 'huge' } })).rejects.toThrow(
      /exited with code [1-9][\s\S]*SIM_SCALE/,
    );
  });

  it('gives up after the start timeout', async () => {
    // A script that never prints the listening line.
    const entry = join(findWorkspaceRoot(), 'libs', 'testing', 'src', 'never-listens.fixture.js');
    await expect(startSimulator({ entry, startTimeoutMs: 500 })).rejects.toThrow(
      /no "listening on" line within 500 ms/,
    );
  });
});
