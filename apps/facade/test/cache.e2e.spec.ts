import { startSimulator, type RunningSimulator } from '@youmi-facade/testing';
import { startFacade, type RunningFacade } from './facade-harness';
import { privateRedis, sharedRedis, SHARED_REDIS_URL } from './redis-harness';

let sim: RunningSimulator;
const facades: RunningFacade[] = [];

async function facade(env: Record<string, string> = {}): Promise<RunningFacade> {
  const started = await startFacade(sim, env);
  facades.push(started);
  return started;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  sim = await startSimulator();
});
afterEach(async () => {
  await Promise.all(facades.splice(0).map((f) => f.close()));
  await sim.reset();
});
afterAll(() => sim?.stop());

describe('single-flight', () => {
  it('makes one vendor call for 50 concurrent cold requests', async () => {
    const f = await facade();
    const responses = await Promise.all(Array.from({ length: 50 }, () => f.get('/v1/ad-groups')));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect((await sim.calls())['AdManage']).toBe(1);
  });

  it('makes one vendor call for cold requests spread over two instances sharing Redis', async () => {
    const shared = await sharedRedis();
    try {
      await sim.addFault({ endpoint: 'AdManage', latencyMs: 200 });
      const env = { REDIS_URL: SHARED_REDIS_URL, REDIS_KEY_PREFIX: shared.prefix };
      const [a, b] = [await facade(env), await facade(env)];
      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).get('/v1/ad-groups')),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(30).fill(200));
      expect((await sim.calls())['AdManage']).toBe(1);
    } finally {
      await shared.cleanUp();
    }
  });
});

describe('two instances share the cache in Redis', () => {
  it('the second instance answers HIT with no vendor call', async () => {
    const shared = await sharedRedis();
    try {
      const env = { REDIS_URL: SHARED_REDIS_URL, REDIS_KEY_PREFIX: shared.prefix };
      const a = await facade(env);
      const b = await facade(env);
      const first = await a.get('/v1/staff');
      expect(first.headers.get('x-cache')).toBe('MISS');
      const second = await b.get('/v1/staff');
      expect(second.status).toBe(200);
      expect(second.headers.get('x-cache')).toBe('HIT');
      expect(await second.json()).toEqual(await first.json());
      expect((await sim.calls())['staff']).toBe(1);
      expect(await shared.redis.exists(`${shared.prefix}cache:staff`)).toBe(1);
    } finally {
      await shared.cleanUp();
    }
  });
});

describe('freshness and stale-if-error', () => {
  it('answers the stale copy while one background refresh runs, then the refreshed one', async () => {
    const f = await facade({ CACHE_TTL_SECONDS: '1', CACHE_STALE_SECONDS: '60' });
    expect((await f.get('/v1/labels')).headers.get('x-cache')).toBe('MISS');
    expect((await f.get('/v1/labels')).headers.get('x-cache')).toBe('HIT');
    await sleep(1100);
    const stale = await Promise.all([f.get('/v1/labels'), f.get('/v1/labels')]);
    expect(stale.map((r) => r.headers.get('x-cache'))).toEqual(['STALE', 'STALE']);
    await sleep(100);
    expect((await f.get('/v1/labels')).headers.get('x-cache')).toBe('HIT');
    expect((await sim.calls())['wecahtlabel']).toBe(2);
  });

  it('refreshes a long-expired copy before answering while the vendor is healthy, and falls back to it when not', async () => {
    const f = await facade({ CACHE_TTL_SECONDS: '1', CACHE_STALE_SECONDS: '60' });
    expect((await f.get('/v1/staff')).headers.get('x-cache')).toBe('MISS');
    await sleep(2100);
    expect((await f.get('/v1/staff')).headers.get('x-cache')).toBe('MISS');
    expect((await sim.calls())['staff']).toBe(2);
    await sim.addFault({ endpoint: 'staff', drop: true });
    await sleep(2100);
    const stale = await f.get('/v1/staff');
    expect(stale.status).toBe(200);
    expect(stale.headers.get('x-cache')).toBe('STALE');
  });

  it('keeps answering the stale copy while the vendor fails, then the documented status once it is too old', async () => {
    const f = await facade({ CACHE_TTL_SECONDS: '1', CACHE_STALE_SECONDS: '2' });
    expect((await f.get('/v1/custom-attributes')).status).toBe(200);
    await sim.addFault({ endpoint: 'friend/GetCustomAttributeList', drop: true });
    await sleep(1100);
    for (let i = 0; i < 3; i += 1) {
      const response = await f.get('/v1/custom-attributes');
      expect(response.status).toBe(200);
      expect(response.headers.get('x-cache')).toBe('STALE');
    }
    expect((await f.get('/health/ready')).status).toBe(200);
    await sleep(2100);
    const gone = await f.get('/v1/custom-attributes');
    expect(gone.status).toBe(503);
    expect(gone.headers.get('retry-after')).toBeTruthy();
  });

  it('answers 502/504 when nothing is cached', async () => {
    const f = await facade({ UPSTREAM_TIMEOUT_MS: '300' });
    await sim.addFault({ endpoint: 'AdManage', errmsg: 200011 });
    expect((await f.get('/v1/ad-groups')).status).toBe(502);
    await sim.addFault({ endpoint: 'Label', hang: true });
    expect((await f.get('/v1/label-categories')).status).toBe(504);
  });

  it('is ready with every resource cached even when the vendor is down', async () => {
    const f = await facade({ CACHE_WARMUP: 'true' });
    for (let i = 0; i < 50 && (await sim.calls())['friend/GetCustomAttributeList'] === undefined; i += 1)
      await sleep(20);
    await sleep(100);
    await sim.addFault({ drop: true });
    await sim.addFault({ endpoint: 'GetAccessToken', drop: true });
    await f.get('/v1/staff/nobody/operator-accounts');
    const staff = await f.get('/v1/staff/b03/operator-accounts');
    expect(staff.status).toBe(503);
    expect((await f.get('/health/ready')).status).toBe(200);
    expect((await f.get('/v1/label-tree')).headers.get('x-cache')).toBe('HIT');
  });
});

