import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { simulatorEntryPath } from './workspace-root';

/** A misbehaviour for the simulator to inject (see apps/vendor-sim/README.md). */
export interface SimFault {
  endpoint?: string;
  latencyMs?: number;
  errmsg?: number;
  errdesc?: string;
  html?: boolean;
  status?: number;
  hang?: boolean;
  drop?: boolean;
  truncate?: boolean;
  times?: number;
}

/** A vendor path whose records `changeRecords` may change. */
export type SimRecordEndpoint =
  | 'WeCaht'
  | 'staff'
  | 'staff/GetStaffWechat'
  | 'Label'
  | 'wecahtlabel'
  | 'AdManage'
  | 'friend/GetCustomAttributeList';

/**
 * One change of the simulator's records (see apps/vendor-sim/README.md). `key` is the record's id field
 * as the vendor names it (`ad_wechat_id`, `ad_staff_code`, …), `"<ad_staff_code>:<ad_wechat_id>"` for
 * `staff/GetStaffWechat`; `record` is the whole wire record.
 */
export type SimRecordChange =
  | { endpoint: SimRecordEndpoint; op: 'add'; record: Record<string, unknown> }
  | { endpoint: SimRecordEndpoint; op: 'update'; key: string | number; set: Record<string, unknown> }
  | { endpoint: SimRecordEndpoint; op: 'remove'; key: string | number };

/** What the simulator answers for each change applied; `count` is the endpoint's records afterwards. */
export interface SimRecordChangeResult {
  endpoint: SimRecordEndpoint;
  op: SimRecordChange['op'];
  key: string;
  count: number;
}

export interface RunningSimulator {
  /** e.g. http://127.0.0.1:43123/publicapi/v1/ */
  baseUrl: string;
  /** e.g. http://127.0.0.1:43123 */
  origin: string;
  port: number;
  appId: string;
  appKey: string;
  addFault(fault: SimFault): Promise<void>;
  clearFaults(): Promise<void>;
  calls(): Promise<Record<string, number>>;
  resetCalls(): Promise<void>;
  revokeTokens(): Promise<void>;
  expireTokens(): Promise<void>;
  /** Shifts the simulator's clock from the host's (+ ahead), as a vendor whose clock is off. */
  setClockOffset(seconds: number): Promise<void>;
  /** Changes the AppId and/or appkey the simulator accepts (tokens already issued stay valid). */
  setCredentials(credentials: { appId?: string; appKey?: string }): Promise<void>;
  /**
   * Applies the changes in order, all or none (`POST /__sim/records`); throws with the simulator's
   * message when it refuses one (400 bad change or existing key on add, 404 unknown key).
   */
  changeRecords(...changes: SimRecordChange[]): Promise<SimRecordChangeResult[]>;
  /** Clears faults, counts and tokens; restores the starting records, credentials and clock. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartSimulatorOptions {
  /** Extra environment for the simulator (SIM_DATASET, SIM_SCALE, SIM_FAULTS, …); wins over the defaults. */
  env?: Record<string, string>;
  /** The simulator entry to run; defaults to dist/apps/vendor-sim/main.js of this workspace. */
  entry?: string;
  /** How long to wait for the "listening on" line; 10 s by default. */
  startTimeoutMs?: number;
}

export const TEST_APP_ID = 'test-app';
export const TEST_APP_KEY = 'test-secret';

const LISTENING = /vendor-sim listening on (http:\/\/\S+?\/publicapi\/v1\/)/;
const STOP_GRACE_MS = 5_000;

