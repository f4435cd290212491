import { z } from 'zod';
import {
  flag,
  httpUrl,
  integer,
  list,
  oneOf,
  readEnv,
  isSet,
  requiredWhen,
  text,
  textOr,
  upstreamRules,
  upstreamVariables,
  type Env,
  type EnvRule,
} from '@youmi-facade/config';

export { ConfigError } from '@youmi-facade/config';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const isWebhookSecret = (value: string) => {
  const key = value.startsWith('whsec_') ? value.slice('whsec_'.length) : '';
  return (
    /^[A-Za-z0-9+/]+={0,2}$/.test(key) && key.length % 4 === 0 && Buffer.byteLength(key, 'base64') <= 1024
  );
};

/** Every variable the facade reads, in the order of the README's Configuration table, which a test checks. */
export const facadeEnv = z.object({
  PORT: integer(3000, 0, 65535),
  HOST: textOr('0.0.0.0'),
  NODE_ENV: textOr('development'),
  ...upstreamVariables,
  FACADE_API_KEYS: list(z.string()),
  CACHE_TTL_SECONDS: integer(60, 0, 31_536_000),
  CACHE_STALE_SECONDS: integer(86_400, 0, 31_536_000),
  CACHE_REFRESH_BUDGET_MS: integer(250, 0, 600_000),
  REDIS_URL: text().pipe(
    // The URL may hold a password: the message never quotes it.
    z
      .string()
      .regex(/^rediss?:\/\/[^\s]+$/, 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
  REDIS_KEY_PREFIX: textOr('youmi-facade:'),
  CACHE_WARMUP: flag(),
  RATE_LIMIT_PER_MINUTE: integer(600, 1, 10_000_000),
  TRUST_PROXY: flag(),
  LOG_LEVEL: oneOf(LOG_LEVELS, 'info'),
  CHANGES_POLL_SECONDS: integer(60, 0, 86_400),
  CHANGES_RETENTION: integer(100_000, 1, 10_000_000),
  WEBHOOK_URLS: list(httpUrl('must hold http(s) URLs separated by commas')).refine(
    (urls) => new Set(urls).size === urls.length,
    'names a URL twice',
  ),
  WEBHOOK_SECRET: text().pipe(
    z
      .string()
      // A secret: the message describes it and never quotes it.
      .refine(
        isWebhookSecret,
        'must be whsec_ followed by a Base64 key (Standard Webhooks recommends 24 to 64 bytes)',
      )
      .optional(),
  ),
});

/** The rules between the facade's variables. */
const facadeRules: readonly EnvRule[] = [
  ...upstreamRules,
  (env) =>
    env['NODE_ENV']?.trim() === 'production' && !isSet(env, 'FACADE_API_KEYS')
      ? ['FACADE_API_KEYS must hold at least one key when NODE_ENV=production']
      : [],
  (env) => (isSet(env, 'WEBHOOK_URLS') ? requiredWhen(env, ['WEBHOOK_SECRET'], 'WEBHOOK_URLS is set') : []),
];

/** The facade's configuration, read once from the environment at boot. */
export type FacadeConfig = ReturnType<typeof loadFacadeConfig>;

export function loadFacadeConfig(env: Env) {
  const read = readEnv(facadeEnv, env, facadeRules);
  return {
    port: read.PORT,
    host: read.HOST,
    nodeEnv: read.NODE_ENV,
    upstreamBaseUrl: read.UPSTREAM_BASE_URL,
    upstreamAppId: read.UPSTREAM_APP_ID,
    upstreamAppKey: read.UPSTREAM_APP_KEY,
    upstreamTimeoutMs: read.UPSTREAM_TIMEOUT_MS,
    apiKeys: read.FACADE_API_KEYS,
    cacheTtlSeconds: read.CACHE_TTL_SECONDS,
    cacheStaleSeconds: read.CACHE_STALE_SECONDS,
    cacheRefreshBudgetMs: read.CACHE_REFRESH_BUDGET_MS,
    redisUrl: read.REDIS_URL,
    redisKeyPrefix: read.REDIS_KEY_PREFIX,
    cacheWarmUp: read.CACHE_WARMUP,
    rateLimitPerMinute: read.RATE_LIMIT_PER_MINUTE,
    trustProxy: read.TRUST_PROXY,
    logLevel: read.LOG_LEVEL,
    changesPollSeconds: read.CHANGES_POLL_SECONDS,
    changesRetention: read.CHANGES_RETENTION,
    webhookUrls: read.WEBHOOK_URLS,
    webhookSecret: read.WEBHOOK_SECRET,
  };
}
