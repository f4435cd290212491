import { startFacade, useFacade } from './facade-harness';

const ctx = useFacade();

describe('HTTP caching toward clients', () => {
  it('answers ETag and X-Cache on every 200 GET, and 304 on a matching If-None-Match', async () => {
    const first = await ctx.facade.get('/v1/labels?categoryId=189');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.headers.get('x-cache')).toBe('MISS');
    const again = await ctx.facade.get('/v1/labels?categoryId=189');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('x-cache')).toBe('HIT');
    const notModified = await ctx.facade.get('/v1/labels?categoryId=189', {
      'if-none-match': `W/"nope", ${etag}`,
    });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect((await ctx.facade.get('/v1/labels?categoryId=189', { 'if-none-match': '"other"' })).status).toBe(
      200,
    );
  });

  it('repeats a fresh answer with the same bytes and headers, whichever path answers it', async () => {
    const path = '/v1/custom-attributes?type=text&limit=5';
    const volatile = [
      'date',
      'x-request-id',
      'x-cache',
      'ratelimit-remaining',
      'ratelimit-reset',
      'keep-alive',
      'connection',
    ];
    const view = async (response: Response) => ({
      status: response.status,
      body: await response.text(),
      headers: Object.fromEntries([...response.headers].filter(([name]) => !volatile.includes(name))),
    });
    const first = await ctx.facade.get(path);
    expect(first.headers.get('x-cache')).toBe('MISS');
    const firstView = await view(first);
    for (let i = 0; i < 3; i += 1) {
      const again = await ctx.facade.get(path);
      expect(again.headers.get('x-cache')).toBe('HIT');
      expect(again.headers.get('x-request-id')).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
      expect(await view(again)).toEqual(firstView);
    }
  });

  it.each(['/health/live', '/health/ready', '/metrics', '/docs/openapi.json'])(
    'answers ETag and 304 on %s too',
    async (path) => {
      const first = await ctx.facade.get(path);
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag') as string;
      expect(etag).toMatch(/^"[\w-]+"$/);
      if (path !== '/metrics')
        expect((await ctx.facade.get(path, { 'if-none-match': etag })).status).toBe(304);
    },
  );

  it.each(['/v1/labels?categoryId=189', '/health/live', '/docs/openapi.json'])(
    'answers HEAD on %s with the ETag and length of GET, and 304 on a matching If-None-Match',
    async (path) => {
      const get = await ctx.facade.get(path);
      const etag = get.headers.get('etag') as string;
      const length = String(Buffer.byteLength(await get.text()));
      const head = await fetch(ctx.facade.url + path, { method: 'HEAD' });
      expect([head.status, head.headers.get('etag'), head.headers.get('content-length')]).toEqual([
        200,
        etag,
        length,
      ]);
      const notModified = await fetch(ctx.facade.url + path, {
        method: 'HEAD',
        headers: { 'if-none-match': etag },
      });
      expect([notModified.status, notModified.headers.get('etag')]).toEqual([304, etag]);
    },
  );

  it('reports the worst status of an answer built from several vendor calls', async () => {
    await ctx.facade.get('/v1/labels');
    const tree = await ctx.facade.get('/v1/label-tree');
    expect(tree.headers.get('x-cache')).toBe('MISS');
    expect((await ctx.facade.get('/v1/label-tree')).headers.get('x-cache')).toBe('HIT');
  });

  it('echoes X-Request-Id when sent and generates one otherwise, errors included', async () => {
    for (const sent of ['trace-123', 'a/b+c==', 'x=1;y=2']) {
      const echoed = await ctx.facade.get('/v1/staff', { 'x-request-id': sent });
      expect(echoed.headers.get('x-request-id')).toBe(sent);
    }
    const generated = await ctx.facade.get('/v1/staff/none');
    const id = generated.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await generated.json()) as { requestId: string }).requestId).toBe(id);
  });

  it('sends security headers and no x-powered-by', async () => {
    const response = await ctx.facade.get('/v1/staff');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';" +
        "img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';" +
        "upgrade-insecure-requests;connect-src 'self'",
    );
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});

