import { z } from 'zod';
import { text, textOr, httpUrl, type Env } from '@youmi-facade/config';
import { readFlags } from '../settings';

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

const required = (message: string) => text().pipe(z.string({ error: `is required${message}` }));

const syncEnv = z.object({
  YOUMI_FACADE_URL: required(': the facade to read, e.g. http://localhost:3000')
    .pipe(httpUrl('must be an http(s) URL such as http://localhost:3000'))
    .transform((url) => url.replace(/\/+$/, '')),
  FACADE_API_KEY: text(),
  // A PostgreSQL URL may leave out the host (a local socket, or `?host=`); its password is never shown.
  DATABASE_URL: required(', e.g. postgres://USER:PASSWORD@HOST:5432/DATABASE').pipe(
    z.url({
      protocol: /^postgres(ql)?$/,
      error: (issue) =>
        `must be a postgres:// URL such as postgres://USER:PASSWORD@HOST:5432/DATABASE (got "${maskUrl(String(issue.input)).slice(0, 80)}")`,
    }),
  ),
  // Lower case, as PostgreSQL folds unquoted names, so that queries need no quotes; `pg_` is reserved.
  SCHEMA: textOr('youmi').pipe(
    z.string().regex(/^(?!pg_)[a-z_][a-z0-9_]{0,62}$/, {
      error: (issue) =>
        `must be a plain identifier: a lower-case letter or _, then letters, digits or _, at most 63, not starting with pg_ (got "${String(issue.input).slice(0, 80)}")`,
    }),
  ),
});

/** `youmi sync`'s settings: flags first, then YOUMI_FACADE_URL, FACADE_API_KEY and DATABASE_URL. */
export function readSyncSettings(flags: SyncFlags, env: Env): SyncSettings {
  const read = readFlags(
    syncEnv,
    {
      YOUMI_FACADE_URL: flags.facadeUrl ?? env['YOUMI_FACADE_URL'],
      FACADE_API_KEY: flags.apiKey ?? env['FACADE_API_KEY'],
      DATABASE_URL: flags.databaseUrl ?? env['DATABASE_URL'],
      SCHEMA: flags.schema,
    },
    {
      YOUMI_FACADE_URL: '--facade-url / YOUMI_FACADE_URL',
      DATABASE_URL: '--database-url / DATABASE_URL',
      SCHEMA: '--schema',
    },
  );
  return {
    facadeUrl: read.YOUMI_FACADE_URL,
    apiKey: read.FACADE_API_KEY,
    databaseUrl: read.DATABASE_URL,
    schema: read.SCHEMA,
    once: flags.once === true,
  };
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
