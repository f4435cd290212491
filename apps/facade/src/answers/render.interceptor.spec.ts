import { Controller, Get, Param, type LoggerService } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { loadFacadeConfig } from '../config/facade-config';
import { FacadeConfigModule } from '../config/facade-config.module';
import { buildOpenApiDocument } from '../docs/docs.setup';
import { ApiDocument } from '../docs/api-document';
import { MethodRoutes } from '../routing/method-routes';
import { ProblemFilter } from '../problem/problem.filter';
import { StaffDto, StaffListDto } from '../staff/dto/staff.dto';
import type { CacheStatus } from '../upstream/cache-status';
import { CsvColumns } from './csv-columns';
import { etagOf, RenderedAnswers } from './rendered-answers';
import { Versioned } from '../upstream/versioned';
import { registerEtagHook } from './etag.hook';
import { RenderInterceptor } from './render.interceptor';

const quiet: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined };

/** What the handlers answer from: the test changes the vendor data (version) and its cache status. */
const vendor = {
  cache: 'MISS' as CacheStatus | undefined,
  version: 'v1',
  freshUntil: 1_000,
  rows: [] as Record<string, unknown>[],
  meta: true,
  builds: 0,
};
const basis = () => ({ cache: vendor.cache, version: vendor.version, freshUntil: vendor.freshUntil });
const STAFF = [
  { code: 'b01', name: 'b01', status: 'disabled', linkedOrderUsername: 'b08' },
  { code: 'b03', name: '王秀娟', status: 'active', linkedOrderUsername: null },
];

@Controller('v1/staff')
class StaffController {
  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: StaffListDto })
  list() {
    return Versioned.of(basis(), () => {
      vendor.builds += 1;
      return vendor.meta
        ? { data: vendor.rows, meta: { total: 40, limit: 50, offset: 0 } }
        : { data: vendor.rows };
    });
  }

  @Get(':code')
  @ApiOkResponse({ type: StaffDto })
  one(@Param('code') code: string) {
    return Versioned.of(basis(), () => {
      vendor.builds += 1;
      return vendor.rows.find((row) => row['code'] === code) ?? null;
    });
  }
}

@Controller('v1/loose')
class UndocumentedController {
  // Says nothing of CSV in the document: answered as JSON only.
  @Get()
  list() {
    return Versioned.of(basis(), () => ({
      data: [
        { a: 1, b: { c: 2 } },
        { a: 3, d: 4 },
      ],
    }));
  }
}

@Controller('health')
class PlainController {
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('served')
  served() {
    return Versioned.of(basis(), () => ({ status: 'served' }));
  }
}

async function createApp(): Promise<NestFastifyApplication> {
  const module = await Test.createTestingModule({
    imports: [FacadeConfigModule.forRoot(loadFacadeConfig({}))],
    controllers: [StaffController, UndocumentedController, PlainController],
    providers: [
      ApiDocument,
      MethodRoutes,
      RenderedAnswers,
      CsvColumns,
      { provide: APP_INTERCEPTOR, useClass: RenderInterceptor },
      { provide: APP_FILTER, useClass: ProblemFilter },
    ],
  })
    .setLogger(quiet)
    .compile();
  const app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  // Conditional GETs are decided by the ETag hook, as in the app.
  registerEtagHook(app.getHttpAdapter().getInstance());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  app.get(ApiDocument).buildWith(() => buildOpenApiDocument(app));
  return app;
}

