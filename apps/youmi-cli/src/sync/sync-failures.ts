import { FacadeProblemError } from '@youmi-facade/sdk';
import { SettingsError } from '../settings';
import { NewerSchemaError, StoreError } from './sync-store';

/**
 * What a failure means for the sync: `usage`, a setting to fix (exit 2); `facade-away` and
 * `database-away`, worth trying again later; `cursor-gone`, a full reload; `fatal`, anything else.
 */
export type FailureKind = 'usage' | 'facade-away' | 'database-away' | 'cursor-gone' | 'fatal';

export interface Failure {
  kind: FailureKind;
  /** One line for the operator, without secrets. */
  message: string;
}

/** PostgreSQL's answers that a setting must change: login, database, privileges. */
const DATABASE_REFUSALS: Record<string, string> = {
  '28P01': 'the database refused the login (wrong password)',
  '28000': 'the database refused the login (no such role, or not allowed to connect from here)',
  '3D000': 'the database does not exist',
  '42501': 'the database user may not create the schema or its tables',
};

/** Classes of SQLSTATE a later attempt may get past: connection exceptions, resources, shutdown. */
const DATABASE_AWAY_CLASSES = ['08', '53', '57'];

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

export function classifyFailure(error: unknown, facadeUrl: string, databaseName: string): Failure {
  if (error instanceof SettingsError) return { kind: 'usage', message: error.message };
  if (error instanceof NewerSchemaError) return { kind: 'usage', message: error.message };
  if (error instanceof StoreError) return classifyDatabase(error.cause, databaseName);
  if (error instanceof FacadeProblemError) {
    const { status, problem } = error;
    if (status === 401 || status === 403) {
      return {
        kind: 'usage',
        message: `the facade at ${facadeUrl} refused the API key (${status} ${problem.title}): check --api-key / FACADE_API_KEY`,
      };
    }
    if (status === 410)
      return {
        kind: 'cursor-gone',
        message: `the change feed no longer has the cursor (410: ${problem.detail})`,
      };
    const field = problem.errors?.[0]?.field;
    if (status === 400 && (field === 'after' || field === 'Last-Event-ID')) {
      return {
        kind: 'cursor-gone',
        message: `the change feed does not know the cursor (400: ${problem.detail})`,
      };
    }
    if (status === 429 || status >= 500)
      return {
        kind: 'facade-away',
        message: `the facade at ${facadeUrl} answered ${status} (${problem.title}: ${problem.detail})`,
      };
    return {
      kind: 'fatal',
      message: `the facade at ${facadeUrl} answered ${status} (${problem.title}: ${problem.detail})`,
    };
  }
  if (error instanceof TypeError && error.message === 'fetch failed') {
    return { kind: 'facade-away', message: `cannot reach the facade at ${facadeUrl}: ${causeOf(error)}` };
  }
  return { kind: 'fatal', message: error instanceof Error ? error.message : String(error) };
}

function classifyDatabase(cause: unknown, databaseName: string): Failure {
  const code = (cause as { code?: unknown } | null)?.code;
  const text = cause instanceof Error ? cause.message : String(cause);
  if (typeof code === 'string' && code in DATABASE_REFUSALS)
    return { kind: 'usage', message: `${DATABASE_REFUSALS[code]}: ${text}` };
  const away =
    (typeof code === 'string' &&
      (NETWORK_CODES.has(code) || DATABASE_AWAY_CLASSES.includes(code.slice(0, 2)))) ||
    /Connection terminated|not queryable|connection timeout|timeout expired|Client was closed/i.test(text);
  if (away)
    return {
      kind: 'database-away',
      message: `cannot reach the database ${databaseName}: ${typeof code === 'string' && NETWORK_CODES.has(code) ? code : text}`,
    };
  return { kind: 'fatal', message: `the database ${databaseName} failed: ${text}` };
}

function causeOf(error: Error): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error.message;
}
