import { SettingsError } from '../settings';

export interface SyncFlags {
  facadeUrl?: string;
  apiKey?: string;
  databaseUrl?: string;
  schema?: string;
  once?: boolean;
}

export interface SyncSettings {
  facadeUrl: string;
  apiKey: string | undefined;
  databaseUrl: string;
  schema: string;
  once: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Lower case, as PostgreSQL folds unquoted names, so that queries need no quotes; `pg_` is reserved. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** `youmi sync`'s settings: flags first, then YOUMI_FACADE_URL, FACADE_API_KEY and DATABASE_URL. */
export function readSyncSettings(flags: SyncFlags, env: Env): SyncSettings {
  const pick = (flag: string | undefined, variable?: string) => {
    const value = (flag ?? (variable === undefined ? undefined : env[variable]))?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const facadeUrl = pick(flags.facadeUrl, 'YOUMI_FACADE_URL');
  if (facadeUrl === undefined)
    throw new SettingsError(
      '--facade-url / YOUMI_FACADE_URL is required: the facade to read, e.g. http://localhost:3000',
    );
  if (!isUrl(facadeUrl, ['http:', 'https:'], true)) {
    throw new SettingsError(
      `--facade-url / YOUMI_FACADE_URL must be an http(s) URL such as http://localhost:3000 (got "${facadeUrl.slice(0, 80)}")`,
    );
  }
  const databaseUrl = pick(flags.databaseUrl, 'DATABASE_URL');
  if (databaseUrl === undefined)
    throw new SettingsError(
      '--database-url / DATABASE_URL is required, e.g. postgres://USER:PASSWORD@HOST:5432/DATABASE',
    );
  if (!isUrl(databaseUrl, ['postgres:', 'postgresql:'], false)) {
    throw new SettingsError(
      `--database-url / DATABASE_URL must be a postgres:// URL such as postgres://USER:PASSWORD@HOST:5432/DATABASE (got "${maskUrl(databaseUrl).slice(0, 80)}")`,
    );
  }
  const schema = pick(flags.schema) ?? 'youmi';
  if (!SCHEMA_NAME.test(schema) || schema.startsWith('pg_')) {
    throw new SettingsError(
      `--schema must be a plain identifier: a lower-case letter or _, then letters, digits or _, at most 63, not starting with pg_ (got "${schema.slice(0, 80)}")`,
    );
  }
  return {
    facadeUrl: facadeUrl.replace(/\/+$/, ''),
    apiKey: pick(flags.apiKey, 'FACADE_API_KEY'),
    databaseUrl,
    schema,
    once: flags.once === true,
  };
}

/** A PostgreSQL URL may leave out the host (a local socket, or `?host=`). */
function isUrl(value: string, protocols: string[], needsHost: boolean): boolean {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && (!needsHost || url.hostname !== '');
  } catch {
    return false;
  }
}

/** A URL fit to print: its password replaced by `***` (also when the URL does not parse). */
export function maskUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return value.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  }
}
