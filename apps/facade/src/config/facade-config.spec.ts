import { ConfigError, loadFacadeConfig } from './facade-config';

function problems(env: Record<string, string>): string[] {
  try {
    loadFacadeConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadFacadeConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadFacadeConfig({})).toMatchObject({
      port: 3000,
      upstreamBaseUrl: undefined,
      upstreamTimeoutMs: 5000,
      apiKeys: [],
      cacheTtlSeconds: 60,
      cacheStaleSeconds: 86400,
      redisUrl: undefined,
      rateLimitPerMinute: 600,
      logLevel: 'info',
      changesPollSeconds: 60,
      changesRetention: 100000,
      webhookUrls: [],
      webhookSecret: undefined,
    });
  });

  it('reads the change feed and webhook variables', () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    expect(
      loadFacadeConfig({
        CHANGES_POLL_SECONDS: '0',
        CHANGES_RETENTION: '500',
        WEBHOOK_URLS: 'http://a.internal/hook, https://b.internal/x?y=1',
        WEBHOOK_SECRET: secret,
      }),
    ).toMatchObject({
      changesPollSeconds: 0,
      changesRetention: 500,
      webhookUrls: ['http://a.internal/hook', 'https://b.internal/x?y=1'],
      webhookSecret: secret,
    });
  });

  it('never echoes a bad webhook secret', () => {
    const found = problems({ WEBHOOK_SECRET: 'whsec_not base64 at all' });
    expect(found).toEqual([expect.stringMatching(/^WEBHOOK_SECRET must be whsec_/)]);
    expect(found[0]).not.toContain('not base64');
  });

  it('reads every variable', () => {
    expect(
      loadFacadeConfig({
        PORT: '8080',
        UPSTREAM_BASE_URL: 'http://vendor.internal:5001/publicapi/v1/',
        UPSTREAM_APP_ID: 'app',
        UPSTREAM_APP_KEY: 'key',
        UPSTREAM_TIMEOUT_MS: '2500',
        FACADE_API_KEYS: ' a, b ,,c ',
        CACHE_TTL_SECONDS: '30',
        CACHE_STALE_SECONDS: '0',
        CACHE_REFRESH_BUDGET_MS: '100',
        REDIS_URL: 'redis://127.0.0.1:6379/3',
        RATE_LIMIT_PER_MINUTE: '100',
        LOG_LEVEL: 'DEBUG',
        TRUST_PROXY: 'true',
      }),
    ).toMatchObject({
      trustProxy: true,
      port: 8080,
      upstreamTimeoutMs: 2500,
      apiKeys: ['a', 'b', 'c'],
      cacheStaleSeconds: 0,
      cacheRefreshBudgetMs: 100,
      redisUrl: 'redis://127.0.0.1:6379/3',
      logLevel: 'debug',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ UPSTREAM_TIMEOUT_MS: '0' }, 'UPSTREAM_TIMEOUT_MS'],
    [{ UPSTREAM_TIMEOUT_MS: '5s' }, 'UPSTREAM_TIMEOUT_MS'],
    [{ CACHE_TTL_SECONDS: '-1' }, 'CACHE_TTL_SECONDS'],
    [{ CACHE_STALE_SECONDS: '1.5' }, 'CACHE_STALE_SECONDS'],
    [{ CACHE_REFRESH_BUDGET_MS: '-5' }, 'CACHE_REFRESH_BUDGET_MS'],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ UPSTREAM_BASE_URL: 'ftp://x/', UPSTREAM_APP_ID: 'a', UPSTREAM_APP_KEY: 'k' }, 'UPSTREAM_BASE_URL'],
    [{ UPSTREAM_BASE_URL: 'http://x/publicapi/v1/', UPSTREAM_APP_KEY: 'k' }, 'UPSTREAM_APP_ID'],
    [{ UPSTREAM_BASE_URL: 'http://x/publicapi/v1/', UPSTREAM_APP_ID: 'a' }, 'UPSTREAM_APP_KEY'],
    [{ NODE_ENV: 'production' }, 'FACADE_API_KEYS'],
    [{ NODE_ENV: 'production', FACADE_API_KEYS: ' , ' }, 'FACADE_API_KEYS'],
    [{ CHANGES_POLL_SECONDS: '-5' }, 'CHANGES_POLL_SECONDS'],
    [{ CHANGES_POLL_SECONDS: '86401' }, 'CHANGES_POLL_SECONDS'],
    [{ CHANGES_RETENTION: '0' }, 'CHANGES_RETENTION'],
    [{ WEBHOOK_URLS: 'http://a.internal/hook' }, 'WEBHOOK_SECRET'],
    [
      { WEBHOOK_URLS: 'mailto:ops@example', WEBHOOK_SECRET: `whsec_${Buffer.alloc(24).toString('base64')}` },
      'WEBHOOK_URLS',
    ],
    [
      {
        WEBHOOK_URLS: 'http://a/h,http://a/h',
        WEBHOOK_SECRET: `whsec_${Buffer.alloc(24).toString('base64')}`,
      },
      'WEBHOOK_URLS',
    ],
    [{ WEBHOOK_SECRET: 'c2VjcmV0' }, 'WEBHOOK_SECRET'],
  ])('refuses %j naming %s', (env, variable) => {
    const found = problems(env as Record<string, string>);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${variable} `));
  });

  it('reports every bad variable at once and never echoes the appkey', () => {
    const found = problems({
      PORT: 'x',
      LOG_LEVEL: 'y',
      UPSTREAM_BASE_URL: 'nope',
      UPSTREAM_APP_ID: 'a',
      UPSTREAM_APP_KEY: 'super-secret',
    });
    // In the order of the README's table.
    expect(found).toEqual([
      'PORT must be an integer from 0 to 65535 (got "x")',
      'UPSTREAM_BASE_URL must be an http(s) URL such as http://HOST:5001/publicapi/v1/ (got "nope")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "y")',
    ]);
    expect(found.join('\n')).not.toContain('super-secret');
  });

  it('reports the rules between variables beside a bad flag or level', () => {
    expect(
      problems({
        TRUST_PROXY: 'yes',
        LOG_LEVEL: 'loud',
        NODE_ENV: 'production',
        UPSTREAM_BASE_URL: 'http://v/',
      }),
    ).toEqual([
      'UPSTREAM_APP_ID is required when UPSTREAM_BASE_URL is set',
      'UPSTREAM_APP_KEY is required when UPSTREAM_BASE_URL is set',
      'FACADE_API_KEYS must hold at least one key when NODE_ENV=production',
      'TRUST_PROXY must be true or false (got "yes")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ]);
  });

  it('takes a webhook key of up to 1024 bytes', () => {
    const key = (bytes: number) => ({
      WEBHOOK_SECRET: `whsec_${Buffer.alloc(bytes, 1).toString('base64')}`,
    });
    expect(loadFacadeConfig(key(1024)).webhookSecret).toBe(key(1024).WEBHOOK_SECRET);
    expect(problems(key(1025))).toEqual([expect.stringMatching(/^WEBHOOK_SECRET must be whsec_/)]);
    expect(problems({ WEBHOOK_SECRET: 'whsec_' })).toHaveLength(1);
  });
});
