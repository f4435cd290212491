import { VendorClient } from '@youmi-facade/vendor-client';
import { KEYED } from '../../access/access-rule';
import { ChangedData } from '../../changes/changed-data';
import { MemoryChangeStore } from '../../changes/memory-change-store';
import { MemoryCacheStore } from '../../upstream/cache-store';
import { DriftRegistry } from '../../upstream/drift-registry';
import { UpstreamService } from '../../upstream/upstream.service';
import { VendorCache } from '../../upstream/vendor-cache';
import {
  etagMatches,
  etagOf,
  formatInUrl,
  RenderedAnswers,
  wantsCsv,
  type RenderedAnswer,
} from './rendered-answers';

describe('formatInUrl', () => {
  it.each([
    ['/v1/staff', undefined],
    ['/v1/staff?limit=5', undefined],
    ['/v1/staff?format=csv', 'csv'],
    ['/v1/staff?limit=5&format=json', 'json'],
    ['/v1/staff?for%6Dat=csv', 'csv'],
    ['/v1/staff?format=csv&format=json', ['csv', 'json']],
    ['/v1/staff?name=%E5%BC%A0', undefined],
    ['/v1/staff?reformat=csv', undefined],
    ['/v1/staff?', undefined],
    ['/v1/format?limit=5', undefined],
    ['/v1/staff?format=', ''],
    ['/v1/staff?format=CSV', 'CSV'],
    ['/v1/staff?name=a%26format%3Dcsv', undefined],
    ['/v1/staff?format=%63sv', 'csv'],
    // Without a query the path is not read as one, even where it looks like one.
    ['/v1/staff/a&format=csv', undefined],
  ])('%s → %p', (url, format) => {
    expect(formatInUrl(url)).toEqual(format);
  });
});

describe('wantsCsv', () => {
  it.each([
    [undefined, undefined, false],
    ['csv', 'application/json', true],
    ['json', 'text/csv', false],
    [['csv', 'json'], undefined, false],
    [undefined, 'text/csv', true],
    [undefined, 'application/json, text/csv;q=0.5', false],
    [undefined, 'text/csv, application/json', false],
    [undefined, 'text/csv;q=0.9, application/json;q=0.8', true],
    [undefined, 'text/csv;q=0', false],
    [undefined, '*/*', false],
    [undefined, '', false],
    [undefined, 'TEXT/CSV', true],
    [undefined, 'text/csv; q=0.5, application/json; q=0.4', true],
    [undefined, 'text/csv;level=1;q=0.7, application/json;q=0.6', true],
    [undefined, 'application/json;q=0, text/csv;q=0.1', true],
    [undefined, 'text/csv;q=0.5, application/json', false],
    [undefined, 'text/csv;q=0.5, text/csv;q=0.9, application/json;q=0.8', true],
    [undefined, 'application/json;q=0.5, application/json;q=0.9, text/csv;q=0.8', false],
    [undefined, 'text/csv, */*;q=0.8', true],
    [undefined, 'text/csvx', false],
    [undefined, 'text/csv;q=abc', false],
    [undefined, 'text/csv;q=Infinity', false],
    [undefined, 'text/csv;qq=0.1', true],
    // Whitespace is allowed around the ';' of a media range.
    [undefined, 'text/csv ;q=0.9, application/json;q=0.5', true],
    [undefined, 'application/json ;q=1, text/csv;q=0.5', false],
    // Only an explicit application/json competes with text/csv.
    [undefined, 'text/csv;q=0.5, text/html', true],
    [['csv', 'json'], 'text/csv', true],
    ['xml', 'text/csv', true],
  ])('format %p, Accept %p → %p', (format, accept, csv) => {
    expect(wantsCsv(format, accept)).toBe(csv);
  });
});

