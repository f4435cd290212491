import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@youmi-facade/testing';

const built = join(findWorkspaceRoot(), 'dist', 'apps', 'facade');
const cacheName = `facade.js.${process.version}-${process.arch}.cache`;

/** Starts a copy of the build until /health/ready answers 200; stops it once `until` holds (bounded). */
async function startAndStop(dir: string, until: () => boolean): Promise<number> {
  const child = spawn(process.execPath, [join(dir, 'main.js')], {
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  try {
    const deadline = Date.now() + 30_000;
    let origin: string | undefined;
    while (!origin) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`the facade did not start\n${out}`);
      origin = /API (http:\/\/\S+)\/v1/.exec(out)?.[1].replace('localhost', '127.0.0.1');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const ready = (await fetch(`${origin}/health/ready`)).status;
    while (!until()) {
      if (Date.now() > deadline) throw new Error('the code cache was not written within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return ready;
  } finally {
    const exited = new Promise((resolve) => child.once('close', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

describe('the built facade started through its code cache (dist/apps/facade/main.js)', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'facade-code-cache-'));
    for (const file of readdirSync(built).filter((name) => name.endsWith('.js')))
      copyFileSync(join(built, file), join(dir, file));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the cache beside the bundle once started, and starts from it', async () => {
    const cache = join(dir, cacheName);
    expect(existsSync(cache)).toBe(false);
    expect(await startAndStop(dir, () => existsSync(cache))).toBe(200);
    const written = statSync(cache);
    expect(written.size).toBeGreaterThan(100_000);
    expect(await startAndStop(dir, () => true)).toBe(200);
  });

  it('starts with a cache V8 rejects, and writes a good one in its place', async () => {
    const cache = join(dir, cacheName);
    writeFileSync(cache, 'not a code cache');
    expect(await startAndStop(dir, () => statSync(cache).size > 100_000)).toBe(200);
  });
});
