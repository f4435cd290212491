import { FacadeProblemError } from '@youmi-facade/sdk';
import { classifyFailure } from './sync-failures';
import { NewerSchemaError, StoreError } from './sync-store';

const FACADE = 'http://facade:3000';
const DB = 'postgres://sync:***@db/crm';
const classify = (error: unknown) => classifyFailure(error, FACADE, DB);
const problem = (status: number, errors?: { field: string; message: string }[]) =>
  new FacadeProblemError(status, {
    type: 'about:blank',
    title: 'T',
    status,
    detail: 'D',
    ...(errors ? { errors } : {}),
  });
const pgError = (code: string, message = 'm') => Object.assign(new Error(message), { code });

describe('classifyFailure', () => {
  it('makes a refused API key, login, database or newer schema a setting to fix', () => {
    expect(classify(problem(401))).toEqual({
      kind: 'usage',
      message: `the facade at ${FACADE} refused the API key (401 T): check --api-key / FACADE_API_KEY`,
    });
    expect(
      classify(new StoreError(pgError('28P01', 'password authentication failed for user "sync"'))).message,
    ).toBe('the database refused the login (wrong password): password authentication failed for user "sync"');
    expect(classify(new StoreError(pgError('3D000'))).kind).toBe('usage');
    expect(classify(new NewerSchemaError('newer')).kind).toBe('usage');
  });

  it('makes a 410, or a 400 naming the cursor, a reload; another 400 is fatal', () => {
    expect(classify(problem(410)).kind).toBe('cursor-gone');
    expect(classify(problem(400, [{ field: 'Last-Event-ID', message: 'x' }])).kind).toBe('cursor-gone');
    expect(classify(problem(400, [{ field: 'limit', message: 'x' }])).kind).toBe('fatal');
  });

  it('makes an unreachable or failing facade, and a database away, worth another try', () => {
    expect(classify(new TypeError('fetch failed', { cause: pgError('ECONNREFUSED') }))).toEqual({
      kind: 'facade-away',
      message: `cannot reach the facade at ${FACADE}: ECONNREFUSED`,
    });
    expect(classify(problem(503)).kind).toBe('facade-away');
    expect(classify(problem(429)).kind).toBe('facade-away');
    expect(classify(new StoreError(pgError('ECONNREFUSED')))).toEqual({
      kind: 'database-away',
      message: `cannot reach the database ${DB}: ECONNREFUSED`,
    });
    expect(
      classify(new StoreError(pgError('57P01', 'terminating connection due to administrator command'))).kind,
    ).toBe('database-away');
    expect(classify(new StoreError(new Error('Connection terminated unexpectedly'))).kind).toBe(
      'database-away',
    );
  });

  it('leaves anything else fatal', () => {
    expect(classify(new StoreError(pgError('23505', 'duplicate key'))).kind).toBe('fatal');
    expect(classify(new Error('boom'))).toEqual({ kind: 'fatal', message: 'boom' });
  });
});