describe('after the vendor’s data changes', () => {
  it('answers the new body with a new ETag once the copy is refreshed; the old ETag gets a 200, not a 304', async () => {
    const facade = await startFacade(ctx.sim, { CACHE_TTL_SECONDS: '1' });
    try {
      for (const [i, path] of [
        '/v1/staff/b03',
        '/v1/staff?status=active',
        '/v1/staff?format=csv',
      ].entries()) {
        const renamed = `王秀娟（调岗 ${i}）`;
        const first = await facade.get(path);
        const old = { etag: first.headers.get('etag') as string, body: await first.text() };
        expect(old.body).toContain('王秀娟');
        expect(old.body).not.toContain(renamed);
        // Repeated while fresh, by whichever path answers it.
        expect((await facade.get(path)).headers.get('etag')).toBe(old.etag);
        await ctx.sim.changeRecords({
          endpoint: 'staff',
          op: 'update',
          key: 'b03',
          set: { ad_staff_name: renamed },
        });
        const deadline = Date.now() + 8000;
        let now = { status: 0, etag: '', body: old.body };
        while (!now.body.includes(renamed) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          const response = await facade.get(path, { 'if-none-match': old.etag });
          now = {
            status: response.status,
            etag: response.headers.get('etag') as string,
            body: await response.text(),
          };
        }
        expect(now.status).toBe(200);
        expect(now.body).toContain(renamed);
        expect(now.etag).not.toBe(old.etag);
        expect((await facade.get(path, { 'if-none-match': old.etag })).status).toBe(200);
        expect((await facade.get(path, { 'if-none-match': now.etag })).status).toBe(304);
      }
    } finally {
      await facade.close();
      await ctx.sim.reset();
    }
  });
});

describe('CSV export', () => {
  it('answers CSV with a BOM, a header row and dotted columns for Accept: text/csv', async () => {
    const response = await ctx.facade.get('/v1/operator-accounts?kind=wechat&limit=2', {
      accept: 'text/csv',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0].split(',')).toEqual(
      expect.arrayContaining(['id', 'wechatId', 'authorizations.push', 'notify.exceptionStaffCode']),
    );
    expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
  });

  it('answers CSV for ?format=csv, arrays as JSON text, and every row for limit=all', async () => {
    const text = await (await ctx.facade.get('/v1/ad-groups?format=csv&limit=all')).text();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'id,name,code,merchantId,operatorAccountIds,accounts,region.code,region.province,region.city,region.district',
    );
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('"[3516,3521]"');
    expect(lines[2]).toContain('江西省,吉安市,');
  });

  it('keeps the header row of the schema for an empty page and for null nested objects', async () => {
    const empty = await ctx.facade.get('/v1/staff?code=zz&format=csv');
    expect((await empty.text()).replace(/^\uFEFF/, '')).toBe('code,name,status,linkedOrderUsername\r\n');
    expect(empty.headers.get('x-total-count')).toBe('0');
    const header = (await (await ctx.facade.get('/v1/ad-groups?format=csv&limit=1')).text())
      .replace(/^\uFEFF/, '')
      .split('\r\n')[0];
    expect(header).toBe(
      'id,name,code,merchantId,operatorAccountIds,accounts,region.code,region.province,region.city,region.district',
    );
  });

  it.each([
    ['text/csv', 'text/csv'],
    ['text/csv;q=0.5, application/json;q=0.4', 'text/csv'],
    ['text/csv, */*;q=0.8', 'text/csv'],
    ['text/csv;q=0, application/json', 'application/json'],
    ['application/json, text/csv', 'application/json'],
    ['application/json;q=0.9, text/csv;q=0.5', 'application/json'],
  ])('negotiates Accept: %s as %s', async (accept, type) => {
    const response = await ctx.facade.get('/v1/labels?limit=2', { accept });
    expect(response.headers.get('content-type')).toMatch(new RegExp(`^${type.replace('/', '\\/')}`));
  });

  it('says in X-Total-Count how many rows all pages of a CSV export hold', async () => {
    const page = await ctx.facade.get('/v1/labels?format=csv&limit=2');
    expect(page.headers.get('x-total-count')).toBe('5');
    expect((await page.text()).trimEnd().split('\r\n')).toHaveLength(3);
  });

  it('keeps JSON for single resources and the same URL without CSV', async () => {
    const one = await ctx.facade.get('/v1/staff/b01', { accept: 'text/csv' });
    expect(one.headers.get('content-type')).toMatch(/^application\/json/);
    const json = await ctx.facade.get('/v1/ad-groups?limit=1');
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
  });
});
