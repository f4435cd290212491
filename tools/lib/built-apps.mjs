// What the tool scripts share: building the two apps (Nx caches unchanged builds) and running the
// built facade on a free port until it prints where it listens.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds dist/apps/facade and dist/apps/vendor-sim (and `extra` projects); true when the build succeeded. */
export function buildApps(extra = []) {
  const build = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/nx/dist/bin/nx.js'),
      'run-many',
      '-t',
      'build',
      '-p',
      ['facade', 'vendor-sim', ...extra].join(','),
      '--outputStyle=static',
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NX_DAEMON: 'false' } },
  );
  return build.status === 0;
}

/** Starts `node dist/apps/facade/main.js` with only `env` (plus PATH) on a free port; resolves its origin. */
export function startBuiltFacade(env, timeoutMs = 20000) {
  const child = spawn(process.execPath, [join(root, 'dist/apps/facade/main.js')], {
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const origin = new Promise((resolveOrigin, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the facade did not start within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /API (http:\/\/\S+)\/v1/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveOrigin(match[1].replace('localhost', '127.0.0.1'));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the facade exited with ${code}`));
    });
  });
  return { child, origin };
}

/**
 * Resolves the match of `pattern` in what `child` prints, once it appears; rejects when it exits or takes too
 * long.
 */
export function waitForOutput(child, pattern, what, timeoutMs = 30000) {
  return new Promise((resolveLine, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`${what} did not start within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    const onData = (chunk) => {
      out += chunk;
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        // Keep the pipe draining: a child that logs would otherwise block on a full pipe.
        child.stdout.resume();
        resolveLine(match);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}`));
    });
  });
}

/**
 * Waits until the facade `child` says where it listens and its `/health/ready` answers 200; `started` is
 * when the process was spawned (`performance.now()`), from which a 20 s bound is counted.
 */
export async function untilReady(child, started, what) {
  const [, origin] = await waitForOutput(child, /API (http:\S+)\/v1/, what);
  const readyUrl = `${origin.replace('localhost', '127.0.0.1')}/health/ready`;
  for (;;) {
    const ok = await fetch(readyUrl).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    if (performance.now() - started > 20_000) throw new Error(`${what} was not ready within 20 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
