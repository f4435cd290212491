import type { OpenAPIObject } from '@nestjs/swagger';
import { ApiDocument } from '../docs/api-document';
import { CsvColumns } from './csv-columns';

const json = (schema: object) => ({
  responses: {
    '200': { content: { 'application/json': { schema }, 'text/csv': { schema: { type: 'string' } } } },
  },
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const list = (items: object) => ({
  type: 'object',
  properties: { data: { type: 'array', items }, meta: ref('ListMeta') },
});

const DOCUMENT = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/v1/staff': { get: json(ref('StaffList')) },
    '/v1/staff/{code}': { get: json(ref('Staff')) },
    '/v1/staff/{code}/operator-accounts/{kind}': { get: json(list(ref('Staff'))) },
    '/v1/accounts': { get: json({ allOf: [ref('AccountList')] }) },
    '/v1/inline': {
      get: json(
        list({
          type: 'object',
          properties: {
            id: { type: 'integer' },
            where: { type: 'object', properties: { lat: { type: 'number' }, lng: { type: 'number' } } },
          },
        }),
      ),
    },
    '/v1/odd': {
      get: json(
        list({
          type: 'object',
          properties: {
            rows: { type: 'array', properties: { x: { type: 'string' } } },
            id: { type: 'integer' },
          },
        }),
      ),
    },
    '/v1/no-body': { get: { responses: { '204': {} } } },
    '/v1/only-csv': {
      get: { responses: { '200': { content: { 'text/csv': { schema: { type: 'string' } } } } } },
    },
    '/v1/posted': { post: json(list(ref('Staff'))) },
    '/v1/no-responses': { get: {} },
    '/v1/no-content': { get: { responses: { '200': { description: 'ok' } } } },
    '/v1/no-schema': { get: { responses: { '200': { content: { 'application/json': {} } } } } },
    '/v1/text': { get: json({ type: 'string' }) },
    '/v1/json-only': {
      get: { responses: { '200': { content: { 'application/json': { schema: list(ref('Staff')) } } } } },
    },
    '/v1/data-without-items': { get: json({ type: 'object', properties: { data: { type: 'object' } } }) },
  },
  components: {
    schemas: {
      ListMeta: { type: 'object', properties: { total: { type: 'integer' } } },
      Staff: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
      StaffList: list(ref('Staff')),
      Region: {
        type: 'object',
        properties: { code: { type: 'string' }, province: { type: 'string', nullable: true } },
      },
      Notify: { type: 'object', properties: { staffCode: { type: 'string' } } },
      Authorizations: {
        type: 'object',
        properties: { push: { type: 'boolean' }, monitoring: { type: 'boolean' } },
      },
      Account: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          authorizations: ref('Authorizations'),
          notify: { allOf: [ref('Notify')] },
          region: { anyOf: [ref('Region'), { type: 'object', nullable: true, enum: [null] }] },
          ids: { type: 'array', items: { type: 'integer' } },
          accounts: { type: 'array', items: ref('Staff') },
        },
      },
      AccountList: list(ref('Account')),
    },
  },
};

function columnsOf(document: object = DOCUMENT) {
  const api = new ApiDocument();
  const build = jest.fn(() => document as unknown as OpenAPIObject);
  api.buildWith(build);
  return { columns: new CsvColumns(api), build };
}

describe('CsvColumns', () => {
  it.each([
    ['/v1/staff', ['code', 'name']],
    ['/v1/staff/:code/operator-accounts/:kind', ['code', 'name']],
    [
      '/v1/accounts',
      [
        'id',
        'authorizations.push',
        'authorizations.monitoring',
        'notify.staffCode',
        'region.code',
        'region.province',
        'ids',
        'accounts',
      ],
    ],
    ['/v1/inline', ['id', 'where.lat', 'where.lng']],
    ['/v1/odd', ['rows', 'id']],
  ])('%s has the columns %p', (route, expected) => {
    expect(columnsOf().columns.of(route)).toEqual(expected);
  });

  it.each([
    ['a single resource', '/v1/staff/:code'],
    ['a route answering no body', '/v1/no-body'],
    ['a route answering no JSON', '/v1/only-csv'],
    ['a route answering only POST', '/v1/posted'],
    ['a route documenting no answers', '/v1/no-responses'],
    ['a 200 without content', '/v1/no-content'],
    ['JSON without a schema', '/v1/no-schema'],
    ['a list that does not answer CSV', '/v1/json-only'],
    ['a body that is not an object', '/v1/text'],
    ['data that is not a list', '/v1/data-without-items'],
    ['the document’s own form of a path', '/v1/staff/{code}/operator-accounts/{kind}'],
    ['an unknown route', '/v1/nothing'],
  ])('has no columns for %s', (_case, route) => {
    expect(columnsOf().columns.of(route)).toBeUndefined();
  });

  it('has no columns for a request that matched no route, without reading the document', () => {
    const { columns: lazy, build } = columnsOf();
    expect(lazy.of(undefined)).toBeUndefined();
    expect(build).not.toHaveBeenCalled();
    expect(lazy.of('/v1/staff')).toEqual(['code', 'name']);
  });

  it('reads a document without shared schemas, where references name nothing', () => {
    const { columns: bare } = columnsOf({
      paths: {
        '/v1/things': { get: json(list(ref('Thing'))) },
        '/v1/owned': {
          get: json(list({ type: 'object', properties: { id: { type: 'integer' }, owner: ref('Owner') } })),
        },
        '/v1/inline': DOCUMENT.paths['/v1/inline'],
      },
    });
    expect(bare.of('/v1/things')).toEqual([]);
    expect(bare.of('/v1/owned')).toEqual(['id', 'owner']);
    expect(bare.of('/v1/inline')).toEqual(['id', 'where.lat', 'where.lng']);
  });
});