describe('etagMatches', () => {
  it.each([
    [undefined, false],
    ['"a"', true],
    ['W/"a"', true],
    ['"b", "a"', true],
    ['*', true],
    ['"b"', false],
    ['', false],
    [' * ', true],
    ['"b", *', false],
    [' "a" ', true],
    ['"b",W/"a"', true],
    ['w/"a"', false],
    ['W/W/"a"', false],
    ['x W/"a"', false],
    ['"a', false],
    // An opaque tag that holds W/ is another tag.
    ['"W/a"', false],
  ])('If-None-Match %p against "a" → %p', (header, matches) => {
    expect(etagMatches(header, '"a"')).toBe(matches);
  });
});

describe('etagOf', () => {
  it('is the quoted base64url SHA-1 of the bytes, the same for a string and its UTF-8 bytes', () => {
    expect(etagOf('')).toBe('"2jmj7l5rSw0yVb_vlWAYkK_YBwk"');
    expect(etagOf('王')).toBe('"x7FsfEaM1BM1JQC9ydAy3X6XKqc"');
    expect(etagOf(Buffer.from('王', 'utf8'))).toBe(etagOf('王'));
    expect(etagOf('{"a":1}')).not.toBe(etagOf('{"a":2}'));
  });
});

const answer = (version: string): RenderedAnswer => ({
  version,
  body: Buffer.from(version),
  headers: {},
  etag: etagOf(version),
  freshUntil: 0,
  route: '/v1/staff',
  access: KEYED,
});

describe('RenderedAnswers', () => {
  it('keys answers by format and URL', () => {
    expect(RenderedAnswers.key('/v1/staff?limit=5', true)).toBe('csv /v1/staff?limit=5');
    expect(RenderedAnswers.key('/v1/staff?limit=5', false)).toBe('json /v1/staff?limit=5');
  });

  it('holds what it is given, per key', () => {
    const answers = new RenderedAnswers();
    answers.set('json /v1/staff', answer('a'));
    answers.set('csv /v1/staff', answer('b'));
    expect(answers.get('json /v1/staff')?.version).toBe('a');
    expect(answers.get('csv /v1/staff')?.version).toBe('b');
    expect(answers.get('json /v1/labels')).toBeUndefined();
  });

  it('holds at most 2000 answers, dropping the least recently used', () => {
    const answers = new RenderedAnswers();
    for (let i = 0; i < 2000; i += 1) answers.set(`json /v1/staff?offset=${i}`, answer(String(i)));
    answers.get('json /v1/staff?offset=0');
    answers.set('json /v1/staff?offset=2000', answer('2000'));
    expect(answers.get('json /v1/staff?offset=0')?.version).toBe('0');
    expect(answers.get('json /v1/staff?offset=1')).toBeUndefined();
    expect(answers.get('json /v1/staff?offset=2000')?.version).toBe('2000');
  });

  it('drops every answer once the change feed sees the vendor data change', async () => {
    const store = new MemoryChangeStore(10);
    const cache = new VendorCache(new MemoryCacheStore(), { ttlMs: 60_000, staleMs: 60_000 });
    const client = new VendorClient({
      baseUrl: 'http://127.0.0.1:9/publicapi/v1/',
      appId: 'app',
      appKey: 'key',
    });
    const changed = new ChangedData(store, new UpstreamService(client, cache, new DriftRegistry()));
    const answers = new RenderedAnswers(changed);
    answers.set('json /v1/staff', answer('a'));
    answers.set('json /v1/labels', answer('b'));
    await store.commit({
      resource: 'staff',
      basedOn: undefined,
      events: [
        {
          type: 'staff.created',
          resource: 'staff',
          key: 'b01',
          occurredAt: '2026-11-27T08:00:00.000Z',
          data: {},
        },
      ],
      upserts: [],
      deletes: [],
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(answers.get('json /v1/staff')).toBeUndefined();
    expect(answers.get('json /v1/labels')).toBeUndefined();
    changed.onModuleDestroy();
    await store.close();
  });
});
