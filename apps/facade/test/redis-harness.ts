import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { freePort } from '@youmi-facade/testing';

export const SHARED_REDIS_URL = 'redis://127.0.0.1:6379';

/** The machine's Redis, checked loudly: a test that needs it fails, it never skips. */
export async function sharedRedis(): Promise<{ redis: Redis; prefix: string; cleanUp: () => Promise<void> }> {
  const redis = new Redis(SHARED_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new Error(
      `these tests need Redis on 127.0.0.1:6379 (start it with: redis-server --daemonize yes --port 6379 --save "" --appendonly no): ${String(error)}`,
    );
  }
  const prefix = `youmi-facade-test:${randomUUID()}:`;
  return {
    redis,
    prefix,
    async cleanUp() {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
}

/** A Redis server of this test's own, so that it can be stopped and started without disturbing others. */
export async function privateRedis(): Promise<{
  url: string;
  start: () => Promise<void>;
  stop: () => Promise<void>;
}> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const probe = new Redis(port, '127.0.0.1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    for (let i = 0; i < 100; i += 1) {
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error(`redis-server did not start on port ${port}`);
  };
  const stop = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, stop };
}
