import { useFacade } from './facade-harness';

const ctx = useFacade();

async function problem(path: string) {
  const response = await ctx.facade.get(path);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return {
    status: response.status,
    body: (await response.json()) as {
      status: number;
      errors?: { field: string; message: string }[];
      detail: string;
      type: string;
    },
  };
}

describe('bad input answers 400 naming every offending field', () => {
  it.each([
    ['/v1/operator-accounts?limit=0', ['limit']],
    ['/v1/operator-accounts?limit=501', ['limit']],
    ['/v1/operator-accounts?limit=abc', ['limit']],
    ['/v1/operator-accounts?limit=1.5', ['limit']],
    ['/v1/operator-accounts?limit=1e2', ['limit']],
    ['/v1/operator-accounts?offset=-1', ['offset']],
    ['/v1/operator-accounts?kind=official', ['kind']],
    ['/v1/operator-accounts?sort=name', ['sort']],
    ['/v1/operator-accounts?kind=wechat&kind=wecom', ['kind']],
    ['/v1/operator-accounts?color=red', ['color']],
    ['/v1/operator-accounts?limit=0&offset=x&sort=up&color=red', ['limit', 'offset', 'sort', 'color']],
    ['/v1/operator-accounts?limit=all', ['limit']],
    ['/v1/operator-accounts?format=xml', ['format']],
    ['/v1/staff?status=gone', ['status']],
    ['/v1/labels?categoryId=abc', ['categoryId']],
    ['/v1/custom-attributes?type=number', ['type']],
    ['/v1/label-tree?limit=5', ['limit']],
    ['/v1/operator-accounts/3547?q=x', ['q']],
    ['/v1/operator-accounts/abc', ['id']],
    ['/v1/operator-accounts/0', ['id']],
    ['/v1/operator-accounts/99999999999', ['id']],
    ['/v1/labels/-3', ['id']],
    ['/v1/ad-groups/1.5', ['id']],
    [`/v1/operator-accounts/${'9'.repeat(300)}`, ['id']],
    [`/v1/staff/${'b'.repeat(120)}`, ['code']],
    ['/v1/staff/%E2', ['path']],
    ['/v1/staff?status=%E5%9', ['status']],
    ['/v1/label-tree?x=%zz', ['x']],
    ['/v1/operator-accounts?q=%E7%8E%8B&kind=%E5', ['kind']],
  ])('%s', async (path, fields) => {
    const { status, body } = await problem(path);
    expect(status).toBe(400);
    expect(body.type).toBe('urn:youmi-facade:problem:validation');
    expect(body.errors?.map((e) => e.field).sort()).toEqual([...fields].sort());
    for (const error of body.errors ?? []) expect(error.message).toEqual(expect.any(String));
  });

  it('says how to percent-encode a parameter that is not', async () => {
    const { body } = await problem('/v1/operator-accounts?q=%E5%9');
    expect(body.errors).toEqual([
      { field: 'q', message: expect.stringMatching(/^q is not valid percent-encoding: .*%E7%8E%8B/) },
    ]);
    expect((await ctx.facade.get('/v1/operator-accounts?q=%E7%8E%8B')).status).toBe(200);
  });

  it('says the range a paging parameter takes', async () => {
    const { body } = await problem('/v1/staff?offset=10000001&limit=501');
    expect(body.errors).toEqual([
      { field: 'limit', message: 'limit must be an integer from 1 to 500, or all for CSV export' },
      { field: 'offset', message: 'offset must be an integer from 0 to 10000000' },
    ]);
  });

  it("operations routes ignore query parameters they do not use (a monitor's cache-buster)", async () => {
    for (const path of ['/health/live?probe=1', '/health/ready?t=1', '/metrics?x=1']) {
      expect((await ctx.facade.get(path)).status).toBe(200);
    }
  });

  it('validates ids and parameters before any vendor call', async () => {
    await ctx.sim.resetCalls();
    await ctx.facade.get('/v1/operator-accounts/abc');
    await ctx.facade.get('/v1/labels?categoryId=x');
    await ctx.facade.get('/v1/staff?status=gone');
    expect(await ctx.sim.calls()).toEqual({});
  });
});

describe('unknown routes and methods', () => {
  it('answers 404 problems for unknown routes', async () => {
    const { status, body } = await problem('/v1/nothing-here');
    expect(status).toBe(404);
    expect(body.detail).toContain('/v1/nothing-here');
    expect((await problem('/v2/operator-accounts')).status).toBe(404);
  });

  it('answers 405 with Allow for a known path and another method', async () => {
    const response = await fetch(`${ctx.facade.url}/v1/operator-accounts`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const post = await fetch(`${ctx.facade.url}/v1/staff/b01`, {
      method: 'POST',
      body: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(post.status).toBe(405);
  });
});
