import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { DetectionLease } from './change-ports';
import type { LeaseHolder, RedisChangeKeys, SharedRedis } from './redis-change-keys';

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** The lease in one Redis key naming the instance that detects and delivers, for `leaseMs` unless renewed. */
export class RedisDetectionLease implements DetectionLease, LeaseHolder {
  readonly owner = randomUUID();
  private readonly redis: Redis;
  private vacantSince: number | undefined;
  leading = false;

  constructor(
    private readonly shared: SharedRedis,
    private readonly keys: RedisChangeKeys,
    readonly leaseMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.redis = shared.use();
  }

  start(): void {
    // Nothing to start: the lease is taken on the detector's checks.
  }

  /**
   * Renews the lease while holding it (taking it back if it vanished). Another instance takes a vacant
   * lease only once it has been vacant for a third of its term, which gives the holder of a lease that
   * vanished with a Redis restart the time to take it back, its snapshots with it.
   */
  async lead(holdsSnapshots = false): Promise<boolean> {
    try {
      if (this.leading) {
        if ((await this.redis.eval(RENEW, 1, this.keys.lease, this.owner, this.leaseMs)) === 1) return true;
        this.leading = await this.take();
        return this.leading;
      }
      const now = this.now();
      const vacant = (await this.redis.exists(this.keys.lease)) === 0;
      // A vacant lease goes to an instance holding snapshots first (after a third of a term), one
      // holding none (just started) only after two thirds: after Redis restarted empty, the newcomer
      // would start a new baseline and lose what changed meanwhile; the holder writes its snapshots back.
      const wait = holdsSnapshots ? this.leaseMs / 3 : (2 * this.leaseMs) / 3;
      if (!vacant) this.vacantSince = undefined;
      else if (this.vacantSince !== undefined && now - this.vacantSince >= wait)
        this.leading = await this.take();
      else this.vacantSince ??= now;
    } catch {
      // Redis is away: whether the lease is still ours is unknown, and the commit script checks it
      // anyway. Keeping what this instance believes keeps its snapshots, which a Redis that comes
      // back empty gets written back.
    }
    return this.leading;
  }

  private async take(): Promise<boolean> {
    return (await this.redis.set(this.keys.lease, this.owner, 'PX', this.leaseMs, 'NX')) === 'OK';
  }

  lost(): void {
    this.leading = false;
  }

  async release(): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    await this.redis.eval(RELEASE, 1, this.keys.lease, this.owner).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.shared.done();
  }
}