// Children still running when the test process exits are killed, so a forgotten stop() leaks nothing.
// The set lives on globalThis because Jest loads this module afresh for every test file of a worker.
const REGISTRY = Symbol.for('youmi-facade.testing.simulators');
const registry = globalThis as typeof globalThis & { [REGISTRY]?: Set<ChildProcess> };
const running = (registry[REGISTRY] ??= (() => {
  const children = new Set<ChildProcess>();
  process.once('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });
  return children;
})());

/** The control API's `{"error": …}` message, or the whole body when it has none. */
function refusal(text: string): string {
  try {
    const { error } = JSON.parse(text) as { error?: unknown };
    if (typeof error === 'string') return error;
  } catch {
    // Not JSON: the body itself says what went wrong.
  }
  return text;
}

/**
 * Starts the built simulator (`node dist/apps/vendor-sim/main.js`) on a free port and waits until it listens.
 */
export async function startSimulator(options: StartSimulatorOptions = {}): Promise<RunningSimulator> {
  const entry = options.entry ?? simulatorEntryPath();
  if (!existsSync(entry)) {
    throw new Error(
      `the vendor simulator is not built: ${entry} does not exist. Run \`npx nx build vendor-sim\` first.`,
    );
  }
  // The parent's own simulator settings must not leak into a test's simulator.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('SIM_') && name !== 'PORT' && name !== 'HOST',
    ),
  );
  const env: Record<string, string | undefined> = {
    ...inherited,
    PORT: '0',
    HOST: '127.0.0.1',
    SIM_APP_ID: TEST_APP_ID,
    SIM_APP_KEY: TEST_APP_KEY,
    ...options.env,
  };
  const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
  });

  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (stderr.length < 64 * 1024) stderr += chunk;
  });

  const baseUrl = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timeoutMs = options.startTimeoutMs ?? 10_000;
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(
        new Error(`vendor simulator did not start: ${reason}${stderr ? `\nstderr:\n${stderr.trim()}` : ''}`),
      );
    };
    const timer = setTimeout(() => fail(`no "listening on" line within ${timeoutMs} ms`), timeoutMs);
    child.stdout?.setEncoding('utf8');
    let listening = false;
    // The listener stays after the line is seen, draining stdout so the child never blocks on a full pipe.
    child.stdout?.on('data', (chunk: string) => {
      if (listening) return;
      stdout += chunk;
      const match = LISTENING.exec(stdout);
      if (match) {
        listening = true;
        clearTimeout(timer);
        child.removeListener('exit', onEarlyExit);
        resolve(match[1]);
      }
    });
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) => {
      // Let the stderr stream flush before reporting it.
      setImmediate(() => fail(`it exited with ${code !== null ? `code ${code}` : `signal ${signal}`}`));
    };
    child.once('exit', onEarlyExit);
    child.once('error', (error) => fail(error.message));
  });

  const url = new URL(baseUrl);
  const origin = url.origin;
  const appId = env['SIM_APP_ID'] ?? TEST_APP_ID;
  const appKey = env['SIM_APP_KEY'] ?? TEST_APP_KEY;

  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${origin}/__sim/${path}`, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(
        `vendor simulator refused ${method} /__sim/${path}: ${response.status} ${refusal(text)}`,
      );
    return text === '' ? undefined : JSON.parse(text);
  };

  let stopped: Promise<void> | undefined;
  return {
    baseUrl,
    origin,
    port: Number(url.port),
    appId,
    appKey,
    addFault: async (fault) => {
      await control('POST', 'faults', fault);
    },
    clearFaults: async () => {
      await control('DELETE', 'faults');
    },
    calls: async () => (await control('GET', 'calls')) as Record<string, number>,
    resetCalls: async () => {
      await control('DELETE', 'calls');
    },
    revokeTokens: async () => {
      await control('POST', 'tokens/revoke');
    },
    expireTokens: async () => {
      await control('POST', 'tokens/expire');
    },
    setClockOffset: async (seconds) => {
      await control('POST', 'clock', { offsetSeconds: seconds });
    },
    setCredentials: async (credentials) => {
      await control('POST', 'credentials', credentials);
    },
    changeRecords: async (...changes) => {
      // One change is sent alone, so a refusal names its field without a batch index.
      if (changes.length === 1) {
        const { endpoint, op, key, count } = (await control(
          'POST',
          'records',
          changes[0],
        )) as SimRecordChangeResult;
        return [{ endpoint, op, key, count }];
      }
      return ((await control('POST', 'records', { changes })) as { changes: SimRecordChangeResult[] })
        .changes;
    },
    reset: async () => {
      await control('POST', 'reset');
    },
    stop: () => {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const grace = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
          await exited;
          clearTimeout(grace);
        }
      })();
      return stopped;
    },
  };
}