describe('RenderInterceptor', () => {
  let app: NestFastifyApplication;
  let answers: RenderedAnswers;
  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });

  beforeEach(async () => {
    Object.assign(vendor, {
      cache: 'MISS',
      version: 'v1',
      freshUntil: 1_000,
      rows: STAFF,
      meta: true,
      builds: 0,
    });
    app = await createApp();
    answers = app.get(RenderedAnswers);
  });
  afterEach(() => app.close());

  describe('JSON', () => {
    it('answers the built body with its ETag, caching rules and X-Cache', async () => {
      const response = await get('/v1/staff');
      const body = JSON.stringify({ data: STAFF, meta: { total: 40, limit: 50, offset: 0 } });
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe(body);
      expect(response.headers).toMatchObject({
        'content-type': 'application/json; charset=utf-8',
        etag: etagOf(body),
        'cache-control': 'private, no-cache',
        vary: 'Accept, Authorization, X-API-Key',
        'x-cache': 'MISS',
      });
      expect(response.headers['content-disposition']).toBeUndefined();
      expect(response.headers['x-total-count']).toBeUndefined();
    });

    it.each([
      ['its ETag', (etag: string) => etag],
      ['its ETag, weak, in a list', (etag: string) => `"old", W/${etag}`],
      ['*', () => '*'],
    ])('answers 304 without a body to If-None-Match with %s', async (_case, ifNoneMatch) => {
      const { etag } = (await get('/v1/staff')).headers as { etag: string };
      const response = await get('/v1/staff', { 'if-none-match': ifNoneMatch(etag) });
      expect(response.statusCode).toBe(304);
      expect(response.body).toBe('');
      expect(response.headers).toMatchObject({
        etag,
        'x-cache': 'MISS',
        'cache-control': 'private, no-cache',
      });
    });

    it('answers 200 to an If-None-Match that names another answer', async () => {
      const response = await get('/v1/staff', { 'if-none-match': '"old"' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ data: STAFF });
    });

    it('says how the vendor data was obtained, and nothing when no vendor call was needed', async () => {
      vendor.cache = 'HIT';
      expect((await get('/v1/staff')).headers['x-cache']).toBe('HIT');
      vendor.cache = undefined;
      expect((await get('/v1/staff?offset=0')).headers['x-cache']).toBeUndefined();
    });

    it('answers what a handler returns that is not a versioned value as Nest would', async () => {
      const response = await get('/health/live');
      expect(response.json()).toEqual({ status: 'ok' });
      expect(response.headers['cache-control']).toBeUndefined();
      expect(response.headers['x-cache']).toBeUndefined();
      expect(answers.get('json /health/live')).toBeUndefined();
    });
  });

  describe('rendering once per version of the vendor data', () => {
    it('builds the body once while the version holds, and again when it changes', async () => {
      const first = await get('/v1/staff');
      await get('/v1/staff');
      expect(vendor.builds).toBe(1);
      vendor.version = 'v2';
      vendor.rows = [STAFF[1]];
      const changed = await get('/v1/staff');
      expect(vendor.builds).toBe(2);
      expect(changed.json()).toMatchObject({ data: [STAFF[1]] });
      expect(changed.headers['etag']).not.toBe(first.headers['etag']);
      // The ETag held from before no longer matches.
      expect((await get('/v1/staff', { 'if-none-match': first.headers['etag'] as string })).statusCode).toBe(
        200,
      );
    });

    it('renders each URL and each format apart', async () => {
      await get('/v1/staff');
      await get('/v1/staff?limit=5');
      await get('/v1/staff?format=csv');
      expect(vendor.builds).toBe(3);
      expect(answers.get('json /v1/staff')).toBeDefined();
      expect(answers.get('json /v1/staff?limit=5')).toBeDefined();
      expect(answers.get('csv /v1/staff?format=csv')).toBeDefined();
    });

    it('keeps what the cached-answer hook needs to repeat it: the bytes, their ETag and freshness', async () => {
      const response = await get('/v1/staff/b01');
      expect(answers.get('json /v1/staff/b01')).toMatchObject({
        version: 'v1',
        body: response.rawPayload,
        etag: response.headers['etag'],
        freshUntil: 1_000,
      });
      await get('/health/served');
      expect(answers.get('json /health/served')).toMatchObject({ version: 'v1', freshUntil: 1_000 });
    });

    it('moves the freshness of an answer whose vendor data was confirmed, without building it again', async () => {
      await get('/v1/staff');
      vendor.freshUntil = 2_000;
      vendor.cache = 'HIT';
      const again = await get('/v1/staff');
      expect(vendor.builds).toBe(1);
      expect(again.headers['x-cache']).toBe('HIT');
      expect(answers.get('json /v1/staff')?.freshUntil).toBe(2_000);
    });

    it('never lets an answer built from a stale copy be repeated as fresh', async () => {
      vendor.cache = 'STALE';
      vendor.freshUntil = 5_000;
      const response = await get('/v1/staff');
      expect(response.headers['x-cache']).toBe('STALE');
      expect(answers.get('json /v1/staff')?.freshUntil).toBe(0);
    });
  });

  describe('CSV', () => {
    beforeEach(() => {
      vendor.rows = [
        { code: '=HYPERLINK("x")', name: 'a, "quoted" name', status: '-42', linkedOrderUsername: null },
        { code: '+1', name: '@me', status: '-x', linkedOrderUsername: 'line\nbreak' },
        { code: 'b03', name: '王秀娟', status: 'active', linkedOrderUsername: '\tTab' },
      ];
    });

    it.each([
      ['?format=csv', '/v1/staff?format=csv', {}],
      ['Accept: text/csv', '/v1/staff', { accept: 'text/csv' }],
      ['?format=csv over Accept: application/json', '/v1/staff?format=csv', { accept: 'application/json' }],
    ])('answers a list as CSV for %s', async (_case, url, headers) => {
      const response = await get(url, headers);
      expect(response.statusCode).toBe(200);
      expect(response.headers).toMatchObject({
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="export.csv"',
        'x-total-count': '40',
        'cache-control': 'private, no-cache',
        vary: 'Accept, Authorization, X-API-Key',
        'x-cache': 'MISS',
        etag: etagOf(response.rawPayload),
      });
    });

    it('writes RFC 4180 with a BOM, the schema’s columns, quoting, and no formulas', async () => {
      const response = await get('/v1/staff?format=csv');
      expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(response.rawPayload.subarray(3).toString('utf8')).toBe(
        [
          'code,name,status,linkedOrderUsername',
          `"'=HYPERLINK(""x"")","a, ""quoted"" name",-42,`,
          `'+1,'@me,'-x,"line\nbreak"`,
          `b03,王秀娟,active,'\tTab`,
          '',
        ].join('\r\n'),
      );
    });

    it('has the same header row for an empty page', async () => {
      vendor.rows = [];
      const response = await get('/v1/staff?format=csv');
      expect(response.body).toBe('\uFEFFcode,name,status,linkedOrderUsername\r\n');
    });

    it('answers JSON for a list whose document says nothing of CSV', async () => {
      const response = await get('/v1/loose?format=csv');
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.json()).toEqual({
        data: [
          { a: 1, b: { c: 2 } },
          { a: 3, d: 4 },
        ],
      });
    });

    it('has no X-Total-Count when the list has no paging', async () => {
      vendor.meta = false;
      expect((await get('/v1/staff?format=csv')).headers['x-total-count']).toBeUndefined();
    });

    it('has its own ETag, and answers 304 to it', async () => {
      const json = await get('/v1/staff');
      const csv = await get('/v1/staff', { accept: 'text/csv' });
      expect(csv.headers['etag']).not.toBe(json.headers['etag']);
      expect(
        (await get('/v1/staff', { accept: 'text/csv', 'if-none-match': csv.headers['etag'] as string }))
          .statusCode,
      ).toBe(304);
      expect((await get('/v1/staff', { 'if-none-match': csv.headers['etag'] as string })).statusCode).toBe(
        200,
      );
    });

    it.each([
      ['a single resource', '/v1/staff/b03?format=csv', {}],
      ['a single resource asked with Accept', '/v1/staff/b03', { accept: 'text/csv' }],
      ['?format=json over Accept: text/csv', '/v1/staff?format=json', { accept: 'text/csv' }],
      ['a tie between CSV and JSON', '/v1/staff', { accept: 'text/csv, application/json' }],
      ['format given twice', '/v1/staff?format=csv&format=csv', {}],
    ])('answers JSON for %s', async (_case, url, headers) => {
      expect((await get(url, headers)).headers['content-type']).toBe('application/json; charset=utf-8');
    });

    it('exports every row for limit=all', async () => {
      const response = await get('/v1/staff?format=csv&limit=all');
      expect(response.statusCode).toBe(200);
      expect(response.body.trimEnd().split('\r\n')).toHaveLength(4);
    });

    it.each([
      ['a JSON list', '/v1/staff?limit=all'],
      ['a single resource', '/v1/staff/b03?limit=all&format=csv'],
    ])('refuses limit=all for %s', async (_case, url) => {
      const response = await get(url);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        type: 'urn:youmi-facade:problem:validation',
        detail: 'The request has 1 invalid parameter: limit.',
        errors: [
          { field: 'limit', message: 'limit must be an integer from 1 to 500; all is only for CSV export' },
        ],
      });
      expect(vendor.builds).toBe(0);
    });
  });
});
