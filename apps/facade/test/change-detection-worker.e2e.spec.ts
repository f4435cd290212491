import { startFacadeProcess, startSimulator, type RunningSimulator } from '@youmi-facade/testing';
import { eventually, readFeed } from './change-feed-client';

interface Staff {
  code: string;
  name: string;
}

describe('change detection in the built facade (its own worker thread)', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('detects in a worker thread: events are recorded and the lists answered change with them', async () => {
    const facade = await startFacadeProcess({
      LOG_LEVEL: 'info',
      UPSTREAM_BASE_URL: sim.baseUrl,
      UPSTREAM_APP_ID: sim.appId,
      UPSTREAM_APP_KEY: sim.appKey,
      CHANGES_POLL_SECONDS: '1',
    });
    try {
      const { origin } = facade;
      await eventually(
        async () => facade.stdout(),
        (printed) => /baseline of \d+ records/.test(printed),
      );
      expect(facade.stdout()).toContain('changes are detected in a worker thread');
      const staff = async () => ((await (await fetch(`${origin}/v1/staff/b01`)).json()) as Staff).name;
      expect(await staff()).not.toBe('renamed by the worker test');
      await sim.changeRecords({
        endpoint: 'staff',
        op: 'update',
        key: 'b01',
        set: { ad_staff_name: 'renamed by the worker test' },
      });
      const { events } = await eventually(
        () => readFeed(origin),
        (feed) => feed.events.some((event) => event.type === 'staff.updated' && event.key === 'b01'),
      );
      expect(events.find((event) => event.key === 'b01')?.changes).toEqual([
        { field: 'name', before: expect.any(String), after: 'renamed by the worker test' },
      ]);
      // The cache holds what detection read: answered at once, without waiting for an expiry.
      expect(await staff()).toBe('renamed by the worker test');
      // Its vendor calls are counted with the others, though made by the detection thread's own client
      // (nothing here asked for operator accounts).
      const metrics = await (await fetch(`${origin}/metrics`)).text();
      expect(metrics).toMatch(/^facade_vendor_calls_total\{endpoint="WeCaht",outcome="success"\} [1-9]/m);
      expect(metrics).toMatch(/^facade_change_poll_main_thread_cpu_seconds_count [1-9]/m);
    } finally {
      const { stdout } = await facade.stop();
      expect(stdout).not.toContain(sim.appKey);
    }
  });

  it('hands a baseline larger than one part over in parts, every record of it', async () => {
    // 1,000 operator accounts: the baseline's records cross from the detection thread 500 at a time.
    const large = await startSimulator({ env: { SIM_DATASET: 'synthetic', SIM_SCALE: '0.1' } });
    const facade = await startFacadeProcess({
      LOG_LEVEL: 'info',
      UPSTREAM_BASE_URL: large.baseUrl,
      UPSTREAM_APP_ID: large.appId,
      UPSTREAM_APP_KEY: large.appKey,
      CHANGES_POLL_SECONDS: '1',
    });
    try {
      const printed = await eventually(
        async () => facade.stdout(),
        (text) => /operator-accounts: baseline of \d+ records/.test(text),
      );
      const baseline = Number(/operator-accounts: baseline of (\d+) records/.exec(printed)?.[1]);
      const page = (await (await fetch(`${facade.origin}/v1/operator-accounts?limit=1`)).json()) as {
        meta: { total: number };
      };
      expect(page.meta.total).toBeGreaterThan(500);
      expect(baseline).toBe(page.meta.total);
    } finally {
      await facade.stop();
      await large.stop();
    }
  });
});
