import { startFacadeProcess, type RunningFacadeProcess } from '@youmi-facade/testing';
import { createFacadeClient, FacadeProblemError, type FacadeClient, type OperatorAccountDto } from '../src';

let facade: RunningFacadeProcess;
let client: FacadeClient;

beforeAll(async () => {
  facade = await startFacadeProcess({ FACADE_API_KEYS: 'sdk-key' });
  client = createFacadeClient({ baseUrl: facade.origin, apiKey: 'sdk-key' });
});
afterAll(() => facade?.stop());

async function rejection(promise: Promise<unknown>): Promise<FacadeProblemError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FacadeProblemError) return error;
    throw error;
  }
  throw new Error('expected a problem');
}

describe('the SDK against a live facade (bundled simulator)', () => {
  it('answers typed bodies', async () => {
    const page = await client.listOperatorAccounts({ kind: 'wechat', sort: '-friendCount', limit: 2 });
    const first: OperatorAccountDto = page.data[0];
    expect(first).toMatchObject({ id: 3516, wechatId: 'dong23287', authorizations: { monitoring: true } });
    expect(page.meta).toEqual({ total: 4, limit: 2, offset: 0 });
    expect((await client.getStaff('b03')).name).toBe('王秀娟');
    expect((await client.getLabelTree()).data.map((c) => c.name)).toContain('客户意向');
  });

  it('iterates every page of a list', async () => {
    const ids: number[] = [];
    for await (const account of client.all('listOperatorAccounts', { limit: 2 })) ids.push(account.id);
    expect(ids).toEqual([3516, 3521, 3547, 3602, 135389]);
    const codes: string[] = [];
    for await (const assignment of client.all('listStaffAssignments')) codes.push(assignment.staffCode);
    expect(codes).toEqual(['b01', 'b01', 'b03']);
  });

  it('throws problem details as typed errors', async () => {
    const missing = await rejection(client.getOperatorAccount(1));
    expect(missing.status).toBe(404);
    expect(missing.problem).toMatchObject({ status: 404, title: 'Not Found' });
    const invalid = await rejection(client.listOperatorAccounts({ limit: 0 }));
    expect(invalid.status).toBe(400);
    expect(invalid.problem.errors?.map((e) => e.field)).toEqual(['limit']);
  });

  it('exports a list as CSV text, every row by default', async () => {
    const csv = await client.csv('listOperatorAccounts', { kind: 'wechat', sort: '-friendCount' });
    const [header, ...rows] = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(header.split(',')).toEqual(
      expect.arrayContaining(['id', 'wechatId', 'authorizations.monitoring']),
    );
    expect(rows).toHaveLength(4);
    expect(rows[0].startsWith('3516,')).toBe(true);
    expect(await client.csv('listStaff', { limit: 1 })).toMatch(/^\uFEFF[^\r]+\r\n[^\r]+\r\n$/);
    const refused = await rejection(client.csv('listStaff', { status: 'gone' as 'active' }));
    expect(refused.problem.errors?.map((e) => e.field)).toEqual(['status']);
  });

  it('refuses format=csv on a JSON operation, pointing at csv()', async () => {
    const listStaff = client.listStaff as (query: object) => Promise<unknown>;
    await expect(listStaff({ format: 'csv' })).rejects.toThrow(/csv\('listStaff', query\)/);
  });

  it('sends the API key, and without it gets a 401 problem', async () => {
    const anonymous = createFacadeClient({ baseUrl: facade.origin });
    const refused = await rejection(anonymous.listStaff());
    expect(refused.status).toBe(401);
    expect(refused.message).toMatch(/^401 Unauthorized/);
  });
});
