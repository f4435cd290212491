/** The vendor connection settings: flags first, then the facade's environment variables. */
export interface UpstreamSettings {
  /** Unset: the bundled simulator is used. */
  baseUrl: string | undefined;
  appId: string | undefined;
  appKey: string | undefined;
  timeoutMs: number;
}

export interface UpstreamFlags {
  baseUrl?: string;
  appId?: string;
  appKey?: string;
  timeoutMs?: string;
}

/** A setting that cannot be used; the message names the flag and the variable, never a secret. */
export class SettingsError extends Error {}

type Env = Readonly<Record<string, string | undefined>>;

const MAX_TIMEOUT_MS = 600_000;

export function readSettings(flags: UpstreamFlags, env: Env): UpstreamSettings {
  const pick = (flag: string | undefined, variable: string) => {
    const value = (flag ?? env[variable])?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const baseUrl = pick(flags.baseUrl, 'UPSTREAM_BASE_URL');
  if (baseUrl !== undefined && !isHttpUrl(baseUrl)) {
    throw new SettingsError(
      `--base-url / UPSTREAM_BASE_URL must be an http(s) URL such as http://HOST:5001/publicapi/v1/ (got "${baseUrl.slice(0, 80)}")`,
    );
  }
  const appId = pick(flags.appId, 'UPSTREAM_APP_ID');
  const appKey = pick(flags.appKey, 'UPSTREAM_APP_KEY');
  if (baseUrl !== undefined && appId === undefined)
    throw new SettingsError('--app-id / UPSTREAM_APP_ID is required with a vendor URL');
  if (baseUrl !== undefined && appKey === undefined)
    throw new SettingsError('--app-key / UPSTREAM_APP_KEY is required with a vendor URL');
  const rawTimeout = pick(flags.timeoutMs, 'UPSTREAM_TIMEOUT_MS');
  if (
    rawTimeout !== undefined &&
    (!/^\d{1,6}$/.test(rawTimeout) || Number(rawTimeout) < 1 || Number(rawTimeout) > MAX_TIMEOUT_MS)
  ) {
    throw new SettingsError(
      `--timeout-ms / UPSTREAM_TIMEOUT_MS must be an integer from 1 to ${MAX_TIMEOUT_MS} (got "${rawTimeout.slice(0, 40)}")`,
    );
  }
  return { baseUrl, appId, appKey, timeoutMs: rawTimeout === undefined ? 5000 : Number(rawTimeout) };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
