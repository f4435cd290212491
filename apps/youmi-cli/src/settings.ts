import type { z } from 'zod';
import {
  ConfigError,
  readEnv,
  upstreamEnv,
  upstreamRules,
  type Env,
  type EnvRule,
} from '@youmi-facade/config';

/** The vendor connection flags, each over the facade's variable of the same meaning. */
export interface UpstreamFlags {
  baseUrl?: string;
  appId?: string;
  appKey?: string;
  timeoutMs?: string;
}

/** A setting that cannot be used; the message names the flag and the variable, never a secret. */
export class SettingsError extends Error {}

/** Reads flags (each over its variable) through a schema; a problem names the flag by its label. */
export function readFlags<S extends z.ZodType>(
  schema: S,
  values: Env,
  labels: Record<string, string>,
  rules: readonly EnvRule[] = [],
) {
  try {
    return readEnv(schema, values, rules);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const named = error.problems.map((problem) => problem.replace(/^\w+/, (name) => labels[name] ?? name));
    throw new SettingsError(named.join('; '));
  }
}

export type UpstreamSettings = ReturnType<typeof readSettings>;

export function readSettings(flags: UpstreamFlags, env: Env) {
  const read = readFlags(
    upstreamEnv,
    {
      UPSTREAM_BASE_URL: flags.baseUrl ?? env['UPSTREAM_BASE_URL'],
      UPSTREAM_APP_ID: flags.appId ?? env['UPSTREAM_APP_ID'],
      UPSTREAM_APP_KEY: flags.appKey ?? env['UPSTREAM_APP_KEY'],
      UPSTREAM_TIMEOUT_MS: flags.timeoutMs ?? env['UPSTREAM_TIMEOUT_MS'],
    },
    {
      UPSTREAM_BASE_URL: '--base-url / UPSTREAM_BASE_URL',
      UPSTREAM_APP_ID: '--app-id / UPSTREAM_APP_ID',
      UPSTREAM_APP_KEY: '--app-key / UPSTREAM_APP_KEY',
      UPSTREAM_TIMEOUT_MS: '--timeout-ms / UPSTREAM_TIMEOUT_MS',
    },
    upstreamRules,
  );
  return {
    /** Unset: the bundled simulator is used. */
    baseUrl: read.UPSTREAM_BASE_URL,
    appId: read.UPSTREAM_APP_ID,
    appKey: read.UPSTREAM_APP_KEY,
    timeoutMs: read.UPSTREAM_TIMEOUT_MS,
  };
}
