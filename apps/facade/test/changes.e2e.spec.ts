import {
  NEW_LABEL,
  startFacadeProcess,
  startSimulator,
  type RunningFacadeProcess,
  type RunningSimulator,
} from '@youmi-facade/testing';
import {
  eventually,
  openStream,
  readFeed,
  signatureIsValid,
  startReceiver,
  type FeedEvent,
} from './change-feed-client';
import { startFacade, type RunningFacade } from './facade-harness';
import { privateRedis, sharedRedis, SHARED_REDIS_URL } from './redis-harness';
import { DetectionThread } from '../src/changes/detection/detection-thread';

// The change feed end to end: the simulator's records change, the real facade notices, and the feed,
// the stream and webhooks carry it — in memory, on two instances sharing Redis, across a crash, a
// restart and a Redis that restarts empty.

const NEW_STAFF = { ad_staff_code: 'b09', ad_staff_name: '李娜', ad_staff_state: 0, ad_self_user: null };
jest.setTimeout(60_000);

const SECRET = `whsec_${Buffer.from('change-feed-test-signing-key-0123456789').toString('base64')}`;

/** How many polls ended well, as /metrics counts them. */
async function okPolls(origin: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  return Number(/^facade_change_polls_total\{outcome="ok"\} (\d+)/m.exec(text)?.[1] ?? 0);
}

async function isLeader(origin: string): Promise<boolean> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  return /^facade_changes_leader 1$/m.test(text);
}

/** Waits until `origin` has finished `count` more polls than now. */
async function morePolls(origins: string[], count: number): Promise<void> {
  const start = await Promise.all(origins.map(okPolls));
  const total = (values: number[]) => values.reduce((a, b) => a + b, 0);
  await eventually(
    async () => total(await Promise.all(origins.map(okPolls))),
    (now) => now >= total(start) + count,
    20_000,
  );
}

/** The three changes every suite makes: a rename, an addition, a removal. */
async function renameAddRemove(sim: RunningSimulator): Promise<void> {
  await sim.changeRecords(
    { endpoint: 'staff', op: 'update', key: 'b03', set: { ad_staff_name: '王秀娟（离职）' } },
    { endpoint: 'wecahtlabel', op: 'add', record: NEW_LABEL },
    { endpoint: 'AdManage', op: 'remove', key: 151 },
  );
}

const summary = (events: FeedEvent[]) => events.map((event) => `${event.type} ${event.key}`);
const THREE = ['ad-groups.deleted 151', 'labels.created 9001', 'staff.updated b03'];
/**
 * The events of the three changes, in a stable order (one poll's order between resources is the API's
 * resource order).
 */
const ofThree = (events: FeedEvent[]) =>
  events
    .filter((event) => THREE.includes(`${event.type} ${event.key}`))
    .sort((a, b) => a.type.localeCompare(b.type));

