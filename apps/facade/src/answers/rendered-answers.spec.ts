import { VendorClient } from '@youmi-facade/vendor-client';
import { FeedInvalidation } from '../changes/feed-invalidation';
import { memoryChangePorts } from '../changes/store/change-port-sets';
import { MemoryCacheStore } from '../upstream/cache-store';
import { DriftRegistry } from '../upstream/drift-registry';
import { VendorResourcesService } from '../upstream/vendor-resources.service';
import { VendorCache } from '../upstream/vendor-cache';
import { etagMatches, etagOf, RenderedAnswers, type RenderedAnswer } from './rendered-answers';

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

  it('answers a held answer as fresh until its data is no longer', () => {
    const answers = new RenderedAnswers();
    answers.set('json /v1/staff', { ...answer('a'), freshUntil: 1_000 });
    expect(answers.fresh('json /v1/staff', 999)?.version).toBe('a');
    expect(answers.fresh('json /v1/staff', 1_000)).toBeUndefined();
    expect(answers.fresh('json /v1/labels', 0)).toBeUndefined();
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
    const { feed, snapshots } = memoryChangePorts(10);
    const cache = new VendorCache(new MemoryCacheStore(), { ttlMs: 60_000, staleMs: 60_000 });
    const client = new VendorClient({
      baseUrl: 'http://127.0.0.1:9/publicapi/v1/',
      appId: 'app',
      appKey: 'key',
    });
    const changed = new FeedInvalidation(
      feed,
      new VendorResourcesService(client, cache, new DriftRegistry()),
    );
    const answers = new RenderedAnswers(changed);
    answers.set('json /v1/staff', answer('a'));
    answers.set('json /v1/labels', answer('b'));
    await snapshots.commit({
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
    await feed.close();
  });
});
