import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useFacade } from './facade-harness';

const document = JSON.parse(readFileSync(join(__dirname, '../openapi.json'), 'utf8')) as {
  paths: Record<string, object>;
};
const API_PATHS = Object.keys(document.paths)
  .filter((path) => path.startsWith('/v1/'))
  .map((path) => path.replace(/\{\w+\}/g, '1'));

const ctx = useFacade({ env: { FACADE_API_KEYS: 'key-one, key-two' } });

describe('API keys', () => {
  it.each([
    ['no key', {}],
    ['a wrong bearer key', { authorization: 'Bearer key-three' }],
    ['a wrong X-API-Key', { 'x-api-key': 'key-on' }],
    ['a malformed Authorization', { authorization: 'key-one' }],
    // Only the exact key: not one with more after it, in another case, cut short, or two joined.
    ['a valid key with more after it', { 'x-api-key': 'key-one-extra' }],
    ['a valid bearer key with more after it', { authorization: 'Bearer key-onex' }],
    ['a valid key in another case', { 'x-api-key': 'KEY-ONE' }],
    ['a valid bearer key in another case', { authorization: 'Bearer Key-Two' }],
    ['two valid keys joined', { 'x-api-key': 'key-one,key-two' }],
    ['two valid keys joined by a space', { authorization: 'Bearer key-one key-two' }],
    ['a valid key with a prefix', { 'x-api-key': 'xkey-one' }],
  ])('refuses %s with a 401 problem', async (_, headers) => {
    const response = await ctx.facade.get('/v1/staff', headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it.each([
    ['Bearer', { authorization: 'Bearer key-one' }],
    ['X-API-Key', { 'x-api-key': 'key-two' }],
  ])('accepts a configured key as %s', async (_, headers) => {
    expect((await ctx.facade.get('/v1/staff', headers)).status).toBe(200);
  });

  it('never repeats a cached answer to a request without a valid key', async () => {
    expect((await ctx.facade.get('/v1/labels', { 'x-api-key': 'key-one' })).status).toBe(200);
    expect((await ctx.facade.get('/v1/labels', { 'x-api-key': 'key-one' })).headers.get('x-cache')).toBe(
      'HIT',
    );
    expect((await ctx.facade.get('/v1/labels')).status).toBe(401);
    expect((await ctx.facade.get('/v1/labels', { 'x-api-key': 'nope' })).status).toBe(401);
    expect((await ctx.facade.get('/v1/labels', { 'x-api-key': 'key-one-extra' })).status).toBe(401);
    expect((await ctx.facade.get('/v1/labels', { authorization: 'Bearer KEY-ONE' })).status).toBe(401);
  });

  it.each(API_PATHS)('refuses GET %s without a key, whatever the route', async (path) => {
    const response = await ctx.facade.get(path);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ status: 401, instance: path });
  });

  it.each(['/health/live', '/metrics', '/docs/openapi.json'])('answers %s without a key', async (path) => {
    expect((await ctx.facade.get(path)).status).toBe(200);
  });

  it('checks the key before validating parameters', async () => {
    expect((await ctx.facade.get('/v1/staff?bogus=1')).status).toBe(401);
  });

  it.each(['/health/live', '/health/ready', '/metrics', '/docs', '/docs/openapi.json'])(
    '%s needs no key',
    async (path) => {
      expect((await ctx.facade.get(path)).status).toBe(200);
    },
  );
});
