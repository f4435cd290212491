import { useFacade } from './facade-harness';

const ctx = useFacade();

describe('GET /v1/operator-accounts', () => {
  it('maps the seed account field by field, deprecated fields dropped', async () => {
    const { status, body } = await ctx.facade.json<{ data: Record<string, unknown>[] }>(
      '/v1/operator-accounts?kind=wechat',
    );
    expect(status).toBe(200);
    const seed = body.data.find((a) => a['id'] === 135389);
    expect(seed).toEqual({
      id: 135389,
      wechatId: '微信号',
      deviceNo: '昵称',
      nickname: '刘潇',
      originalId: '原始微信号',
      qrCodeUrl: null,
      kind: 'wechat',
      addedAt: null,
      friendCount: 1709,
      groupCount: 23,
      authorizations: { monitoring: true, push: true, callRecords: false },
      addFriendTasksEnabled: true,
      notify: { exceptionStaffCode: null, keywordStaffCode: null, friendRequestStaffCode: null },
      deviceImei: null,
    });
  });

  it('answers a list with meta', async () => {
    const { body } = await ctx.facade.json<{ data: unknown[]; meta: unknown }>('/v1/operator-accounts');
    expect(body.meta).toEqual({ total: body.data.length, limit: 50, offset: 0 });
  });
});
