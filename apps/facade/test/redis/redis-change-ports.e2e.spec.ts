import Redis from 'ioredis';
import { firstValueFrom, take, toArray } from 'rxjs';
import { sharedRedis, SHARED_REDIS_URL } from '../redis-harness';
import type { NewChangeEvent } from '../../src/changes/change-event';
import { redisChangePorts, type ChangePorts } from '../../src/changes/store/change-port-sets';
import { CursorError, type CommitRequest } from '../../src/changes/store/change-ports';

// The Redis adapters of the change feed against a real Redis, each test under a key prefix of its own:
// the keys and formats earlier versions wrote, the lease's script checks, and the write-back after a
// Redis restarted empty.

const LEASE_MS = 600;

function event(key: string, name: string): NewChangeEvent {
  return {
    type: 'staff.updated',
    resource: 'staff',
    key,
    occurredAt: '2026-12-01T08:00:00.000Z',
    changes: [{ field: 'name', before: null, after: name }],
    data: { code: key, name },
  };
}

function request(basedOn: string | undefined, events: NewChangeEvent[], upserts: [string, string][]) {
  return { resource: 'staff', basedOn, events, upserts, deletes: [] } satisfies CommitRequest;
}

describe('the change feed ports over Redis', () => {
  let shared: Awaited<ReturnType<typeof sharedRedis>>;
  let opened: ChangePorts[];

  function open(): ChangePorts {
    const ports = redisChangePorts(new Redis(SHARED_REDIS_URL, { commandTimeout: 10_000 }), {
      prefix: `${shared.prefix}changes:`,
      retention: 100,
      leaseMs: LEASE_MS,
    });
    for (const port of Object.values(ports)) port.start();
    opened.push(ports);
    return ports;
  }

  /** Takes the vacant lease: its first look marks it vacant, a later one takes it. */
  async function lead(ports: ChangePorts): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (!(await ports.lease.lead(true))) {
      if (Date.now() > deadline) throw new Error('the lease was not taken');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeEach(async () => {
    shared = await sharedRedis();
    opened = [];
  });
  afterEach(async () => {
    for (const ports of opened) for (const port of Object.values(ports)) await port.close();
    await shared.cleanUp();
  });

  it('a commit writes its events, snapshot and mark under the keys earlier versions wrote', async () => {
    const ports = open();
    await lead(ports);
    const baseline = await ports.snapshots.commit(request(undefined, [], [['b01', '{"name":"张三"}']]));
    expect(baseline).toMatchObject({ status: 'committed', commit: '1', events: [] });
    const outcome = await ports.snapshots.commit(
      request('1', [event('b01', '张伟'), event('b02', '李四')], [['b01', '{"name":"张伟"}']]),
    );
    if (outcome.status !== 'committed') throw new Error(outcome.status);

    const prefix = `${shared.prefix}changes:`;
    expect(await shared.redis.hgetall(`${prefix}marks`)).toEqual({ staff: '2' });
    expect(await shared.redis.hgetall(`${prefix}snapshot:staff`)).toEqual({ b01: '{"name":"张伟"}' });
    expect(await shared.redis.get(`${prefix}seq`)).toBe('2');
    expect(await shared.redis.get(`${prefix}commits`)).toBe('2');
    const entries = await shared.redis.xrange(`${prefix}events`, '-', '+');
    expect(entries).toEqual([
      [outcome.events[0].id, ['n', '1', 'e', JSON.stringify(event('b01', '张伟'))]],
      [outcome.events[1].id, ['n', '2', 'e', JSON.stringify(event('b02', '李四'))]],
    ]);

    expect(await ports.feed.read(undefined, 10)).toEqual({
      events: outcome.events,
      next: outcome.events[1].id,
    });
    expect(await ports.feed.latestId()).toBe(outcome.events[1].id);
    expect(await ports.feed.countAfter(outcome.events[0].id)).toBe(1);
    expect(await ports.feed.countAfter(null)).toBe(2);
    expect((await ports.snapshots.snapshot('staff'))?.records).toEqual(new Map([['b01', '{"name":"张伟"}']]));
    await expect(ports.feed.read('not-an-id', 10)).rejects.toEqual(expect.any(CursorError));
    await expect(ports.feed.read('1-0', 10)).rejects.toMatchObject({ status: 410 });
  });

  it('reads the positions, snapshots and events an earlier version stored', async () => {
    const prefix = `${shared.prefix}changes:`;
    const state = {
      position: '1764230400000-0',
      lastDeliveredAt: null,
      lastError: null,
      attempts: 0,
      nextAttemptAt: null,
    };
    await shared.redis.hset(`${prefix}deliveries`, 'https://receiver.example/hooks', JSON.stringify(state));
    await shared.redis.hset(`${prefix}marks`, 'labels', '7');
    await shared.redis.hset(`${prefix}snapshot:labels`, '9001', '{"id":"9001"}');
    await shared.redis.xadd(
      `${prefix}events`,
      '1764230400000-0',
      'n',
      '1',
      'e',
      JSON.stringify(event('b01', '张伟')),
    );
    const ports = open();

    expect(await ports.positions.load(['https://receiver.example/hooks', 'https://other.example/'])).toEqual(
      new Map([['https://receiver.example/hooks', state]]),
    );
    expect(await ports.snapshots.marks()).toEqual(new Map([['labels', '7']]));
    expect(await ports.snapshots.snapshot('labels')).toEqual({
      records: new Map([['9001', '{"id":"9001"}']]),
      commit: '7',
    });
    expect((await ports.feed.read(undefined, 10)).events).toEqual([
      { id: '1764230400000-0', ...event('b01', '张伟') },
    ]);

    await ports.positions.save('https://other.example/', { ...state, attempts: 2 });
    expect(
      JSON.parse((await shared.redis.hget(`${prefix}deliveries`, 'https://other.example/')) as string),
    ).toEqual({ ...state, attempts: 2 });
  });

  it('one instance at a time leads: the other cannot commit, and takes over once the lease is released', async () => {
    const one = open();
    const two = open();
    await lead(one);
    expect(await two.lease.lead(true)).toBe(false);
    expect(await two.snapshots.commit(request(undefined, [], []))).toEqual({ status: 'not-leading' });
    expect(await one.lease.lead(true)).toBe(true);

    await one.lease.release();
    expect(one.lease.leading).toBe(false);
    expect(await shared.redis.exists(`${shared.prefix}changes:lease`)).toBe(0);
    await lead(two);
    expect(await two.snapshots.commit(request(undefined, [], []))).toMatchObject({ status: 'committed' });
  });

  it('every instance follows the stream, and the leader writes back what a Redis that restarted empty lost', async () => {
    const leader = open();
    const follower = open();
    await lead(leader);
    const heard = firstValueFrom(follower.feed.live.pipe(take(2), toArray()));
    // The leader's own follower keeps them too: they are what it writes back.
    const kept = firstValueFrom(leader.feed.live.pipe(take(2), toArray()));
    await leader.snapshots.commit(request(undefined, [], [['b01', '{"name":"张三"}']]));
    const outcome = await leader.snapshots.commit(
      request('1', [event('b01', '张伟'), event('b02', '李四')], [['b01', '{"name":"张伟"}']]),
    );
    if (outcome.status !== 'committed') throw new Error(outcome.status);
    expect(await heard).toEqual(outcome.events);
    expect(await kept).toEqual(outcome.events);

    const keys = await shared.redis.keys(`${shared.prefix}*`);
    await shared.redis.del(...keys);
    expect(await leader.snapshots.commit(request('2', [], []))).toEqual({ status: 'lost' });

    await leader.feed.restore();
    const commits = await leader.snapshots.restore(
      new Map([['staff', new Map([['b01', '{"name":"张伟"}']])]]),
    );
    expect((await leader.feed.read(undefined, 10)).events).toEqual(outcome.events);
    expect(await leader.feed.countAfter(outcome.events[0].id)).toBe(1);
    expect(await leader.snapshots.snapshot('staff')).toEqual({
      records: new Map([['b01', '{"name":"张伟"}']]),
      commit: commits.get('staff'),
    });
    // Written back once: a second write-back keeps what is there.
    await leader.feed.restore();
    expect(await leader.snapshots.restore(new Map([['staff', new Map()]]))).toEqual(commits);
    expect((await leader.feed.read(undefined, 10)).events).toHaveLength(2);
  });

  it('closing every port ends the connection they share', async () => {
    const ports = open();
    const [lease, snapshots, feed, positions] = [ports.lease, ports.snapshots, ports.feed, ports.positions];
    await lease.close();
    await snapshots.close();
    await feed.close();
    expect(await positions.load(['https://receiver.example/hooks'])).toEqual(new Map());
    await positions.close();
    await expect(positions.load(['https://receiver.example/hooks'])).rejects.toThrow();
    opened = [];
  });
});
