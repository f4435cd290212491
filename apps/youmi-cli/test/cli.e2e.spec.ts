import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { findWorkspaceRoot, startSimulator, type RunningSimulator } from '@youmi-facade/testing';

// The built CLI (dist/apps/youmi-cli/main.js) as an operator runs it, against the simulator over HTTP.

const entry = join(findWorkspaceRoot(), 'dist/apps/youmi-cli/main.js');
const KEY = 'cli-spec-appkey-0b7f';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function youmi(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [entry, ...args], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
    });
    const run: Run = { code: null, stdout: '', stderr: '' };
    child.stdout.on('data', (chunk) => (run.stdout += chunk));
    child.stderr.on('data', (chunk) => (run.stderr += chunk));
    child.on('close', (code) => resolve({ ...run, code }));
  });
}

const marks = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => /^[✓✗–] /.test(line))
    .map((line) => line[0]);

let sim: RunningSimulator;
let vendorEnv: Record<string, string>;

beforeAll(async () => {
  sim = await startSimulator({ env: { SIM_APP_KEY: KEY } });
  vendorEnv = { UPSTREAM_BASE_URL: sim.baseUrl, UPSTREAM_APP_ID: sim.appId, UPSTREAM_APP_KEY: KEY };
});
afterAll(() => sim?.stop());
beforeEach(() => sim.reset());

describe('youmi doctor', () => {
  it('passes every check against a vendor that accepts us, with record counts and drift, and exits 0', async () => {
    const run = await youmi(['doctor'], vendorEnv);
    expect(run.code).toBe(0);
    expect(marks(run.stdout)).toEqual(Array(12).fill('✓'));
    expect(run.stdout).toContain(`youmi doctor: ${sim.baseUrl} as AppId ${sim.appId}`);
    expect(run.stdout).toMatch(
      /✓ a token is obtained \(AppId and appkey\) — the vendor accepts AppId test-app and its appkey; the token is valid until 20\d\d-/,
    );
    expect(run.stdout).toMatch(
      /✓ GET WeCaht \(ad_wechat_lei=0\) answers — 4 records, drift: ad_wechat_qrcode unparseable ×1/,
    );
    expect(run.stdout).toMatch(/✓ GET staff answers — 2 records, no drift/);
    expect(run.stdout).toContain('all 12 checks passed');
    expect(run.stdout + run.stderr).not.toContain(KEY);
  });

  it('fails the token check on a wrong key, says why, skips what needs a token, and exits 1', async () => {
    const run = await youmi(['doctor'], { ...vendorEnv, UPSTREAM_APP_KEY: 'not-the-key-9d1' });
    expect(run.code).toBe(1);
    expect(marks(run.stdout).slice(0, 4)).toEqual(['✓', '✗', '–', '✓']);
    expect(run.stdout).toContain(
      '✗ a token is obtained (AppId and appkey) — the vendor refused our credentials: errmsg 200006, wrong signing key (the signature does not match the appkey) (加密密钥错误); check UPSTREAM_APP_ID and UPSTREAM_APP_KEY (or --app-id and --app-key)',
    );
    expect(run.stdout).toContain('– a signed call is accepted — skipped: no token');
    expect(run.stdout + run.stderr).not.toContain('not-the-key-9d1');
  });

  it('fails the first check when nothing answers at the vendor URL', async () => {
    const stopped = await startSimulator();
    await stopped.stop();
    const run = await youmi(['doctor', '--timeout-ms', '2000'], {
      UPSTREAM_BASE_URL: stopped.baseUrl,
      UPSTREAM_APP_ID: 'x',
      UPSTREAM_APP_KEY: 'y',
    });
    expect(run.code).toBe(1);
    expect(marks(run.stdout)).toEqual(['✗', ...Array(11).fill('–')]);
    expect(run.stdout).toMatch(
      /✗ the vendor URL answers — cannot reach http:\/\/127\.0\.0\.1:\d+\/publicapi\/v1\/: ECONNREFUSED; check UPSTREAM_BASE_URL/,
    );
  });

  it('names a clock 11 minutes off the vendor’s, though the client got its calls through', async () => {
    await sim.setClockOffset(660);
    const run = await youmi(['doctor'], vendorEnv);
    expect(run.code).toBe(1);
    expect(marks(run.stdout)).toEqual(['✓', '✓', '✓', '✗', ...Array(8).fill('✓')]);
    expect(run.stdout).toMatch(
      /✗ our clock agrees with the vendor's — our clock is 1[01] min( \d+ s)? behind the vendor's: the vendor refuses requests more than 10 minutes old \(calls were repeated signed with its time\); check the host's clock/,
    );
  });

  it('takes flags over the environment', async () => {
    const run = await youmi(['doctor', '--app-key', KEY], { ...vendorEnv, UPSTREAM_APP_KEY: 'wrong-in-env' });
    expect(run.code).toBe(0);
  });

  it('runs against the bundled simulator when no vendor is configured, and says so', async () => {
    const run = await youmi(['doctor']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /youmi: UPSTREAM_BASE_URL is not set: using the bundled vendor simulator at http:\/\/127\.0\.0\.1:\d+\/publicapi\/v1\//,
    );
    expect(run.stdout).toContain('(bundled simulator)');
  });
});

