import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Subject } from 'rxjs';
import {
  compareEventIds,
  EVENT_ID,
  type ChangeEvent,
  type ChangeResource,
  type NewChangeEvent,
} from './change-event';
import type {
  ChangeStore,
  CommitOutcome,
  CommitRequest,
  DeliveryState,
  FeedPage,
  StoredSnapshot,
} from './change-store';
import { EventLog, goneCursor, nextCursor, unknownCursor } from './event-log';
import { CursorError } from './change-store';

export interface RedisChangeStoreOptions {
  /** Every key starts with it (`youmi-facade:changes:`). */
  prefix: string;
  retention: number;
  /** How long the lease lasts unless renewed. */
  leaseMs: number;
  /** Recent events each instance keeps in memory, to write back into a Redis that restarted empty. */
  mirror?: number;
}

// The lease check and the whole commit run as one script, so a detector that lost the lease (paused,
// cut off) can never write, and a commit is all or nothing: events, snapshot and mark together.
// A lease that vanished (a Redis restarted empty) is taken back at once, so that the snapshots held in
// memory are written back instead of a new baseline that would miss what changed meanwhile.
const TAKE_LEASE = `
local holder = redis.call('GET', KEYS[1])
if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
elseif holder ~= ARGV[1] then return {'not-leading'} end
`;

const COMMIT = `${TAKE_LEASE}
local mark = redis.call('HGET', KEYS[5], ARGV[3])
if ARGV[4] == '' then
  if mark then return {'stale'} end
  redis.call('DEL', KEYS[6])
elseif not mark then return {'lost'}
elseif mark ~= ARGV[4] then return {'stale'} end
local i = 7
local ids = {}
for k = 1, tonumber(ARGV[6]) do
  local seq = redis.call('INCR', KEYS[3])
  ids[k] = redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[5], '*', 'n', seq, 'e', ARGV[i])
  i = i + 1
end
local upserts = tonumber(ARGV[i])
i = i + 1
for k = 1, upserts do
  redis.call('HSET', KEYS[6], ARGV[i], ARGV[i + 1])
  i = i + 2
end
local deletes = tonumber(ARGV[i])
i = i + 1
for k = 1, deletes do
  redis.call('HDEL', KEYS[6], ARGV[i])
  i = i + 1
end
local commit = redis.call('INCR', KEYS[4])
redis.call('HSET', KEYS[5], ARGV[3], commit)
return {'committed', tostring(commit), ids}
`;

const RESTORE_EVENTS = `${TAKE_LEASE}
if redis.call('XLEN', KEYS[2]) > 0 then return 0 end
local n = 0
for i = 3, #ARGV, 2 do
  n = n + 1
  redis.call('XADD', KEYS[2], ARGV[i], 'n', n, 'e', ARGV[i + 1])
end
redis.call('SET', KEYS[3], n)
return n
`;

const RESTORE_SNAPSHOT = `${TAKE_LEASE}
if redis.call('HEXISTS', KEYS[3], ARGV[3]) == 1 then return {'kept', redis.call('HGET', KEYS[3], ARGV[3])} end
redis.call('DEL', KEYS[4])
for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[4], ARGV[i], ARGV[i + 1]) end
local commit = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[3], ARGV[3], commit)
return {'restored', tostring(commit)}
`;

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

type StreamEntry = [id: string, fields: string[]];

/**
 * The feed shared by every instance through Redis: events in a stream, snapshots in hashes, webhook
 * positions in a hash, and a lease naming the one instance that detects and delivers. Each instance
 * follows the stream with one blocking read, whatever the number of its open streams.
 */