describe('the change feed of one instance (in memory)', () => {
  let sim: RunningSimulator;
  let facade: RunningFacade;

  beforeAll(async () => {
    sim = await startSimulator();
    facade = await startFacade(sim, { CHANGES_POLL_SECONDS: '1' });
    await morePolls([facade.url], 1);
  });
  afterAll(async () => {
    await facade?.close();
    await sim?.stop();
  });

  it('starts with a baseline: an empty feed, next null', async () => {
    const page = await facade.json('/v1/changes');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.body).toEqual({ data: [], meta: { next: null, limit: 100 } });
  });

  it('a rename, an addition and a removal are one event each, with the record as its endpoint answers it', async () => {
    await renameAddRemove(sim);
    const { events } = await eventually(
      () => readFeed(facade.url),
      (feed) => ofThree(feed.events).length === 3,
    );
    await morePolls([facade.url], 2);
    const after = (await readFeed(facade.url)).events;
    expect(after).toEqual(events);
    expect(
      after
        .filter((event) => event.resource !== 'operator-accounts' && event.resource !== 'label-categories')
        .map((e) => `${e.type} ${e.key}`)
        .sort(),
    ).toEqual(THREE);

    const [deleted, created, updated] = ofThree(after);
    expect(updated).toMatchObject({
      type: 'staff.updated',
      resource: 'staff',
      key: 'b03',
      changes: [{ field: 'name', before: '王秀娟', after: '王秀娟（离职）' }],
    });
    expect(updated.data).toEqual((await facade.json('/v1/staff/b03')).body);
    expect(created).toMatchObject({ type: 'labels.created', resource: 'labels', key: '9001' });
    expect(created).not.toHaveProperty('changes');
    expect(created.data).toEqual((await facade.json('/v1/labels/9001')).body);
    expect(deleted).toMatchObject({
      type: 'ad-groups.deleted',
      resource: 'ad-groups',
      key: '151',
      data: null,
    });
    // Detection refreshed the cache: the removed group is gone for every reader at once.
    expect((await facade.get('/v1/ad-groups/151')).status).toBe(404);
    for (const event of after) {
      expect(event.id).toMatch(/^\d+-\d+$/);
      expect(event.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });

  it('pages by cursor, filters by resource, and answers 400 and 410 for cursors it cannot read from', async () => {
    const all = (await readFeed(facade.url)).events;
    expect(all.length).toBeGreaterThanOrEqual(3);
    const first = await facade.json<{ data: FeedEvent[]; meta: { next: string } }>('/v1/changes?limit=1');
    expect(first.body.data).toEqual([all[0]]);
    expect(first.body.meta).toEqual({ next: all[0].id, limit: 1 });
    const second = await facade.json<{ data: FeedEvent[] }>(
      `/v1/changes?limit=1&after=${first.body.meta.next}`,
    );
    expect(second.body.data).toEqual([all[1]]);
    const last = all.at(-1) as FeedEvent;
    expect((await facade.json(`/v1/changes?after=${last.id}`)).body).toEqual({
      data: [],
      meta: { next: last.id, limit: 100 },
    });
    expect((await facade.json<{ data: FeedEvent[] }>('/v1/changes?resource=staff')).body.data).toEqual(
      all.filter((e) => e.resource === 'staff'),
    );

    const malformed = await facade.json<{ status: number; errors: { field: string }[] }>(
      '/v1/changes?after=yesterday',
    );
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(malformed.body.errors[0].field).toBe('after');
    const unknown = `${Number(last.id.split('-')[0]) + 1000}-0`;
    expect((await facade.get(`/v1/changes?after=${unknown}`)).status).toBe(400);
    const older = await facade.json<{ status: number; type: string }>('/v1/changes?after=1000-0');
    expect(older.status).toBe(410);
    expect(older.body.type).toMatch(/cursor-gone$/);
    expect((await facade.get('/v1/changes?resource=people')).status).toBe(400);
    expect((await facade.get('/v1/changes?limit=1001')).status).toBe(400);
  });

  it('keeps CHANGES_RETENTION events: a cursor older than the oldest kept is 410', async () => {
    const small = await startFacade(sim, { CHANGES_POLL_SECONDS: '1', CHANGES_RETENTION: '2' });
    try {
      await morePolls([small.url], 1);
      await sim.changeRecords({ endpoint: 'staff', op: 'update', key: 'b01', set: { ad_staff_state: 0 } });
      const [firstEvent] = (
        await eventually(
          () => readFeed(small.url),
          (feed) => feed.events.length > 0,
        )
      ).events;
      await sim.changeRecords(
        { endpoint: 'staff', op: 'add', record: NEW_STAFF },
        { endpoint: 'staff', op: 'add', record: { ...NEW_STAFF, ad_staff_code: 'b10' } },
      );
      const kept = await eventually(
        () => readFeed(small.url),
        (feed) => feed.events.some((e) => e.key === 'b10'),
      );
      expect(kept.events).toHaveLength(2);
      expect(kept.events.map((e) => e.id)).not.toContain(firstEvent.id);
      const gone = await small.json<{ status: number; detail: string }>(`/v1/changes?after=${firstEvent.id}`);
      expect(gone.status).toBe(410);
      expect(gone.body.detail).toContain('older than the oldest event kept');
    } finally {
      await small.close();
    }
  });

  it('CHANGES_POLL_SECONDS=0 turns detection off: the vendor is not read for it', async () => {
    const quiet = await startSimulator();
    const off = await startFacade(quiet, { CHANGES_POLL_SECONDS: '0' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // The token the start-up check obtains, and no data call.
      expect(Object.keys(await quiet.calls())).toEqual(['GetAccessToken']);
      await quiet.changeRecords({ endpoint: 'staff', op: 'remove', key: 'b01' });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await off.json('/v1/changes')).body).toEqual({ data: [], meta: { next: null, limit: 100 } });
    } finally {
      await off.close();
      await quiet.stop();
    }
  });
});

