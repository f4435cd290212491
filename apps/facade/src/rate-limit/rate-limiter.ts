import type Redis from 'ioredis';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the current window ends. */
  resetMs: number;
}

export interface RateLimiter {
  /** Counts one request of `identity`; a limiter that needs no I/O answers synchronously. */
  consume(identity: string): RateDecision | Promise<RateDecision>;
}

const WINDOW_MS = 60_000;

function decision(count: number, limit: number, now: number): RateDecision {
  return {
    allowed: count <= limit,
    limit,
    remaining: Math.max(0, limit - count),
    resetMs: WINDOW_MS - (now % WINDOW_MS),
  };
}

/** Fixed one-minute windows counted in this process. */
// Our own, not @fastify/rate-limit: the plugin costs more per request on the hot path (docs/benchmarks.md).
export class MemoryRateLimiter implements RateLimiter {
  // Stryker disable next-line UnaryOperator: The counts start empty, so whether the first request's window
  // replaces them with another empty map changes nothing.
  private window = -1;
  private counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  consume(identity: string): RateDecision {
    const now = this.now();
    const window = Math.floor(now / WINDOW_MS);
    if (window !== this.window) {
      this.window = window;
      this.counts = new Map();
    }
    const count = (this.counts.get(identity) ?? 0) + 1;
    this.counts.set(identity, count);
    return decision(count, this.limit, now);
  }
}

/** The same windows counted in Redis, so every instance shares one limit; memory while Redis is away. */
export class RedisRateLimiter implements RateLimiter {
  private readonly fallback: MemoryRateLimiter;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {
    this.fallback = new MemoryRateLimiter(limit, now);
  }

  async consume(identity: string): Promise<RateDecision> {
    const now = this.now();
    const key = `${this.prefix}ratelimit:${Math.floor(now / WINDOW_MS)}:${identity}`;
    try {
      const [[incrError, count], [expireError]] = (await this.redis
        .multi()
        .incr(key)
        .pexpire(key, WINDOW_MS)
        .exec()) as [[Error | null, number], [Error | null, unknown]];
      // Stryker disable next-line LogicalOperator: The survivor is the one in throw incrError ?? expireError:
      // the bare catch just below ignores what is thrown, so throwing null instead of the error falls back to
      // counting in memory just the same (the one in the if is caught by the Redis tests).
      if (incrError || expireError) throw incrError ?? expireError;
      return decision(count, this.limit, now);
    } catch {
      return this.fallback.consume(identity);
    }
  }
}
