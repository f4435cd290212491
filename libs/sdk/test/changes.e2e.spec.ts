import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import {
  freePort,
  startFacadeProcess,
  startSimulator,
  type RunningFacadeProcess,
  type RunningSimulator,
} from '@youmi-facade/testing';
import { createFacadeClient, FacadeProblemError, type ChangeEventDto, type FacadeClient } from '../src';

jest.setTimeout(60_000);

// The change feed through the SDK: the typed iterator and the typed stream reader, against a facade
// that notices the simulator's changes; the stream survives the facade restarting (Redis keeps the feed).

const KEY = 'sdk-key';
let sim: RunningSimulator;
let facade: RunningFacadeProcess;
let client: FacadeClient;
let env: Record<string, string>;
const prefix = `youmi-facade-sdk-test:${randomUUID()}:`;

async function until(done: () => boolean | Promise<boolean>, withinMs = 15_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const polled = async () =>
  /^facade_change_polls_total\{outcome="ok"\} [1-9]/m.test(
    await (await fetch(`${facade.origin}/metrics`)).text(),
  );

async function collect(iterable: AsyncIterable<ChangeEventDto>): Promise<ChangeEventDto[]> {
  const events: ChangeEventDto[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

beforeAll(async () => {
  sim = await startSimulator();
  env = {
    UPSTREAM_BASE_URL: sim.baseUrl,
    UPSTREAM_APP_ID: sim.appId,
    UPSTREAM_APP_KEY: sim.appKey,
    FACADE_API_KEYS: KEY,
    CHANGES_POLL_SECONDS: '1',
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: prefix,
    PORT: String(await freePort()),
  };
  facade = await startFacadeProcess(env);
  client = createFacadeClient({ baseUrl: facade.origin, apiKey: KEY });
  await until(polled);
});
afterAll(async () => {
  await facade?.stop();
  await sim?.stop();
  const redis = new Redis('redis://127.0.0.1:6379');
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe('the change feed through the SDK', () => {
  it('iterates the feed and follows the stream, which reconnects with Last-Event-ID across a restart', async () => {
    const stop = new AbortController();
    const streamed: ChangeEventDto[] = [];
    const following = (async () => {
      for await (const event of client.streamChanges({ signal: stop.signal, reconnectMs: 200 }))
        streamed.push(event);
    })();
    // The stream is open once the facade counts it.
    await until(async () =>
      /^facade_change_streams_open 1$/m.test(await (await fetch(`${facade.origin}/metrics`)).text()),
    );

    await sim.changeRecords(
      { endpoint: 'staff', op: 'update', key: 'b03', set: { ad_staff_name: '王秀娟（调岗）' } },
      {
        endpoint: 'staff',
        op: 'add',
        record: { ad_staff_code: 'b09', ad_staff_name: '李娜', ad_staff_state: 0, ad_self_user: null },
      },
    );
    await until(async () => (await collect(client.changes({ resource: 'staff' }))).length === 2);
    const staff = await collect(client.changes({ resource: 'staff', limit: 1 }));
    expect(staff.map((e) => [e.type, e.key])).toEqual([
      ['staff.updated', 'b03'],
      ['staff.created', 'b09'],
    ]);
    expect(staff[0].changes).toEqual([{ field: 'name', before: '王秀娟', after: '王秀娟（调岗）' }]);
    expect(await collect(client.changes({ after: staff[0].id, resource: 'staff' }))).toEqual([staff[1]]);
    const all = await collect(client.changes());
    await until(() => streamed.length >= all.length);
    expect(streamed).toEqual(all);

    // The facade restarts on the same port: the reader reconnects and goes on after the last event.
    await facade.stop();
    await sim.changeRecords({ endpoint: 'staff', op: 'remove', key: 'b09' });
    facade = await startFacadeProcess(env);
    await until(() => streamed.some((e) => e.type === 'staff.deleted'), 30_000);
    const after = await collect(client.changes());
    expect(streamed).toEqual(after);
    expect(new Set(streamed.map((e) => e.id)).size).toBe(streamed.length);
    stop.abort();
    await following;
  });

  it('throws the facade’s problems: a wrong key, a cursor older than the feed keeps', async () => {
    const stranger = createFacadeClient({ baseUrl: facade.origin, apiKey: 'wrong' });
    await expect(stranger.streamChanges().next()).rejects.toMatchObject({ status: 401 });
    const gone = await client
      .changes({ after: '1000-0' })
      .next()
      .catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(FacadeProblemError);
    expect((gone as FacadeProblemError).status).toBe(410);
  });
});