describe('Redis going away', () => {
  it('costs clients nothing while Redis is stopped, and the cache reconnects when it returns', async () => {
    const redis = await privateRedis();
    try {
      const f = await facade({ REDIS_URL: redis.url, CACHE_TTL_SECONDS: '1' });
      const paths = ['/v1/staff', '/v1/labels', '/v1/ad-groups', '/v1/operator-accounts?kind=wecom'];
      const hammer = async (rounds: number) => {
        for (let i = 0; i < rounds; i += 1) {
          const statuses = await Promise.all(paths.map(async (p) => (await f.get(p)).status));
          expect(statuses).toEqual([200, 200, 200, 200]);
          await sleep(60);
        }
      };
      await hammer(5);
      await redis.stop();
      await hammer(25);
      await redis.start();
      await sleep(2500);
      await hammer(25);
      const probe = await sharedRedisAt(redis.url);
      try {
        expect((await probe.keys('youmi-facade:cache:*')).length).toBeGreaterThan(0);
      } finally {
        probe.disconnect();
      }
    } finally {
      await redis.stop();
    }
  });
});

describe('rate limits', () => {
  async function awayFromWindowEdge(): Promise<void> {
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 55_000) await sleep(60_000 - intoWindow + 50);
  }

  it('limits each API key per minute with a 429 problem and Retry-After', async () => {
    await awayFromWindowEdge();
    const f = await facade({ RATE_LIMIT_PER_MINUTE: '3', FACADE_API_KEYS: 'k1,k2' });
    for (let i = 0; i < 3; i += 1) expect((await f.get('/v1/staff', { 'x-api-key': 'k1' })).status).toBe(200);
    const limited = await f.get('/v1/staff', { 'x-api-key': 'k1' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { status: number }).status).toBe(429);
    expect((await f.get('/v1/staff', { authorization: 'Bearer k2' })).status).toBe(200);
    expect((await f.get('/health/live')).status).toBe(200);
  });

  it('counts open access per client address, the forwarded one behind a trusted proxy, on cached answers too', async () => {
    await awayFromWindowEdge();
    const f = await facade({ RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'true' });
    const from = (address: string) => ({ 'x-forwarded-for': `${address}, 10.0.0.254` });
    const first = await f.get('/v1/staff', from('203.0.113.7'));
    const second = await f.get('/v1/staff', from('203.0.113.7'));
    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
    expect(second.headers.get('ratelimit-remaining')).toBe('0');
    expect((await f.get('/v1/staff', from('203.0.113.7'))).status).toBe(429);
    const other = await f.get('/v1/staff', from('198.51.100.3'));
    expect(other.status).toBe(200);
    expect(other.headers.get('ratelimit-remaining')).toBe('1');
  });

  it('shares one limit across instances through Redis', async () => {
    await awayFromWindowEdge();
    const shared = await sharedRedis();
    try {
      const env = {
        REDIS_URL: SHARED_REDIS_URL,
        REDIS_KEY_PREFIX: shared.prefix,
        RATE_LIMIT_PER_MINUTE: '4',
        FACADE_API_KEYS: 'team',
      };
      const [a, b] = [await facade(env), await facade(env)];
      const headers = { authorization: 'Bearer team' };
      const statuses = [];
      for (const target of [a, b, a, b, a, b]) statuses.push((await target.get('/v1/staff', headers)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    } finally {
      await shared.cleanUp();
    }
  });
});

async function sharedRedisAt(url: string) {
  const { default: Redis } = await import('ioredis');
  return new Redis(url);
}
