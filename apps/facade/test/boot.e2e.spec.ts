import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFacadeProcess, startFacadeProcess } from '@youmi-facade/testing';

describe('the built facade (dist/apps/facade/main.js)', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ UPSTREAM_TIMEOUT_MS: '-5' }, 'UPSTREAM_TIMEOUT_MS'],
    [{ NODE_ENV: 'production' }, 'FACADE_API_KEYS'],
    [
      { UPSTREAM_BASE_URL: 'http://127.0.0.1:9/publicapi/v1/', UPSTREAM_APP_KEY: 'do-not-print-me' },
      'UPSTREAM_APP_ID',
    ],
  ])('refuses to start with %j, naming %s', async (env, variable) => {
    const result = await runFacadeProcess(env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(variable);
    expect(result.stderr + result.stdout).not.toContain('do-not-print-me');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('logs JSON lines carrying the request id, with keys and tokens redacted', async () => {
    const started = await startFacadeProcess({ LOG_LEVEL: 'info', FACADE_API_KEYS: 'log-secret-key' });
    let output = '';
    try {
      const origin = started.origin;
      const answered = await fetch(`${origin}/v1/staff`, {
        headers: { authorization: 'Bearer log-secret-key', 'x-request-id': 'trace-log-1' },
      });
      expect(answered.status).toBe(200);
      await fetch(`${origin}/v1/staff/nobody`, {
        headers: { 'x-api-key': 'log-secret-key', 'x-request-id': 'trace-log-2' },
      });
      const repeated = await fetch(`${origin}/v1/staff`, {
        headers: { 'x-api-key': 'log-secret-key', 'x-request-id': 'trace-log-3' },
      });
      expect(repeated.headers.get('x-cache')).toBe('HIT');
    } finally {
      output = (await started.stop()).stdout;
    }
    const lines = output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map(
        (l) =>
          JSON.parse(l) as {
            req?: { id?: string };
            res?: { statusCode?: number };
            reqId?: string;
            msg?: string;
          },
      );
    const first = lines.filter((l) => l.req?.id === 'trace-log-1' || l.reqId === 'trace-log-1');
    expect(first.length).toBeGreaterThan(0);
    expect(lines.some((l) => l.req?.id === 'trace-log-2' || l.reqId === 'trace-log-2')).toBe(true);
    expect(
      lines.filter(
        (l) => l.req?.id === 'trace-log-3' && l.msg === 'request completed' && l.res?.statusCode === 200,
      ),
    ).toHaveLength(1);
    expect(output).not.toContain('log-secret-key');
  });

  it('starts the bundled simulator when UPSTREAM_BASE_URL is unset, serves, and stops on SIGTERM', async () => {
    const started = await startFacadeProcess();
    try {
      const origin = started.origin;
      expect(started.stdout()).toContain(`Swagger UI ${origin.replace('127.0.0.1', 'localhost')}/docs`);
      const tree = await fetch(`${origin}/v1/label-tree`);
      expect(tree.status).toBe(200);
      expect(JSON.stringify(await tree.json())).toContain('客户意向');
    } finally {
      const stopped = await started.stop();
      expect(stopped.code === 0 || stopped.code === null).toBe(true);
    }
  });

  it('keeps serving when asked for a diagnostic report with SIGUSR2, and still stops on SIGTERM', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'facade-report-'));
    const started = await startFacadeProcess({
      NODE_OPTIONS: `--report-on-signal --report-signal=SIGUSR2 --report-directory=${reports}`,
    });
    try {
      const origin = started.origin;
      started.signal('SIGUSR2');
      for (let waited = 0; readdirSync(reports).length === 0 && waited < 3000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(readdirSync(reports)).toHaveLength(1);
      expect((await fetch(`${origin}/health/live`)).status).toBe(200);
    } finally {
      const stopped = await started.stop();
      expect(stopped.code === 0 || stopped.code === null).toBe(true);
      rmSync(reports, { recursive: true, force: true });
    }
  });
});
