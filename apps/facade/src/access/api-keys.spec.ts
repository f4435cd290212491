import { type LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadFacadeConfig } from '../config/facade-config';
import { FacadeConfigModule } from '../config/facade-config.module';
import { ApiKeys, presentedApiKey } from './api-keys';

const quiet: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined };

async function keysWith(apiKeys: string, logger = quiet): Promise<ApiKeys> {
  const module = await Test.createTestingModule({
    imports: [FacadeConfigModule.forRoot(loadFacadeConfig({ FACADE_API_KEYS: apiKeys }))],
    providers: [ApiKeys],
  })
    .setLogger(logger)
    .compile();
  await module.init();
  return module.get(ApiKeys);
}

const withHeaders = (headers: Record<string, string>) => ({ headers });

describe('presentedApiKey', () => {
  it.each<[Record<string, string>, string | undefined]>([
    [{}, undefined],
    [{ 'x-api-key': 'k1' }, 'k1'],
    [{ 'x-api-key': ' k1 ' }, ' k1 '],
    [{ authorization: 'Bearer k2' }, 'k2'],
    [{ authorization: 'bearer k2' }, 'k2'],
    [{ authorization: 'BEARER   k2  ' }, 'k2'],
    [{ authorization: 'Bearer\tk2' }, 'k2'],
    [{ authorization: 'Bearer k2 k3' }, undefined],
    [{ authorization: 'Bearer ' }, undefined],
    [{ authorization: 'Bearerk2' }, undefined],
    [{ authorization: 'Basic azI6' }, undefined],
    [{ authorization: 'xBearer k2' }, undefined],
    [{ authorization: '' }, undefined],
    // X-API-Key wins over Authorization; an empty one does not count.
    [{ 'x-api-key': 'k1', authorization: 'Bearer k2' }, 'k1'],
    [{ 'x-api-key': '', authorization: 'Bearer k2' }, 'k2'],
  ])('%p → %p', (headers, key) => {
    expect(presentedApiKey(withHeaders(headers))).toBe(key);
  });

  it('ignores an X-API-Key sent twice (Node hands it over as a list)', () => {
    expect(presentedApiKey({ headers: { 'x-api-key': ['k1', 'k2'] as unknown as string } })).toBeUndefined();
  });
});

describe('ApiKeys', () => {
  describe('with keys configured', () => {
    let keys: ApiKeys;
    beforeAll(async () => {
      keys = await keysWith('alpha-key, beta-key ,,');
    });

    it('is not open', () => {
      expect(keys.open).toBe(false);
    });

    it.each<[Record<string, string>, string]>([
      [{ 'x-api-key': 'alpha-key' }, 'valid'],
      [{ 'x-api-key': 'beta-key' }, 'valid'],
      [{ authorization: 'Bearer beta-key' }, 'valid'],
      [{}, 'missing'],
      [{ 'x-api-key': '' }, 'missing'],
      [{ authorization: 'Basic YWxwaGEta2V5' }, 'missing'],
      // Exact match only: case, prefixes, suffixes and blanks all matter.
      [{ 'x-api-key': 'ALPHA-KEY' }, 'invalid'],
      [{ 'x-api-key': 'alpha' }, 'invalid'],
      [{ 'x-api-key': 'alpha-key2' }, 'invalid'],
      [{ 'x-api-key': 'xalpha-key' }, 'invalid'],
      [{ 'x-api-key': ' alpha-key' }, 'invalid'],
      [{ 'x-api-key': 'alpha-key,beta-key' }, 'invalid'],
      [{ 'x-api-key': 'gamma-key' }, 'invalid'],
      // A wrong X-API-Key is not rescued by a right bearer token.
      [{ 'x-api-key': 'wrong', authorization: 'Bearer alpha-key' }, 'invalid'],
    ])('%p → %s', (headers, check) => {
      expect(keys.check(withHeaders(headers))).toBe(check);
    });

    it('accepts a key that is not the first configured, whatever came before', () => {
      // Every key is compared: a match early must not be undone by the keys after it.
      expect(keys.check(withHeaders({ 'x-api-key': 'alpha-key' }))).toBe('valid');
      expect(keys.check(withHeaders({ 'x-api-key': 'beta-key' }))).toBe('valid');
    });
  });

  describe('without keys', () => {
    const warnings: unknown[] = [];
    const contexts: unknown[] = [];
    const logger: LoggerService = {
      ...quiet,
      warn: (message: unknown, context?: unknown) => {
        warnings.push(message);
        contexts.push(context);
      },
    };
    beforeEach(() => {
      warnings.length = 0;
      contexts.length = 0;
    });

    it('is open to every request, with or without a key, and warns at start', async () => {
      const keys = await keysWith(' , ', logger);
      expect(keys.open).toBe(true);
      expect(keys.check(withHeaders({}))).toBe('open');
      expect(keys.check(withHeaders({ 'x-api-key': 'anything' }))).toBe('open');
      expect(warnings).toEqual(['FACADE_API_KEYS is not set: /v1 is open to anyone who can reach this port']);
      expect(contexts).toEqual(['ApiKeys']);
    });

    it('does not warn when keys are configured', async () => {
      await keysWith('alpha-key', logger);
      expect(warnings).toEqual([]);
    });
  });
});
