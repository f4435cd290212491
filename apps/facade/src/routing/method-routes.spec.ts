import type { OpenAPIObject } from '@nestjs/swagger';
import { ApiDocument } from '../docs/api-document';
import { MethodRoutes } from './method-routes';

const page = [
  { in: 'query', name: 'limit' },
  { in: 'query', name: 'offset' },
];

const PATHS = {
  '/v1/staff': { get: { parameters: [...page, { in: 'query', name: 'status' }] } },
  '/v1/staff/{code}': { get: { parameters: [{ in: 'path', name: 'code' }] } },
  '/v1/staff/{code}/operator-accounts': { get: { parameters: [{ in: 'path', name: 'code' }, ...page] } },
  '/v1/label-tree': { get: {} },
  '/v1/webhooks': { post: { parameters: [{ in: 'query', name: 'dryRun' }] }, delete: {}, put: {}, patch: {} },
  '/v1/odd': { options: {}, head: {}, trace: {} },
  '/docs/openapi.json': { get: {} },
};

function routesOf(paths: Record<string, object> = PATHS) {
  const document = new ApiDocument();
  const built = jest.fn(
    () => ({ openapi: '3.0.0', info: { title: 't', version: '1' }, paths }) as unknown as OpenAPIObject,
  );
  document.buildWith(built);
  return { routes: new MethodRoutes(document), built };
}

describe('MethodRoutes', () => {
  // Learnt anew for each test, so that each test exercises the learning of every route it asks about.
  let routes: MethodRoutes;
  beforeEach(() => ({ routes } = routesOf()));

  describe('allowedMethods', () => {
    it.each([
      ['/v1/staff', ['GET', 'HEAD']],
      ['/v1/staff/', ['GET', 'HEAD']],
      ['/v1/staff/b01', ['GET', 'HEAD']],
      ['/v1/staff/b01/', ['GET', 'HEAD']],
      ['/v1/staff/b01/operator-accounts', ['GET', 'HEAD']],
      ['/v1/webhooks', ['POST', 'DELETE', 'PUT', 'PATCH']],
      ['/v1/odd', []],
      ['/docs/openapi.json', ['GET', 'HEAD']],
    ])('%s answers %p', (path, methods) => {
      expect(routes.allowedMethods(path)).toEqual(methods);
    });

    it.each([
      '/v1/staffs',
      '/v2/staff',
      '/x/v1/staff',
      '/v1/staff/b01/other',
      '/v1/staff//operator-accounts',
      '/v1/staff/a/b/operator-accounts',
      '/docs/openapiXjson',
      '/v1/staff//',
    ])('%s is not a known path', (path) => {
      expect(routes.allowedMethods(path)).toEqual([]);
    });
  });

  describe('takesQuery', () => {
    it.each([
      ['GET', '/v1/staff', true],
      ['HEAD', '/v1/staff', true],
      ['GET', '/v1/staff/b01/operator-accounts', true],
      ['GET', '/v1/staff/b01', false],
      ['GET', '/v1/label-tree', false],
      ['POST', '/v1/webhooks', true],
      ['DELETE', '/v1/webhooks', false],
      ['POST', '/v1/staff', false],
      ['GET', '/v1/unknown', false],
    ])('%s %s → %p', (method, path, takes) => {
      expect(routes.takesQuery(method, path)).toBe(takes);
    });
  });

  describe('unknownQueryParameters', () => {
    it.each([
      ['GET', '/v1/staff', ['limit', 'status', 'foo', 'Limit'], ['foo', 'Limit']],
      ['HEAD', '/v1/staff', ['offset', 'code'], ['code']],
      ['GET', '/v1/staff/b01', ['format'], ['format']],
      ['GET', '/v1/label-tree', ['limit', '_'], ['limit', '_']],
      ['POST', '/v1/webhooks', ['dryRun', 'limit'], ['limit']],
      // Path parameters are not query parameters.
      ['GET', '/v1/staff/b01/operator-accounts', ['code', 'limit'], ['code']],
      // An operation or path the document does not know is not this check's to refuse.
      ['POST', '/v1/staff', ['x'], []],
      ['GET', '/v1/unknown', ['x'], []],
    ])('%s %s with %p → %p', (method, path, names, unknown) => {
      expect(routes.unknownQueryParameters(method, path, names)).toEqual(unknown);
    });
  });

  it('escapes what a path holds that a pattern would read as syntax', () => {
    const { routes: special } = routesOf({ '/v1/a+b/{id}': { get: {} }, '/v1/(x)': { get: {} } });
    expect(special.allowedMethods('/v1/a+b/1')).toEqual(['GET', 'HEAD']);
    expect(special.allowedMethods('/v1/aab/1')).toEqual([]);
    expect(special.allowedMethods('/v1/(x)')).toEqual(['GET', 'HEAD']);
    expect(special.allowedMethods('/v1/x')).toEqual([]);
  });

  it('learns the document once, when first asked, not when built', () => {
    const { routes: lazy, built } = routesOf();
    expect(built).not.toHaveBeenCalled();
    lazy.allowedMethods('/v1/staff');
    lazy.takesQuery('GET', '/v1/staff');
    lazy.unknownQueryParameters('GET', '/v1/staff', ['x']);
    expect(built).toHaveBeenCalledTimes(1);
  });
});