export class RedisChangeStore implements ChangeStore {
  private readonly owner = randomUUID();
  private readonly events = new Subject<ChangeEvent>();
  private readonly mirror: EventLog;
  private readonly tailing: Redis;
  private leading = false;
  private vacantSince: number | undefined;
  private closed = false;
  private tailDone: Promise<void> = Promise.resolve();
  readonly live = this.events.asObservable();

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisChangeStoreOptions,
  ) {
    this.mirror = new EventLog(Math.min(options.retention, options.mirror ?? 10_000));
    // Its own connection: a blocking read holds it for seconds.
    this.tailing = redis.duplicate({
      commandTimeout: undefined,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    this.tailing.on('error', () => undefined);
  }

  private key(name: string): string {
    return `${this.options.prefix}${name}`;
  }

  /** Starts following the stream from its newest entry. */
  start(): void {
    this.tailDone = this.follow();
  }

  private async follow(): Promise<void> {
    let last: string | undefined;
    while (!this.closed) {
      try {
        if (last === undefined) {
          const newest = (await this.tailing.xrevrange(
            this.key('events'),
            '+',
            '-',
            'COUNT',
            1,
          )) as StreamEntry[];
          last = newest[0]?.[0] ?? '0-0';
          if (newest[0]) this.mirror.append([eventOf(newest[0])]);
        }
        const answer = (await this.tailing.xread(
          'COUNT',
          1000,
          'BLOCK',
          2000,
          'STREAMS',
          this.key('events'),
          last,
        )) as [string, StreamEntry[]][] | null;
        for (const entry of answer?.[0]?.[1] ?? []) {
          last = entry[0];
          for (const event of this.mirror.append([eventOf(entry)])) this.events.next(event);
        }
      } catch {
        if (this.closed) return;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /**
   * Renews the lease while holding it (taking it back if it vanished). Another instance takes a vacant
   * lease only once it has been vacant for a third of its term, which gives the holder of a lease that
   * vanished with a Redis restart the time to take it back, its snapshots with it.
   */
  async lead(holdsSnapshots = false): Promise<boolean> {
    const lease = this.key('lease');
    try {
      if (this.leading) {
        if ((await this.redis.eval(RENEW, 1, lease, this.owner, this.options.leaseMs)) === 1) return true;
        this.leading = (await this.redis.set(lease, this.owner, 'PX', this.options.leaseMs, 'NX')) === 'OK';
        return this.leading;
      }
      const now = Date.now();
      const vacant = (await this.redis.exists(lease)) === 0;
      // A vacant lease goes to an instance holding snapshots first (after a third of a term), one
      // holding none (just started) only after two thirds: after Redis restarted empty, the newcomer
      // would start a new baseline and lose what changed meanwhile; the holder writes its snapshots back.
      const wait = holdsSnapshots ? this.options.leaseMs / 3 : (2 * this.options.leaseMs) / 3;
      if (!vacant) this.vacantSince = undefined;
      else if (this.vacantSince !== undefined && now - this.vacantSince >= wait) {
        this.leading = (await this.redis.set(lease, this.owner, 'PX', this.options.leaseMs, 'NX')) === 'OK';
      } else this.vacantSince ??= now;
    } catch {
      // Redis is away: whether the lease is still ours is unknown, and the commit script checks it
      // anyway. Keeping what this instance believes keeps its snapshots, which a Redis that comes
      // back empty gets written back.
    }
    return this.leading;
  }

  async release(): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    await this.redis.eval(RELEASE, 1, this.key('lease'), this.owner).catch(() => undefined);
  }

  async snapshot(resource: ChangeResource): Promise<StoredSnapshot | undefined> {
    const commit = await this.redis.hget(this.key('marks'), resource);
    if (commit === null) return undefined;
    const records = await this.redis.hgetall(this.key(`snapshot:${resource}`));
    // A commit in between would have moved the mark; the detector's commit then finds it stale.
    return { records: new Map(Object.entries(records)), commit };
  }

  async marks(): Promise<Map<ChangeResource, string>> {
    return new Map(Object.entries(await this.redis.hgetall(this.key('marks'))) as [ChangeResource, string][]);
  }

  async commit(request: CommitRequest): Promise<CommitOutcome> {
    const args: (string | number)[] = [
      this.owner,
      this.options.leaseMs,
      request.resource,
      request.basedOn ?? '',
      this.options.retention,
      request.events.length,
    ];
    for (const event of request.events) args.push(JSON.stringify(event));
    args.push(request.upserts.length);
    for (const [key, json] of request.upserts) args.push(key, json);
    args.push(request.deletes.length, ...request.deletes);
    const keys = ['lease', 'events', 'seq', 'commits', 'marks', `snapshot:${request.resource}`].map((name) =>
      this.key(name),
    );
    const answer = (await this.redis.eval(COMMIT, keys.length, ...keys, ...args)) as [
      string,
      string?,
      string[]?,
    ];
    if (answer[0] === 'not-leading') this.leading = false;
    if (answer[0] !== 'committed') return { status: answer[0] as 'stale' | 'lost' | 'not-leading' };
    const ids = answer[2] as string[];
    return {
      status: 'committed',
      commit: answer[1] as string,
      events: request.events.map((event, i) => ({ id: ids[i], ...event })),
    };
  }

  async restore(
    snapshots: ReadonlyMap<ChangeResource, ReadonlyMap<string, string>>,
  ): Promise<Map<ChangeResource, string>> {
    const held = this.mirror.all();
    if (held.length > 0) {
      const args: (string | number)[] = [this.owner, this.options.leaseMs];
      for (const { id, ...event } of held) args.push(id, JSON.stringify(event));
      await this.redis.eval(
        RESTORE_EVENTS,
        3,
        this.key('lease'),
        this.key('events'),
        this.key('seq'),
        ...args,
      );
    }
    const commits = new Map<ChangeResource, string>();
    for (const [resource, records] of snapshots) {
      const args: (string | number)[] = [this.owner, this.options.leaseMs, resource];
      for (const [key, json] of records) args.push(key, json);
      const keys = ['lease', 'commits', 'marks', `snapshot:${resource}`].map((name) => this.key(name));
      const answer = (await this.redis.eval(RESTORE_SNAPSHOT, keys.length, ...keys, ...args)) as [
        string,
        string?,
      ];
      if (answer[0] !== 'not-leading') commits.set(resource, answer[1] as string);
    }
    return commits;
  }

  async read(after: string | undefined, limit: number, resource?: ChangeResource): Promise<FeedPage> {
    const stream = this.key('events');
    if (after !== undefined) await this.mustHold(after);
    const events: ChangeEvent[] = [];
    let scanned: string | undefined;
    let from = after === undefined ? '-' : `(${after}`;
    // A filtered page may pass over events of other resources: read on in chunks until it is full.
    const chunk = resource === undefined ? limit : Math.max(limit, 500);
    for (;;) {
      const entries = (await this.redis.xrange(stream, from, '+', 'COUNT', chunk)) as StreamEntry[];
      for (const entry of entries) {
        const event = eventOf(entry);
        scanned = event.id;
        if (resource === undefined || event.resource === resource) events.push(event);
        if (events.length === limit) return { events, next: event.id };
      }
      if (entries.length < chunk) break;
      from = `(${scanned}`;
    }
    return { events, next: nextCursor(events, scanned, after) };
  }

  private async mustHold(after: string): Promise<void> {
    if (!EVENT_ID.test(after))
      throw new CursorError(
        400,
        `after must be an event id such as 1764230400000-0 (got "${after.slice(0, 40)}")`,
      );
    const stream = this.key('events');
    const [found, oldest] = await Promise.all([
      this.redis.xrange(stream, after, after) as Promise<StreamEntry[]>,
      this.redis.xrange(stream, '-', '+', 'COUNT', 1) as Promise<StreamEntry[]>,
    ]);
    if (found.length > 0) return;
    if (oldest[0] && compareEventIds(after, oldest[0][0]) < 0) throw goneCursor(after, oldest[0][0]);
    throw unknownCursor(after);
  }

  async latestId(): Promise<string | null> {
    const newest = (await this.redis.xrevrange(this.key('events'), '+', '-', 'COUNT', 1)) as StreamEntry[];
    return newest[0]?.[0] ?? null;
  }

  async countAfter(after: string | null): Promise<number> {
    const stream = this.key('events');
    const [length, newest, found] = await Promise.all([
      this.redis.xlen(stream),
      this.redis.xrevrange(stream, '+', '-', 'COUNT', 1) as Promise<StreamEntry[]>,
      after === null
        ? Promise.resolve([] as StreamEntry[])
        : (this.redis.xrange(stream, after, after) as Promise<StreamEntry[]>),
    ]);
    if (!found[0] || !newest[0])
      return after !== null && newest[0] && compareEventIds(after, newest[0][0]) >= 0 ? 0 : length;
    return Number(field(newest[0], 'n')) - Number(field(found[0], 'n'));
  }

  async deliveries(urls: readonly string[]): Promise<Map<string, DeliveryState>> {
    if (urls.length === 0) return new Map();
    const stored = await this.redis.hmget(this.key('deliveries'), ...urls);
    return new Map(
      urls.flatMap((url, i) =>
        stored[i] === null ? [] : [[url, JSON.parse(stored[i] as string) as DeliveryState]],
      ),
    );
  }

  async saveDelivery(url: string, state: DeliveryState): Promise<void> {
    await this.redis.hset(this.key('deliveries'), url, JSON.stringify(state));
  }

  /**
   * Closes both connections (this store owns them). A read pending on a Redis that is away never settles: it
   * is not awaited for long.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.tailing.disconnect();
    this.redis.disconnect();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.tailDone, new Promise((resolve) => (timer = setTimeout(resolve, 1000)))]);
    clearTimeout(timer);
    this.events.complete();
  }
}

function field(entry: StreamEntry, name: string): string | undefined {
  const fields = entry[1];
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

function eventOf(entry: StreamEntry): ChangeEvent {
  return { id: entry[0], ...(JSON.parse(field(entry, 'e') as string) as NewChangeEvent) };
}
