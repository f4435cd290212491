/** The facade's configuration, read once from the environment at boot (the README's Configuration table). */
export interface FacadeConfig {
  port: number;
  host: string;
  nodeEnv: string;
  /** Unset: the bundled simulator is started and used. */
  upstreamBaseUrl: string | undefined;
  upstreamAppId: string | undefined;
  upstreamAppKey: string | undefined;
  upstreamTimeoutMs: number;
  apiKeys: string[];
  cacheTtlSeconds: number;
  cacheStaleSeconds: number;
  /** How long a request waits for the refresh of a long-expired copy before it is answered the copy. */
  cacheRefreshBudgetMs: number;
  redisUrl: string | undefined;
  /** Prefix of every Redis key, so several deployments (or test runs) can share one Redis. */
  redisKeyPrefix: string;
  rateLimitPerMinute: number;
  /** Fetch every resource once at start, so the first requests are cache hits. */
  cacheWarmUp: boolean;
  logLevel: LogLevel;
  /** Read the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** How often the change feed reads the vendor; 0 turns the feed's detection off. */
  changesPollSeconds: number;
  /** Events kept in the change feed, the oldest dropped first. */
  changesRetention: number;
  /** Every URL that receives each change event. */
  webhookUrls: string[];
  /** `whsec_` + Base64 key signing the webhook deliveries; set whenever webhookUrls is not empty. */
  webhookSecret: string | undefined;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Validates every variable and reports all bad ones at once, each by name; never echoes a secret. */
export function loadFacadeConfig(env: Env): FacadeConfig {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw.slice(0, 40)}")`);
      return fallback;
    }
    return Number(raw);
  };

  const flag = (name: string): boolean => {
    const raw = text(name)?.toLowerCase();
    if (raw === undefined || raw === 'false' || raw === '0') return false;
    if (raw === 'true' || raw === '1') return true;
    problems.push(`${name} must be true or false (got "${raw.slice(0, 40)}")`);
    return false;
  };

  const upstreamBaseUrl = text('UPSTREAM_BASE_URL');
  if (upstreamBaseUrl !== undefined && !isHttpUrl(upstreamBaseUrl)) {
    problems.push(
      `UPSTREAM_BASE_URL must be an http(s) URL such as http://HOST:5001/publicapi/v1/ (got "${upstreamBaseUrl.slice(0, 80)}")`,
    );
  }
  const upstreamAppId = text('UPSTREAM_APP_ID');
  const upstreamAppKey = text('UPSTREAM_APP_KEY');
  if (upstreamBaseUrl !== undefined) {
    if (upstreamAppId === undefined)
      problems.push('UPSTREAM_APP_ID is required when UPSTREAM_BASE_URL is set');
    if (upstreamAppKey === undefined)
      problems.push('UPSTREAM_APP_KEY is required when UPSTREAM_BASE_URL is set');
  }

  const redisUrl = text('REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) {
    problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  }

  const logLevel = (text('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel.slice(0, 40)}")`);
  }

  const apiKeys = (env['FACADE_API_KEYS'] ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  const nodeEnv = text('NODE_ENV') ?? 'development';
  if (apiKeys.length === 0 && nodeEnv === 'production') {
    problems.push('FACADE_API_KEYS must hold at least one key when NODE_ENV=production');
  }

  const webhookUrls = (env['WEBHOOK_URLS'] ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');
  for (const url of webhookUrls) {
    if (!isHttpUrl(url))
      problems.push(`WEBHOOK_URLS must hold http(s) URLs separated by commas (got "${url.slice(0, 80)}")`);
  }
  if (new Set(webhookUrls).size !== webhookUrls.length) problems.push('WEBHOOK_URLS names a URL twice');
  const webhookSecret = text('WEBHOOK_SECRET');
  if (webhookSecret !== undefined && !isWebhookSecret(webhookSecret)) {
    // The value is a secret: the message describes it and never quotes it.
    problems.push(
      'WEBHOOK_SECRET must be whsec_ followed by a Base64 key (Standard Webhooks recommends 24 to 64 bytes)',
    );
  }
  if (webhookUrls.length > 0 && webhookSecret === undefined)
    problems.push('WEBHOOK_SECRET is required when WEBHOOK_URLS is set');

  const config: FacadeConfig = {
    port: integer('PORT', 3000, 0, 65535),
    host: text('HOST') ?? '0.0.0.0',
    nodeEnv,
    upstreamBaseUrl,
    upstreamAppId,
    upstreamAppKey,
    upstreamTimeoutMs: integer('UPSTREAM_TIMEOUT_MS', 5000, 1, 600_000),
    apiKeys,
    cacheTtlSeconds: integer('CACHE_TTL_SECONDS', 60, 0, 31_536_000),
    cacheStaleSeconds: integer('CACHE_STALE_SECONDS', 86_400, 0, 31_536_000),
    cacheRefreshBudgetMs: integer('CACHE_REFRESH_BUDGET_MS', 250, 0, 600_000),
    redisUrl,
    redisKeyPrefix: text('REDIS_KEY_PREFIX') ?? 'youmi-facade:',
    cacheWarmUp: flag('CACHE_WARMUP'),
    rateLimitPerMinute: integer('RATE_LIMIT_PER_MINUTE', 600, 1, 10_000_000),
    logLevel: logLevel as LogLevel,
    trustProxy: flag('TRUST_PROXY'),
    changesPollSeconds: integer('CHANGES_POLL_SECONDS', 60, 0, 86_400),
    changesRetention: integer('CHANGES_RETENTION', 100_000, 1, 10_000_000),
    webhookUrls,
    webhookSecret,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function isWebhookSecret(value: string): boolean {
  const base64 = value.startsWith('whsec_') ? value.slice('whsec_'.length) : '';
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0) return false;
  const bytes = Buffer.from(base64, 'base64').length;
  return bytes >= 1 && bytes <= 1024;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