describe('two instances sharing Redis: one feed, its stream and signed webhooks', () => {
  const KEY = 'feed-consumer-key';
  const auth = { 'x-api-key': KEY };
  let sim: RunningSimulator;
  let shared: Awaited<ReturnType<typeof sharedRedis>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let a: RunningFacade;
  let b: RunningFacade;

  beforeAll(async () => {
    sim = await startSimulator();
    shared = await sharedRedis();
    // Refuses twice, then accepts everything.
    receiver = await startReceiver([500, 503]);
    const env = {
      CHANGES_POLL_SECONDS: '1',
      REDIS_URL: SHARED_REDIS_URL,
      REDIS_KEY_PREFIX: shared.prefix,
      FACADE_API_KEYS: KEY,
      WEBHOOK_URLS: receiver.url,
      WEBHOOK_SECRET: SECRET,
    };
    [a, b] = await Promise.all([startFacade(sim, env), startFacade(sim, env)]);
    await morePolls([a.url, b.url], 1);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await receiver?.stop();
    await shared?.cleanUp();
    await sim?.stop();
  });

  it('both serve the same feed, each change once; streams on both carry it; Last-Event-ID resumes', async () => {
    expect([await isLeader(a.url), await isLeader(b.url)].sort()).toEqual([false, true]);
    expect((await openStream(`${a.url}/v1/changes/stream`)).status).toBe(401);
    const onA = await openStream(`${a.url}/v1/changes/stream`, auth);
    const onB = await openStream(`${b.url}/v1/changes/stream`, auth);
    expect(onB.status).toBe(200);
    expect(onB.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // Both instances hold the staff list, rendered and fresh, before the change.
    const before = await Promise.all(
      [a, b].map((facade) => facade.json<{ data: { code: string; name: string }[] }>('/v1/staff', auth)),
    );
    try {
      await renameAddRemove(sim);
      const feedA = await eventually(
        () => readFeed(a.url, undefined, auth),
        (feed) => ofThree(feed.events).length === 3,
      );
      await morePolls([a.url, b.url], 2);
      const feedB = await readFeed(b.url, undefined, auth);
      expect(feedB.events).toEqual(feedA.events);
      expect(summary(ofThree(feedB.events))).toEqual(THREE);
      expect(new Set(feedB.events.map((e) => `${e.type} ${e.key}`)).size).toBe(feedB.events.length);
      // Every instance answers the new data at once, with a new ETag; the old one no longer matches.
      for (const [i, facade] of [a, b].entries()) {
        const etag = before[i].headers.get('etag') as string;
        const now = await facade.json<{ data: { code: string; name: string }[] }>('/v1/staff', {
          ...auth,
          'if-none-match': etag,
        });
        expect(now.status).toBe(200);
        expect(now.headers.get('etag')).not.toBe(etag);
        expect(now.body.data.find((member) => member.code === 'b03')?.name).toBe('王秀娟（离职）');
      }

      for (const stream of [onA, onB]) {
        await eventually(
          async () => stream.events().length,
          (n) => n >= feedA.events.length,
        );
        expect(stream.events()).toEqual(feedA.events);
        const messages = stream.messages.filter((m) => m.data !== undefined);
        expect(messages.map((m) => [m.id, m.event])).toEqual(feedA.events.map((e) => [e.id, e.type]));
        expect(stream.messages[0].comment).toBeDefined();
      }

      const [first, ...rest] = feedA.events;
      const resumed = await openStream(`${b.url}/v1/changes/stream`, { ...auth, 'last-event-id': first.id });
      const byQuery = await openStream(`${a.url}/v1/changes/stream?after=${first.id}`, auth);
      try {
        await eventually(
          async () => [resumed.events().length, byQuery.events().length],
          ([x, y]) => x >= rest.length && y >= rest.length,
        );
        expect(resumed.events()).toEqual(rest);
        expect(byQuery.events()).toEqual(rest);
      } finally {
        resumed.close();
        byQuery.close();
      }
      const gone = await fetch(`${b.url}/v1/changes/stream`, {
        headers: { ...auth, 'last-event-id': 'not-an-id' },
      });
      expect(gone.status).toBe(400);
      expect(((await gone.json()) as { errors: { field: string }[] }).errors[0].field).toBe('Last-Event-ID');
    } finally {
      onA.close();
      onB.close();
    }
  });

  it('a receiver that refuses twice then accepts gets every event, in order, signed, once the retries pass', async () => {
    const { events } = await readFeed(a.url, undefined, auth);
    expect(events.length).toBeGreaterThan(0);
    const accepted = () => receiver.deliveries.filter((d) => d.answered === 204);
    await eventually(
      async () => accepted().length,
      (n) => n >= events.length,
      30_000,
    );
    expect(receiver.deliveries.slice(0, 2).map((d) => [d.answered, d.headers['webhook-id']])).toEqual([
      [500, events[0].id],
      [503, events[0].id],
    ]);
    expect(accepted().map((d) => d.headers['webhook-id'])).toEqual(events.map((e) => e.id));
    expect(accepted().map((d) => JSON.parse(d.body))).toEqual(events);
    for (const delivery of receiver.deliveries) {
      expect(signatureIsValid(delivery, SECRET)).toBe(true);
      expect(Math.abs(Number(delivery.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(120);
      expect(delivery.headers['content-type']).toMatch(/^application\/json/);
    }
    expect(
      signatureIsValid({ ...receiver.deliveries[0], body: `${receiver.deliveries[0].body} ` }, SECRET),
    ).toBe(false);

    const overview = await eventually(
      () =>
        b.json<{
          data: {
            url: string;
            position: string;
            backlog: number;
            lastError: { message: string } | null;
            attempts: number;
          }[];
        }>('/v1/changes/deliveries', auth),
      (answer) => answer.body.data[0]?.position === events.at(-1)?.id,
    );
    expect(overview.body.data).toEqual([
      expect.objectContaining({
        url: receiver.url,
        position: events.at(-1)?.id,
        backlog: 0,
        attempts: 0,
        nextAttemptAt: null,
        lastError: expect.objectContaining({ message: expect.stringContaining('HTTP 503') }),
      }),
    ]);
  });
});

describe('instances that die, restart, and a Redis that restarts empty', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('the detecting instance killed: the other takes over, nothing missed or doubled; both restarted: no events for unchanged data', async () => {
    const shared = await sharedRedis();
    const env = {
      UPSTREAM_BASE_URL: sim.baseUrl,
      UPSTREAM_APP_ID: sim.appId,
      UPSTREAM_APP_KEY: sim.appKey,
      CHANGES_POLL_SECONDS: '1',
      REDIS_URL: SHARED_REDIS_URL,
      REDIS_KEY_PREFIX: shared.prefix,
    };
    const running: RunningFacadeProcess[] = [];
    const start = async () => {
      const facade = await startFacadeProcess(env);
      running.push(facade);
      return facade;
    };
    try {
      const [one, two] = await Promise.all([start(), start()]);
      await morePolls([one.origin, two.origin], 1);
      await sim.changeRecords({
        endpoint: 'staff',
        op: 'update',
        key: 'b01',
        set: { ad_staff_name: '张伟' },
      });
      await eventually(
        () => readFeed(two.origin),
        (feed) => feed.events.some((e) => e.key === 'b01'),
      );

      const leader = (await isLeader(one.origin)) ? one : two;
      const survivor = leader === one ? two : one;
      await leader.kill();
      await sim.changeRecords({ endpoint: 'staff', op: 'add', record: NEW_STAFF });
      await eventually(
        () => readFeed(survivor.origin),
        (feed) => feed.events.some((e) => e.key === 'b09'),
        20_000,
      );
      expect(await isLeader(survivor.origin)).toBe(true);
      await sim.changeRecords({ endpoint: 'staff', op: 'remove', key: 'b09' });
      const feed = await eventually(
        () => readFeed(survivor.origin),
        (f) => f.events.some((e) => e.type === 'staff.deleted'),
      );
      expect(summary(feed.events.filter((e) => e.resource === 'staff'))).toEqual([
        'staff.updated b01',
        'staff.created b09',
        'staff.deleted b09',
      ]);

      await survivor.stop();
      const [three, four] = await Promise.all([start(), start()]);
      await morePolls([three.origin, four.origin], 3);
      expect((await readFeed(three.origin)).events).toEqual(feed.events);
      expect((await readFeed(four.origin)).events).toEqual(feed.events);
    } finally {
      await Promise.all(running.map((facade) => facade.kill()));
      await shared.cleanUp();
    }
  });

  it('Redis restarted empty mid-run: the feed is written back and goes on without loss', async () => {
    await sim.reset();
    const redis = await privateRedis();
    const facade = await startFacade(sim, {
      CHANGES_POLL_SECONDS: '1',
      REDIS_URL: redis.url,
      WEBHOOK_URLS: '',
      UPSTREAM_TIMEOUT_MS: '1000',
    });
    try {
      await morePolls([facade.url], 1);
      await sim.changeRecords({
        endpoint: 'Label',
        op: 'update',
        key: 263,
        set: { ad_label_name: 'A.客户等级' },
      });
      const before = await eventually(
        () => readFeed(facade.url),
        (feed) => feed.events.some((e) => e.resource === 'label-categories'),
      );

      await redis.stop();
      await sim.changeRecords({ endpoint: 'wecahtlabel', op: 'remove', key: 1072 });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await redis.start();

      const after = await eventually(
        () => readFeed(facade.url).catch(() => ({ events: [] as FeedEvent[], next: null })),
        (feed) => feed.events.some((e) => e.type === 'labels.deleted'),
        30_000,
      );
      expect(after.events.slice(0, before.events.length)).toEqual(before.events);
      expect(summary(after.events.slice(before.events.length))).toEqual(['labels.deleted 1072']);
      await sim.changeRecords({ endpoint: 'wecahtlabel', op: 'add', record: NEW_LABEL });
      const last = await eventually(
        () => readFeed(facade.url),
        (feed) => feed.events.some((e) => e.type === 'labels.created'),
      );
      expect(summary(last.events.slice(before.events.length))).toEqual([
        'labels.deleted 1072',
        'labels.created 9001',
      ]);
    } finally {
      await facade.close();
      await redis.stop();
    }
  });
  it('Redis restarted empty while nothing changes at the vendor: the feed is written back within a few polls, and a cursor from before reads again', async () => {
    await sim.reset();
    const redis = await privateRedis();
    const facade = await startFacade(sim, {
      CHANGES_POLL_SECONDS: '1',
      REDIS_URL: redis.url,
      WEBHOOK_URLS: '',
      UPSTREAM_TIMEOUT_MS: '1000',
    });
    try {
      await morePolls([facade.url], 1);
      await sim.changeRecords(
        { endpoint: 'staff', op: 'update', key: 'b01', set: { ad_staff_name: '张伟' } },
        { endpoint: 'staff', op: 'update', key: 'b03', set: { ad_staff_name: '王秀娟（离职）' } },
      );
      const before = await eventually(
        () => readFeed(facade.url),
        (feed) => feed.events.length === 2,
      );

      await redis.stop();
      await redis.start();

      // Not a single vendor change from here on: only the detector's own check can notice the loss.
      const cursor = before.events[0].id;
      const after = await eventually(
        () => readFeed(facade.url, cursor).catch((error: Error) => error.message),
        (feed) => typeof feed !== 'string',
      );
      expect(typeof after !== 'string' && after.events).toEqual(before.events.slice(1));
      expect((await readFeed(facade.url)).events).toEqual(before.events);
    } finally {
      await facade.close();
      await redis.stop();
    }
  });
});

describe('a consumer keeps an exact copy of staff and labels from a first read and the feed', () => {
  let sim: RunningSimulator;
  let facade: RunningFacade;

  beforeAll(async () => {
    sim = await startSimulator({ env: { SIM_DATASET: 'synthetic', SIM_SCALE: '1' } });
    facade = await startFacade(sim, { CHANGES_POLL_SECONDS: '1' });
    await morePolls([facade.url], 1);
  });
  afterAll(async () => {
    await facade?.close();
    await sim?.stop();
  });

  const list = async (path: string) => {
    const records: { code?: string; id?: number }[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = (await facade.json<{ data: typeof records }>(`${path}?limit=500&offset=${offset}`)).body
        .data;
      records.push(...page);
      if (page.length < 500) return records;
    }
  };
  const keyOf = (record: { code?: string; id?: number }) => String(record.code ?? record.id);

  it('applies created, updated and deleted events onto the copy and ends equal to the lists', async () => {
    // The cursor first, then the lists: an event recorded in between is applied again, harmlessly.
    let cursor = (await readFeed(facade.url)).next ?? undefined;
    const copy = {
      staff: new Map((await list('/v1/staff')).map((r) => [keyOf(r), r as unknown])),
      labels: new Map((await list('/v1/labels')).map((r) => [keyOf(r), r as unknown])),
    };
    const staffCodes = [...copy.staff.keys()];
    const labelIds = [...copy.labels.keys()];
    await sim.changeRecords(
      { endpoint: 'staff', op: 'update', key: staffCodes[0], set: { ad_staff_name: '改名' } },
      { endpoint: 'staff', op: 'update', key: staffCodes[1], set: { ad_staff_state: 1 } },
      { endpoint: 'staff', op: 'remove', key: staffCodes[2] },
      { endpoint: 'staff', op: 'add', record: { ...NEW_STAFF, ad_staff_code: 'zz1' } },
      { endpoint: 'wecahtlabel', op: 'update', key: labelIds[0], set: { ad_label_info_name: '新名字' } },
      { endpoint: 'wecahtlabel', op: 'remove', key: labelIds[1] },
      { endpoint: 'wecahtlabel', op: 'add', record: { ...NEW_LABEL, ad_label_info_id: 990001 } },
    );
    await eventually(
      () => readFeed(facade.url, cursor),
      (feed) => feed.events.some((e) => e.key === '990001'),
    );
    await sim.changeRecords({
      endpoint: 'staff',
      op: 'update',
      key: 'zz1',
      set: { ad_staff_name: '又改名' },
    });
    await eventually(
      () => readFeed(facade.url, cursor),
      (feed) => feed.events.some((e) => e.key === 'zz1' && e.type === 'staff.updated'),
    );

    const { events, next } = await readFeed(facade.url, cursor);
    cursor = next ?? undefined;
    for (const event of events) {
      const table =
        event.resource === 'staff' ? copy.staff : event.resource === 'labels' ? copy.labels : undefined;
      if (!table) continue;
      if (event.type.endsWith('.deleted')) table.delete(event.key);
      else table.set(event.key, event.data);
    }
    expect(events.filter((e) => e.resource === 'staff' || e.resource === 'labels')).toHaveLength(8);
    expect([...copy.staff.values()].sort(byKey)).toEqual((await list('/v1/staff')).sort(byKey));
    expect([...copy.labels.values()].sort(byKey)).toEqual((await list('/v1/labels')).sort(byKey));
    expect(cursor).toBe(events.at(-1)?.id);
  });
});

describe("a staff member's own accounts follow detection on every instance, as the lists do", () => {
  let sim: RunningSimulator;
  let shared: Awaited<ReturnType<typeof sharedRedis>>;
  let a: RunningFacade;
  let b: RunningFacade;

  beforeAll(async () => {
    sim = await startSimulator();
    shared = await sharedRedis();
    const env = { CHANGES_POLL_SECONDS: '1', REDIS_URL: SHARED_REDIS_URL, REDIS_KEY_PREFIX: shared.prefix };
    [a, b] = await Promise.all([startFacade(sim, env), startFacade(sim, env)]);
    await morePolls([a.url, b.url], 2);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await shared?.cleanUp();
    await sim?.stop();
  });

  type Accounts = { data: { id: number; deviceNo: string }[] };
  const accountsOf = (facade: RunningFacade) => facade.json<Accounts>('/v1/staff/b03/operator-accounts');

  it('a consumer reading them after the event of a renamed account gets the new name and the account added with it', async () => {
    // Both instances hold the answer, rendered and fresh in the cache, before the change.
    for (const facade of [a, b])
      expect((await accountsOf(facade)).body.data.map((x) => [x.id, x.deviceNo])).toEqual([[3547, 'P03']]);
    const streams = await Promise.all([a, b].map((facade) => openStream(`${facade.url}/v1/changes/stream`)));
    try {
      await sim.changeRecords(
        { endpoint: 'WeCaht', op: 'update', key: 3547, set: { ad_wechat_nick: 'P13' } },
        { endpoint: 'staff/GetStaffWechat', op: 'update', key: 'b03:3547', set: { ad_wechat_nick: 'P13' } },
        {
          endpoint: 'staff/GetStaffWechat',
          op: 'add',
          record: {
            ad_staff_code: 'b03',
            ad_wechat_id: 3516,
            ad_wechat_nober: 'dong23287',
            ad_wechat_nick: 'P05',
            ad_wechat_nickname: '董小姐',
            ad_wechat_qrcode: null,
            ad_original_nober: null,
          },
        },
      );
      for (const [i, facade] of [a, b].entries()) {
        const renamed = (events: FeedEvent[]) =>
          events.some((e) => e.type === 'operator-accounts.updated' && e.key === '3547');
        await eventually(async () => streams[i].events(), renamed);
        // Read as soon as the event arrives: no second poll, no expiry in between.
        expect((await accountsOf(facade)).body.data.map((x) => [x.id, x.deviceNo])).toEqual([
          [3516, 'P05'],
          [3547, 'P13'],
        ]);
      }
      const assignments = await b.json<{ data: { staffCode: string; account: { id: number } }[] }>(
        '/v1/staff-assignments?limit=500',
      );
      expect(assignments.body.data.filter((x) => x.staffCode === 'b03').map((x) => x.account.id)).toEqual([
        3516, 3547,
      ]);
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('the instance that loses the lease drops the vendor answers it kept for detection', async () => {
    const [leader] = await eventually(
      async () =>
        (
          await Promise.all([a, b].map(async (facade) => ((await isLeader(facade.url)) ? [facade] : [])))
        ).flat(),
      (leaders) => leaders.length === 1,
    );
    const forget = jest.spyOn(leader.app.get(DetectionThread), 'forget');
    await morePolls([leader.url], 1);
    expect(forget).not.toHaveBeenCalled();
    // Another holder takes the lease, as when this instance could not renew it in time.
    await shared.redis.set(`${shared.prefix}changes:lease`, 'another-instance', 'PX', 60_000);
    await eventually(
      () => isLeader(leader.url),
      (leading) => !leading,
    );
    expect(forget).toHaveBeenCalled();
  });
});

function byKey(x: unknown, y: unknown): number {
  const key = (record: unknown) =>
    String((record as { code?: string; id?: number }).code ?? (record as { id: number }).id);
  return key(x).localeCompare(key(y));
}
