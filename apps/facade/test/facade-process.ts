import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@youmi-facade/testing';

const entry = join(findWorkspaceRoot(), 'dist/apps/facade/main.js');

/** Where the facade says it listens; `origin` of a run that printed it. */
export const LISTENING = /API (http:\S+)\/v1/;

export function originOf(stdout: string): string {
  const match = LISTENING.exec(stdout);
  if (!match) throw new Error(`the facade did not say where it listens:\n${stdout}`);
  return match[1].replace('localhost', '127.0.0.1');
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built facade (dist/apps/facade/main.js) with only the given environment (plus PATH, and
 * LOG_LEVEL silent unless given), until it exits or prints `until`; `stop()` ends it and gives the output.
 */
export function runBuiltFacade(
  env: Record<string, string>,
  until?: RegExp,
): Promise<Run & { stop: () => Promise<Run>; output: () => string; signal: (name: NodeJS.Signals) => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry], {
      env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'silent', ...env },
    });
    const result: Run = { code: null, stdout: '', stderr: '' };
    const exited = new Promise<Run>((done) => child.on('exit', (code) => done({ ...result, code })));
    const stop = async () => {
      child.kill('SIGTERM');
      return exited;
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no exit or ${until} within 20 s: ${result.stdout}${result.stderr}`));
    }, 20000);
    child.stdout.on('data', (chunk) => {
      result.stdout += chunk;
      if (until?.test(result.stdout)) {
        clearTimeout(timer);
        resolve({ ...result, stop, output: () => result.stdout, signal: (name) => child.kill(name) });
      }
    });
    child.stderr.on('data', (chunk) => (result.stderr += chunk));
    void exited.then((done) => {
      clearTimeout(timer);
      resolve({ ...done, stop, output: () => result.stdout, signal: (name) => child.kill(name) });
    });
  });
}
