import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from './workspace-root';

/** How a run of the facade ended, and all it printed. */
export interface FacadeRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningFacadeProcess {
  /** e.g. http://127.0.0.1:43125 */
  origin: string;
  /** What it printed so far. */
  stdout(): string;
  signal(name: NodeJS.Signals): void;
  /** SIGTERM: a graceful shutdown; resolves once it exited, with all it printed. */
  stop(): Promise<FacadeRun>;
  /** SIGKILL: the process dies at once, as in a crash. */
  kill(): Promise<void>;
}

const LISTENING = /API (http:\/\/\S+)\/v1/;

/**
 * The built facade (`node dist/apps/facade/main.js`) with only the given environment, plus PATH and,
 * unless given, PORT 0, HOST 127.0.0.1 and LOG_LEVEL silent; with no UPSTREAM_BASE_URL it brings its
 * bundled simulator, as `npm start` does. `within` fails on a hang past its bound, killing it.
 */
function launch(env: Record<string, string>) {
  const entry = join(findWorkspaceRoot(), 'dist', 'apps', 'facade', 'main.js');
  if (!existsSync(entry))
    throw new Error(`the facade is not built: ${entry} does not exist. Run \`npx nx build facade\` first.`);
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: FacadeRun = { code: null, stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (run.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (run.stderr += chunk));
  const closed = new Promise<FacadeRun>((resolve) =>
    child.once('close', (code) => resolve({ ...run, code })),
  );
  const within = async <T>(ms: number, what: string, done: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the facade did not ${what} within ${ms} ms\n${run.stdout}${run.stderr}`));
      }, ms);
    });
    return Promise.race([done, hung]).finally(() => clearTimeout(timer));
  };
  return { child, run, closed, within };
}

/** Runs the built facade until it exits by itself: a refusal to start, say. */
export function runFacadeProcess(env: Record<string, string>, timeoutMs = 20_000): Promise<FacadeRun> {
  const facade = launch(env);
  return facade.within(timeoutMs, 'exit', facade.closed);
}

/** Starts the built facade and resolves once it says where it listens. */
export async function startFacadeProcess(
  env: Record<string, string> = {},
  startTimeoutMs = 20_000,
): Promise<RunningFacadeProcess> {
  const { child, run, closed, within } = launch(env);
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = LISTENING.exec(run.stdout);
      if (match) resolve(match[1].replace('localhost', '127.0.0.1'));
    });
    void closed.then(({ code }) => reject(new Error(`the facade exited with ${code}\n${run.stderr}`)));
  });
  const origin = await within(startTimeoutMs, 'start', listening);
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    origin,
    stdout: () => run.stdout,
    signal: (name) => child.kill(name),
    stop: async () => {
      if (running()) child.kill('SIGTERM');
      return closed;
    },
    kill: async () => {
      if (running()) child.kill('SIGKILL');
      await closed;
    },
  };
}
