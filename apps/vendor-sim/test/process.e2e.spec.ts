import { spawn } from 'node:child_process';
import {
  simulatorEntryPath,
  startSimulator,
  getToken,
  nowSeconds,
  tokenBody,
  tokenCall,
  valuesOf,
  vendorCall,
  envelope,
} from '@youmi-facade/testing';

// The built entry as a person or a script runs it: configuration, the start line, shutdown.

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs main.js with exactly `env` (plus PATH) until it exits, or until `untilLine` appears then SIGTERM. */
function run(env: Record<string, string>, untilLine?: RegExp): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [simulatorEntryPath()], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (untilLine && untilLine.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('start-up', () => {
  it('prints the listening line, then the demo credentials when SIM_APP_ID/SIM_APP_KEY are unset', async () => {
    // Two lines are waited for; the demo line is written right after the listening one.
    const result = await run({ PORT: '0' }, /demo credentials.*\n/);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^vendor-sim listening on http:\/\/127\.0\.0\.1:\d+\/publicapi\/v1\/ \(dataset=seed, AppId=demo-app\)$/,
    );
    expect(lines[1]).toMatch(/AppId=demo-app appkey=demo-secret/);
    expect(lines).toHaveLength(2);
    expect(result.code).toBe(0);
  });

  it('prints only the listening line with real credentials', async () => {
    const result = await run(
      {
        PORT: '0',
        SIM_APP_ID: 'real-id',
        SIM_APP_KEY: 'real-key',
        SIM_DATASET: 'synthetic',
        SIM_SCALE: '0.01',
      },
      /listening on.*\n/,
    );
    // Give a would-be second line the chance to arrive before SIGTERM ends the process.
    expect(result.stdout).toMatch(
      /^vendor-sim listening on http:\/\/127\.0\.0\.1:\d+\/publicapi\/v1\/ \(dataset=synthetic, AppId=real-id\)\n$/,
    );
    expect(result.stdout).not.toContain('real-key');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['SIM_DATASET', 'production'],
    ['SIM_SCALE', 'big'],
    ['SIM_SCALE', '0'],
    ['SIM_SCALE', '-2'],
    ['SIM_SCALE', '1000'],
    ['SIM_TOKEN_TTL_SECONDS', '1.5'],
    ['SIM_LATENCY_MS', 'slow'],
    ['SIM_FAULTS', '{"errmsg":1}'],
    ['SIM_FAULTS', '[{"hang":"yes"}]'],
    ['SIM_SEED', 'x'],
  ])('exits non-zero naming %s for %s', async (variable, value) => {
    const result = await run({ PORT: '0', [variable]: value });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain(variable);
    expect(result.stdout).toBe('');
  });

  it('exits non-zero when the port is taken', async () => {
    const first = await startSimulator();
    try {
      const result = await run({ PORT: String(first.port) });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/PORT/);
    } finally {
      await first.stop();
    }
  });

  it('startSimulator reports a failed start with the simulator’s message', async () => {
    await expect(startSimulator({ env: { SIM_DATASET: 'nope' } })).rejects.toThrow(
      /exited with code \d+[\s\S]*SIM_DATASET/,
    );
  });
});

describe('configuration', () => {
  it('SIM_TOKEN_TTL_SECONDS sets how far ahead expires_in is', async () => {
    const sim = await startSimulator({ env: { SIM_TOKEN_TTL_SECONDS: '60' } });
    try {
      const before = nowSeconds();
      const answer = await tokenCall(sim, tokenBody(sim));
      const expiresIn = (envelope(answer).values as { expires_in: number }).expires_in;
      expect(expiresIn).toBeGreaterThanOrEqual(before + 60);
      expect(expiresIn).toBeLessThanOrEqual(nowSeconds() + 60);
    } finally {
      await sim.stop();
    }
  });

  it('SIM_TOKEN_TTL_SECONDS=1: the token expires on its own → 10003', async () => {
    const sim = await startSimulator({ env: { SIM_TOKEN_TTL_SECONDS: '1' } });
    try {
      const token = await getToken(sim);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      expect((await vendorCall(sim, token, 'staff')).json?.errmsg).toBe(10003);
    } finally {
      await sim.stop();
    }
  });

  it('SIM_FAULTS applies faults from the start; SIM_LATENCY_MS delays every vendor call', async () => {
    const sim = await startSimulator({
      env: {
        SIM_FAULTS: JSON.stringify([{ endpoint: 'Label', errmsg: 200011, times: 1 }]),
        SIM_LATENCY_MS: '250',
      },
    });
    try {
      const token = await getToken(sim);
      expect((await vendorCall(sim, token, 'Label')).json?.errmsg).toBe(200011);
      const started = performance.now();
      expect(valuesOf(await vendorCall(sim, token, 'Label'))).toHaveLength(1);
      expect(performance.now() - started).toBeGreaterThanOrEqual(230);
      // Control calls are never delayed: asked together with a vendor call, the control call answers first.
      const order: string[] = [];
      await Promise.all([
        vendorCall(sim, token, 'Label').then(() => order.push('vendor')),
        sim.calls().then(() => order.push('control')),
      ]);
      expect(order).toEqual(['control', 'vendor']);
    } finally {
      await sim.stop();
    }
  });

  it('SIM_CLOCK_OFFSET_SECONDS runs the simulator’s clock ahead or behind the host’s', async () => {
    const sim = await startSimulator({ env: { SIM_CLOCK_OFFSET_SECONDS: '-660' } });
    try {
      const refused = await tokenCall(sim, tokenBody(sim));
      expect(refused.json?.errmsg).toBe(200005);
      expect(Date.parse(envelope(refused).msgTime as string) - Date.now()).toBeLessThan(-650_000);
      expect(
        (await tokenCall(sim, tokenBody(sim, { Timestamp: String(nowSeconds() - 660) }))).json?.errmsg,
      ).toBe(10004);
    } finally {
      await sim.stop();
    }
  });

  it('SIM_APP_ID / SIM_APP_KEY are the credentials it checks', async () => {
    const sim = await startSimulator({ env: { SIM_APP_ID: 'monitor-42', SIM_APP_KEY: 'k-42' } });
    try {
      expect([sim.appId, sim.appKey]).toEqual(['monitor-42', 'k-42']);
      expect((await tokenCall(sim, tokenBody(sim))).json?.errmsg).toBe(10004);
      expect((await tokenCall(sim, tokenBody(sim, { key: 'test-secret' }))).json?.errmsg).toBe(200006);
    } finally {
      await sim.stop();
    }
  });
});

describe('shutdown', () => {
  it('exits 0 on SIGTERM even with a request hanging, which the client sees cut off', async () => {
    const sim = await startSimulator();
    const token = await getToken(sim);
    await sim.addFault({ hang: true });
    const hanging = vendorCall(sim, token, 'staff').then(
      () => 'answered',
      () => 'cut off',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Stopping does not wait for the call it cuts off (a hang would end in the test's own timeout).
    await sim.stop();
    expect(await hanging).toBe('cut off');
    await expect(fetch(`${sim.origin}/__sim/health`)).rejects.toThrow();
  });

  it('exits 0 on SIGINT', async () => {
    const result = await new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, [simulatorEntryPath()], {
        env: { PATH: process.env['PATH'] ?? '', PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('listening on')) child.kill('SIGINT');
      });
      child.on('close', (code) => resolve({ code, stdout, stderr: '' }));
    });
    expect(result.code).toBe(0);
  });
});
