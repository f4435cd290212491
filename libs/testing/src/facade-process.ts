import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from './workspace-root';

export interface RunningFacadeProcess {
  /** e.g. http://localhost:43125 */
  origin: string;
  /** SIGTERM: a graceful shutdown; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: the process dies at once, as in a crash. */
  kill(): Promise<void>;
}

const LISTENING = /API (http:\/\/\S+)\/v1/;

/**
 * Starts the built facade (`node dist/apps/facade/main.js`) on a free port with the given environment;
 * with no UPSTREAM_BASE_URL it brings its bundled simulator, as `npm start` does.
 */
export async function startFacadeProcess(
  env: Record<string, string> = {},
  startTimeoutMs = 20_000,
): Promise<RunningFacadeProcess> {
  const entry = join(findWorkspaceRoot(), 'dist', 'apps', 'facade', 'main.js');
  if (!existsSync(entry))
    throw new Error(`the facade is not built: ${entry} does not exist. Run \`npx nx build facade\` first.`);
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-16_384)));
  const origin = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the facade did not start within ${startTimeoutMs} ms\n${stderr}`));
    }, startTimeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = LISTENING.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the facade exited with ${code}\n${stderr}`));
    });
  });
  return {
    origin,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