describe('youmi get', () => {
  it('prints the cleaned records with the REST API’s field names, in its order', async () => {
    const run = await youmi(['get', 'staff'], vendorEnv);
    expect(run.code).toBe(0);
    const staff = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(staff.map((member) => member['code'])).toEqual(['b01', 'b03']);
    expect(Object.keys(staff[0])).toEqual(['code', 'name', 'status', 'linkedOrderUsername']);
    expect(staff[1]).toEqual({ code: 'b03', name: '王秀娟', status: 'active', linkedOrderUsername: null });
  });

  it('answers CSV with a BOM and dotted columns, and stops at --limit', async () => {
    const run = await youmi(['get', 'operator-accounts', '--format', 'csv', '--limit', '2'], vendorEnv);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFFid,wechatId,deviceNo,/);
    expect(lines[0]).toContain('authorizations.push');
    expect(lines.filter((line) => line !== '')).toHaveLength(3);
  });

  it('reads one kind of operator account, and the label tree as JSON', async () => {
    const wecom = JSON.parse(
      (await youmi(['get', 'operator-accounts', '--kind', 'wecom'], vendorEnv)).stdout,
    ) as Array<{ kind: string }>;
    expect(wecom.map((account) => account.kind)).toEqual(['wecom']);
    const tree = JSON.parse((await youmi(['get', 'label-tree'], vendorEnv)).stdout) as Array<{
      name: string;
    }>;
    expect(tree.map((category) => category.name)).toEqual(['职务', '客户意向', 'A.客户级别']);
  });

  it('exits 1 with the vendor table’s meaning when the vendor refuses', async () => {
    await sim.addFault({ endpoint: 'AdManage', errmsg: 200011 });
    const run = await youmi(['get', 'ad-groups'], vendorEnv);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('errmsg 200011 (server error)');
    expect(run.stdout).toBe('');
  });
});

describe('usage', () => {
  it.each([[['--help']], [['doctor', '--help']], [['get', '--help']]])(
    '%j prints help and exits 0',
    async (args) => {
      const run = await youmi(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: youmi/);
    },
  );

  it.each([
    [['get', 'nope'], /value 'nope' is invalid for argument 'resource'/],
    [['get', 'staff', '--limit', '0'], /--limit <n>' argument '0' is invalid/],
    [['get', 'staff', '--format', 'xml'], /--format <format>' argument 'xml' is invalid/],
    [['get', 'staff', '--kind', 'wecom'], /--kind applies to operator-accounts only/],
    [['get', 'label-tree', '--format', 'csv'], /label-tree is a tree, not a list/],
    [['doctor', '--timeout-ms', 'soon'], /--timeout-ms \/ UPSTREAM_TIMEOUT_MS must be an integer/],
    [['doctor', '--base-url', 'ftp://vendor'], /--base-url \/ UPSTREAM_BASE_URL must be an http\(s\) URL/],
    [['doctor', '--base-url', 'http://127.0.0.1:9/publicapi/v1/'], /--app-id \/ UPSTREAM_APP_ID is required/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('%j exits 2 naming the problem', async (args, message) => {
    const run = await youmi(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
