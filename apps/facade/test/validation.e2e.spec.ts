import { useFacade } from './facade-harness';

const ctx = useFacade();

async function problem(path: string) {
  const response = await ctx.facade.get(path);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return { status: response.status, body: (await response.json()) as { status: number; errors?: { field: string; message: string }[]; detail: string; type: string } };
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
  ])('%s', async (path, fields) => {
    const { status, body } = await problem(path);
    expect(status).toBe(400);
    expect(body.type).toBe('urn:youmi-facade:problem:validation');
    expect(body.errors?.map((e) => e.field).sort()).toEqual([...fields].sort());
    for (const error of body.errors ?? []) expect(error.message).toEqual(expect.any(String));
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
    const post = await fetch(`${ctx.facade.url}/v1/staff/b01`, { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } });
    expect(post.status).toBe(405);
  });
});
