import type Redis from 'ioredis';
import type { ChangeEvent, ChangeResource, NewChangeEvent } from '../change-event';

/**
 * The change feed's keys under the deployment's prefix (`youmi-facade:changes:`), as every version wrote
 * them.
 */
export interface RedisChangeKeys {
  lease: string;
  /** The stream of events; each entry `n` (its sequence number) and `e` (the event without its id). */
  events: string;
  /** The sequence number of the newest event. */
  seq: string;
  /** The number of the latest commit. */
  commits: string;
  /** Which commit wrote each resource's snapshot. */
  marks: string;
  /** Webhook positions by URL, as JSON. */
  deliveries: string;
  snapshot(resource: ChangeResource): string;
}

export function redisChangeKeys(prefix: string): RedisChangeKeys {
  return {
    lease: `${prefix}lease`,
    events: `${prefix}events`,
    seq: `${prefix}seq`,
    commits: `${prefix}commits`,
    marks: `${prefix}marks`,
    deliveries: `${prefix}deliveries`,
    snapshot: (resource) => `${prefix}snapshot:${resource}`,
  };
}

/** Who holds the lease in the scripts that check it: this instance's id and the lease's term. */
export interface LeaseHolder {
  readonly owner: string;
  readonly leaseMs: number;
}

// Each write script starts with it (KEYS[1] the lease, ARGV[1] the owner, ARGV[2] the term), so that an
// instance that lost the lease (paused, cut off) never writes. A lease that vanished (a Redis restarted
// empty) is taken back at once, so that the snapshots held in memory are written back instead of a new
// baseline that would miss what changed meanwhile.
export const TAKE_LEASE = `
local holder = redis.call('GET', KEYS[1])
if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
elseif holder ~= ARGV[1] then return {'not-leading'} end
`;

/** The command connection the Redis adapters share, closed when the last of them closes. */
export class SharedRedis {
  private users = 0;

  constructor(private readonly connection: Redis) {}

  use(): Redis {
    this.users += 1;
    return this.connection;
  }

  done(): void {
    this.users -= 1;
    if (this.users === 0) this.connection.disconnect();
  }
}

export type StreamEntry = [id: string, fields: string[]];

export function entryField(entry: StreamEntry, name: string): string | undefined {
  const fields = entry[1];
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

export function eventOf(entry: StreamEntry): ChangeEvent {
  return { id: entry[0], ...(JSON.parse(entryField(entry, 'e') as string) as NewChangeEvent) };
}
