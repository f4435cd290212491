import type Redis from 'ioredis';
import type { ChangeResource } from '../change-event';
import type { CommitOutcome, CommitRequest, SnapshotStore, StoredSnapshot } from './change-ports';
import { TAKE_LEASE, type LeaseHolder, type RedisChangeKeys, type SharedRedis } from './redis-change-keys';

// The lease check and the whole commit run as one script: a commit is all or nothing, its events in the
// stream, its snapshot entries and its mark together.
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

const RESTORE_SNAPSHOT = `${TAKE_LEASE}
if redis.call('HEXISTS', KEYS[3], ARGV[3]) == 1 then return {'kept', redis.call('HGET', KEYS[3], ARGV[3])} end
redis.call('DEL', KEYS[4])
for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[4], ARGV[i], ARGV[i + 1]) end
local commit = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[3], ARGV[3], commit)
return {'restored', tostring(commit)}
`;

/** Each resource's snapshot in a hash, its mark in another; a commit appends its events to the stream. */
export class RedisSnapshotStore implements SnapshotStore {
  private readonly redis: Redis;

  constructor(
    private readonly shared: SharedRedis,
    private readonly keys: RedisChangeKeys,
    private readonly lease: LeaseHolder,
    private readonly retention: number,
  ) {
    this.redis = shared.use();
  }

  start(): void {
    // Nothing to start: every call is one command or script.
  }

  async snapshot(resource: ChangeResource): Promise<StoredSnapshot | undefined> {
    const commit = await this.redis.hget(this.keys.marks, resource);
    if (commit === null) return undefined;
    const records = await this.redis.hgetall(this.keys.snapshot(resource));
    // A commit in between would have moved the mark; the detector's commit then finds it stale.
    return { records: new Map(Object.entries(records)), commit };
  }

  async marks(): Promise<Map<ChangeResource, string>> {
    return new Map(Object.entries(await this.redis.hgetall(this.keys.marks)) as [ChangeResource, string][]);
  }

  async commit(request: CommitRequest): Promise<CommitOutcome> {
    const args: (string | number)[] = [
      this.lease.owner,
      this.lease.leaseMs,
      request.resource,
      request.basedOn ?? '',
      this.retention,
      request.events.length,
    ];
    for (const event of request.events) args.push(JSON.stringify(event));
    args.push(request.upserts.length);
    for (const [key, json] of request.upserts) args.push(key, json);
    args.push(request.deletes.length, ...request.deletes);
    const { lease, events, seq, commits, marks } = this.keys;
    const keys = [lease, events, seq, commits, marks, this.keys.snapshot(request.resource)];
    const answer = (await this.redis.eval(COMMIT, keys.length, ...keys, ...args)) as [
      string,
      string?,
      string[]?,
    ];
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
    const commits = new Map<ChangeResource, string>();
    for (const [resource, records] of snapshots) {
      const args: (string | number)[] = [this.lease.owner, this.lease.leaseMs, resource];
      for (const [key, json] of records) args.push(key, json);
      const { lease, commits: counter, marks } = this.keys;
      const keys = [lease, counter, marks, this.keys.snapshot(resource)];
      const answer = (await this.redis.eval(RESTORE_SNAPSHOT, keys.length, ...keys, ...args)) as [
        string,
        string?,
      ];
      if (answer[0] !== 'not-leading') commits.set(resource, answer[1] as string);
    }
    return commits;
  }

  async close(): Promise<void> {
    this.shared.done();
  }
}
