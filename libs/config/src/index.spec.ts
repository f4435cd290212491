import { ConfigError, readEnv, upstreamEnv, upstreamRules } from './index';

function problems(env: Record<string, string>): string[] {
  try {
    readEnv(upstreamEnv, env, upstreamRules);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('upstreamEnv', () => {
  it('reads blank as unset and applies the timeout default', () => {
    expect(readEnv(upstreamEnv, { UPSTREAM_BASE_URL: '  ', UPSTREAM_APP_ID: 'a' })).toEqual({
      UPSTREAM_BASE_URL: undefined,
      UPSTREAM_APP_ID: 'a',
      UPSTREAM_APP_KEY: undefined,
      UPSTREAM_TIMEOUT_MS: 5000,
    });
  });

  it('trims every value', () => {
    expect(
      readEnv(upstreamEnv, {
        UPSTREAM_BASE_URL: ' https://vendor.internal/publicapi/v1/ ',
        UPSTREAM_APP_ID: ' a ',
        UPSTREAM_APP_KEY: ' k ',
        UPSTREAM_TIMEOUT_MS: ' 600000 ',
      }),
    ).toEqual({
      UPSTREAM_BASE_URL: 'https://vendor.internal/publicapi/v1/',
      UPSTREAM_APP_ID: 'a',
      UPSTREAM_APP_KEY: 'k',
      UPSTREAM_TIMEOUT_MS: 600000,
    });
  });

  it('names every bad variable, in order, and never quotes the appkey', () => {
    const found = problems({
      UPSTREAM_BASE_URL: 'ftp://vendor',
      UPSTREAM_APP_KEY: 'never-quoted',
      UPSTREAM_TIMEOUT_MS: '600001',
    });
    expect(found).toEqual([
      'UPSTREAM_BASE_URL must be an http(s) URL such as http://HOST:5001/publicapi/v1/ (got "ftp://vendor")',
      'UPSTREAM_APP_ID is required when UPSTREAM_BASE_URL is set',
      'UPSTREAM_TIMEOUT_MS must be an integer from 1 to 600000 (got "600001")',
    ]);
    expect(found.join('\n')).not.toContain('never-quoted');
  });

  it('asks for no credentials without a vendor URL', () => {
    expect(problems({ UPSTREAM_APP_KEY: 'k' })).toEqual([]);
  });

  it('masks the user, password and query of a bad URL it quotes', () => {
    const found = problems({ UPSTREAM_BASE_URL: 'ftp://ops:hunter2@vendor/v1/?token=abc' });
    expect(found[0]).toBe(
      'UPSTREAM_BASE_URL must be an http(s) URL such as http://HOST:5001/publicapi/v1/ (got "ftp://***@vendor/v1/?***")',
    );
  });

  it('reports the credentials a vendor URL needs even beside another bad variable', () => {
    expect(problems({ UPSTREAM_BASE_URL: 'http://vendor/v1/', UPSTREAM_TIMEOUT_MS: 'soon' })).toEqual([
      'UPSTREAM_APP_ID is required when UPSTREAM_BASE_URL is set',
      'UPSTREAM_APP_KEY is required when UPSTREAM_BASE_URL is set',
      'UPSTREAM_TIMEOUT_MS must be an integer from 1 to 600000 (got "soon")',
    ]);
  });
});
