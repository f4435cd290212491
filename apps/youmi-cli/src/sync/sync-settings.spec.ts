import { SettingsError } from '../settings';
import { maskUrl, readSyncSettings } from './sync-settings';

const DB = 'postgres://sync:s3cret@db.example:5432/crm';

describe('readSyncSettings', () => {
  it('takes the flags over the environment, and the schema youmi by default', () => {
    const env = {
      YOUMI_FACADE_URL: 'http://env:3000',
      FACADE_API_KEY: 'env-key',
      DATABASE_URL: 'postgres://env/db',
    };
    expect(
      readSyncSettings(
        { facadeUrl: 'http://flag:3000/', apiKey: 'flag-key', databaseUrl: DB, once: true },
        env,
      ),
    ).toEqual({
      facadeUrl: 'http://flag:3000',
      apiKey: 'flag-key',
      databaseUrl: DB,
      schema: 'youmi',
      once: true,
    });
    expect(readSyncSettings({}, env)).toEqual({
      facadeUrl: 'http://env:3000',
      apiKey: 'env-key',
      databaseUrl: 'postgres://env/db',
      schema: 'youmi',
      once: false,
    });
  });

  it.each([
    [{}, /--facade-url \/ YOUMI_FACADE_URL is required/],
    [{ facadeUrl: 'ftp://facade' }, /must be an http\(s\) URL/],
    [{ facadeUrl: 'http://facade' }, /--database-url \/ DATABASE_URL is required/],
    [
      { facadeUrl: 'http://facade', databaseUrl: 'mysql://u:pw@db/x' },
      /must be a postgres:\/\/ URL .*\(got "mysql:\/\/u:\*\*\*@db\/x"\)/,
    ],
    [{ facadeUrl: 'http://facade', databaseUrl: DB, schema: 'Youmi' }, /--schema must be a plain identifier/],
    [
      { facadeUrl: 'http://facade', databaseUrl: DB, schema: 'pg_youmi' },
      /--schema must be a plain identifier/,
    ],
    [
      { facadeUrl: 'http://facade', databaseUrl: DB, schema: 'a; drop table x' },
      /--schema must be a plain identifier/,
    ],
    [
      { facadeUrl: 'http://facade', databaseUrl: DB, schema: 'x'.repeat(64) },
      /--schema must be a plain identifier/,
    ],
  ])('refuses %j', (flags, message) => {
    expect(() => readSyncSettings(flags, {})).toThrow(SettingsError);
    expect(() => readSyncSettings(flags, {})).toThrow(message);
  });

  it('takes a socket URL without a host, and a schema of letters, digits and _', () => {
    expect(
      readSyncSettings(
        { facadeUrl: 'http://f', databaseUrl: 'postgresql:///crm?host=/run/postgresql', schema: '_youmi_2' },
        {},
      ).schema,
    ).toBe('_youmi_2');
  });
});

describe('maskUrl', () => {
  it('hides the password, also in a URL that does not parse', () => {
    expect(maskUrl(DB)).toBe('postgres://sync:***@db.example:5432/crm');
    expect(maskUrl('postgres://sync@db/crm')).toBe('postgres://sync@db/crm');
    expect(maskUrl('postgres://sync:s3cret@[bad/crm')).toBe('postgres://sync:***@[bad/crm');
  });
});
