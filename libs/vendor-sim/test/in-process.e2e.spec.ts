import { createSimulator, type Simulator } from '../src';
import {
  signedVendorHeaders,
  getToken,
  tokenBody,
  tokenCall,
  vendorCall,
  type VendorTarget,
  envelope,
  must,
} from '@youmi-facade/testing';

// createSimulator in-process, where a test needs to steer the clock or inspect state directly.

describe('createSimulator', () => {
  let sim: Simulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  async function start(options: Partial<Parameters<typeof createSimulator>[0]> = {}): Promise<VendorTarget> {
    sim = createSimulator({ appId: 'in-proc', appKey: 'in-proc-key', ...options });
    const address = await sim.listen(0, '127.0.0.1');
    expect(address.baseUrl).toBe(`http://127.0.0.1:${address.port}/publicapi/v1/`);
    expect(address.origin).toBe(`http://127.0.0.1:${address.port}`);
    return { baseUrl: address.baseUrl, appId: 'in-proc', appKey: 'in-proc-key' };
  }

  it('lets a token expire by the clock: 10003 once now passes expires_in', async () => {
    let now = Date.now();
    const target = await start({ now: () => now, tokenTtlSeconds: 3600 });
    const answer = await tokenCall(target, tokenBody(target));
    const { access_token: token, expires_in: expiresIn } = envelope(answer).values as {
      access_token: string;
      expires_in: number;
    };
    expect(expiresIn).toBe(Math.floor(now / 1000) + 3600);
    now += 3599 * 1000;
    const sign = () => signedVendorHeaders(target.appKey, token, { timestamp: Math.floor(now / 1000) });
    expect((await vendorCall(target, token, 'staff', { headers: sign() })).json?.errmsg).toBe(20000);
    now += 2 * 1000;
    expect((await vendorCall(target, token, 'staff', { headers: sign() })).json?.errmsg).toBe(10003);
  });

  it('judges the 10-minute window by its own clock, not the client’s', async () => {
    const target = await start({ now: () => Date.now() - 20 * 60 * 1000 });
    expect((await tokenCall(target, tokenBody(target))).json?.errmsg).toBe(200005);
  });

  it('exposes faults, tokens and calls as state', async () => {
    const target = await start({ faults: [{ endpoint: 'Label', errmsg: 200011, times: 1 }] });
    const token = await getToken(target);
    const running = must(sim);
    expect(running.tokens.size).toBe(1);
    expect((await vendorCall(target, token, 'Label')).json?.errmsg).toBe(200011);
    expect(running.faults.list()).toEqual([]);
    expect(running.calls.snapshot()).toEqual({ GetAccessToken: 1, Label: 1 });
    running.reset();
    expect(running.tokens.size).toBe(0);
  });

  it('close() ends hanging and delayed requests at once', async () => {
    const target = await start({
      faults: [
        { endpoint: 'staff', hang: true },
        { endpoint: 'Label', latencyMs: 60_000 },
      ],
    });
    const token = await getToken(target);
    const hanging = vendorCall(target, token, 'staff').then(
      () => 'answered',
      () => 'cut off',
    );
    const delayed = vendorCall(target, token, 'Label').then(
      () => 'answered',
      () => 'cut off',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Closing does not wait for the calls it cuts off (a hang would end in the test's own timeout).
    await must(sim).close();
    expect(await Promise.all([hanging, delayed])).toEqual(['cut off', 'cut off']);
  });

  it('accepts a dataset of its own', async () => {
    const target = await start({
      dataset: {
        name: 'custom',
        operatorAccounts: () => [],
        staff: () => [{ ad_staff_code: 'x1', ad_staff_name: 'X', ad_staff_state: 0, ad_self_user: null }],
        staffWechat: () => [],
        labelCategories: () => [],
        labels: () => [],
        adGroups: () => [],
        customAttributes: () => [],
      },
    });
    const token = await getToken(target);
    expect((await vendorCall(target, token, 'staff')).json?.values).toEqual([
      { ad_staff_code: 'x1', ad_staff_name: 'X', ad_staff_state: 0, ad_self_user: null },
    ]);
    expect(
      (await vendorCall(target, token, 'staff/GetStaffWechat', { body: '{"ad_staff_code":"x1"}' })).json
        ?.values,
    ).toEqual([]);
  });
});
