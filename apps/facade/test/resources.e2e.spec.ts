import { getToken, valuesOf, vendorCall } from '@youmi-facade/testing';
import { useFacade } from './facade-harness';

const ctx = useFacade();
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = <T = any>(path: string) => ctx.facade.json<T>(path);

describe('operator accounts', () => {
  it('merges both kinds by id when no kind is given, and filters by kind', async () => {
    expect((await json('/v1/operator-accounts')).body.data.map((a: { id: number }) => a.id)).toEqual([
      3516, 3521, 3547, 3602, 135389,
    ]);
    expect(
      (await json('/v1/operator-accounts?kind=wecom')).body.data.map((a: { id: number }) => a.id),
    ).toEqual([3602]);
    expect((await json('/v1/operator-accounts?kind=wechat')).body.meta.total).toBe(4);
  });

  it('matches q case-insensitively against wechatId, nickname and deviceNo', async () => {
    const ids = async (q: string) =>
      (await json(`/v1/operator-accounts?q=${encodeURIComponent(q)}`)).body.data.map(
        (a: { id: number }) => a.id,
      );
    expect(await ids('DONG')).toEqual([3516]);
    expect(await ids('秀逗')).toEqual([3547]);
    expect(await ids('p06')).toEqual([3602]);
    expect(await ids('nothing-like-this')).toEqual([]);
  });

  it.each([
    ['id', [3516, 3521, 3547, 3602, 135389]],
    ['-id', [135389, 3602, 3547, 3521, 3516]],
    ['friendCount', [3602, 3547, 3521, 135389, 3516]],
    ['-friendCount', [3516, 135389, 3521, 3547, 3602]],
    ['addedAt', [3521, 3516, 3547, 3602, 135389]],
    ['-addedAt', [3602, 3547, 3516, 3521, 135389]],
  ])('sorts by %s (no addedAt last)', async (sort, expected) => {
    expect(
      (await json(`/v1/operator-accounts?sort=${sort}`)).body.data.map((a: { id: number }) => a.id),
    ).toEqual(expected);
  });

  it('pages with limit and offset', async () => {
    const { body } = await json('/v1/operator-accounts?limit=2&offset=1');
    expect(body.data.map((a: { id: number }) => a.id)).toEqual([3521, 3547]);
    expect(body.meta).toEqual({ total: 5, limit: 2, offset: 1 });
    expect((await json('/v1/operator-accounts?offset=99')).body).toEqual({
      data: [],
      meta: { total: 5, limit: 50, offset: 99 },
    });
  });

  it('answers one account by id, with UTC times, and 404 for an unknown id', async () => {
    const { status, body } = await json('/v1/operator-accounts/3547');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 3547,
      wechatId: 'zznn72537',
      deviceNo: 'P03',
      addedAt: '2021-09-27T14:22:13.600Z',
      kind: 'wechat',
    });
    expect((await json('/v1/operator-accounts/3602')).body.kind).toBe('wecom');
    const missing = await json('/v1/operator-accounts/999999');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(missing.body).toMatchObject({
      status: 404,
      title: 'Not Found',
      instance: '/v1/operator-accounts/999999',
    });
  });
});

describe('staff', () => {
  it('maps status from a number or a numeric string, empty ad_self_user to null, ordered by code', async () => {
    expect((await json('/v1/staff')).body).toEqual({
      data: [
        { code: 'b01', name: 'b01', status: 'disabled', linkedOrderUsername: 'b08' },
        { code: 'b03', name: '王秀娟', status: 'active', linkedOrderUsername: null },
      ],
      meta: { total: 2, limit: 50, offset: 0 },
    });
  });

  it.each([
    ['status=active', ['b03']],
    ['status=disabled', ['b01']],
    ['status=all', ['b01', 'b03']],
    ['code=b01', ['b01']],
    ['code=B01', []],
    ['name=%E7%A7%80', ['b03']],
    ['name=B0', ['b01']],
  ])('filters by %s', async (query, codes) => {
    expect((await json(`/v1/staff?${query}`)).body.data.map((s: { code: string }) => s.code)).toEqual(codes);
  });

  it('answers one member by code and 404 for an unknown code', async () => {
    expect((await json('/v1/staff/b03')).body).toEqual({
      code: 'b03',
      name: '王秀娟',
      status: 'active',
      linkedOrderUsername: null,
    });
    expect((await json('/v1/staff/zz9')).status).toBe(404);
  });

  it("answers a member's operator accounts, and 404 when no staff has the code", async () => {
    expect((await json('/v1/staff/b03/operator-accounts')).body).toEqual({
      data: [
        {
          id: 3547,
          wechatId: 'zznn72537',
          deviceNo: 'P03',
          nickname: '秀逗吖Q.',
          qrCodeUrl:
            'http://img-1259062805.cos.ap-chengdu.myqcloud.com/640462692/other/wxid_2yfwlz5fu21922mmqrcode1632752533600.png',
          originalId: 'wxid_2yfwlz5fu21922',
        },
      ],
      meta: { total: 1, limit: 50, offset: 0 },
    });
    expect(
      (await json('/v1/staff/b01/operator-accounts')).body.data.map((a: { id: number }) => a.id),
    ).toEqual([3516, 3521]);
    const missing = await json('/v1/staff/nobody/operator-accounts');
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toContain('nobody');
  });

  it('lists every assignment, one item per pair, by staff code then account id', async () => {
    const { body } = await json('/v1/staff-assignments');
    expect(
      body.data.map((a: { staffCode: string; account: { id: number } }) => `${a.staffCode}:${a.account.id}`),
    ).toEqual(['b01:3516', 'b01:3521', 'b03:3547']);
    expect(Object.keys(body.data[0].account).sort()).toEqual([
      'deviceNo',
      'id',
      'nickname',
      'originalId',
      'qrCodeUrl',
      'wechatId',
    ]);
  });
});

describe('labels', () => {
  it('knows the categories of /Label and those only label rows mention', async () => {
    const { body } = await json('/v1/label-categories');
    expect(body.data).toEqual([
      { id: 1, name: '职务', selection: 'single' },
      { id: 189, name: '客户意向', selection: 'single' },
      { id: 263, name: 'A.客户级别', selection: 'single' },
    ]);
    expect((await json('/v1/label-categories/189')).body).toEqual({
      id: 189,
      name: '客户意向',
      selection: 'single',
    });
    expect((await json('/v1/label-categories/4242')).status).toBe(404);
  });

  it('lists labels by id, filters by category, answers one by id', async () => {
    expect((await json('/v1/labels')).body.data.map((l: { id: number }) => l.id)).toEqual([
      976, 991, 1071, 1072, 1158,
    ]);
    expect((await json('/v1/labels?categoryId=189')).body.data.map((l: { id: number }) => l.id)).toEqual([
      1071, 1072, 1158,
    ]);
    expect((await json('/v1/labels?categoryId=263')).body.data).toEqual([]);
    expect((await json('/v1/labels/1158')).body).toEqual({
      id: 1158,
      name: '测试超长标签添加测试超长标签添加测试超长标签添加',
      categoryId: 189,
      createdAt: '2018-01-18T13:17:35.613Z',
      merchantId: null,
    });
    expect((await json('/v1/labels/1')).status).toBe(404);
  });

  it('answers the label tree, not paged, empty categories included', async () => {
    const { status, body } = await json('/v1/label-tree');
    expect(status).toBe(200);
    expect(body.meta).toBeUndefined();
    expect(
      body.data.map((c: { id: number; labels: { id: number }[] }) => [c.id, c.labels.map((l) => l.id)]),
    ).toEqual([
      [1, [976, 991]],
      [189, [1071, 1072, 1158]],
      [263, []],
    ]);
    expect(body.data[1].labels[0]).toEqual({
      id: 1071,
      name: '成交',
      createdAt: '2018-01-05T03:53:10.641Z',
      merchantId: null,
    });
  });
});

describe('ad groups', () => {
  it('parses the JSON strings, matches device numbers and names the region', async () => {
    const { body } = await json('/v1/ad-groups');
    expect(body.data).toEqual([
      {
        id: 151,
        name: '景田百岁山广告',
        code: '001',
        merchantId: '640462692',
        operatorAccountIds: [],
        accounts: [],
        region: { code: '440100', province: '广东省', city: '广州市', district: null },
      },
      {
        id: 155,
        name: '12',
        code: '21',
        merchantId: '640462692',
        operatorAccountIds: [3516, 3521],
        accounts: [
          {
            deviceNo: 'P05',
            wechatId: 'dong23287',
            qrCodeUrl: 'http://7nimg.agsoft.net/wxid_w4ebc6txje6622mmqrcode1568877590436.png',
          },
          {
            deviceNo: 'P04',
            wechatId: 'mioz888',
            qrCodeUrl: 'http://7nimg.agsoft.net/wxid_9g3nmp3wywf622mmqrcode1568711034785.png',
          },
        ],
        region: { code: '360800', province: '江西省', city: '吉安市', district: null },
      },
    ]);
    expect((await json('/v1/ad-groups/155')).body.name).toBe('12');
    expect((await json('/v1/ad-groups/156')).status).toBe(404);
  });
});

describe('custom attributes', () => {
  it('orders by sort then id, parses ids, options and date formats', async () => {
    const { body } = await json('/v1/custom-attributes');
    expect(body.data.map((a: { id: number }) => a.id)).toEqual([12, 13, 14, 15]);
    expect(body.data[2]).toEqual({
      id: 14,
      name: '爱好',
      type: 'multi-select',
      required: false,
      maxLength: null,
      sort: 1,
      merchantId: null,
      createdAt: '2019-07-26T02:18:08.189Z',
      options: [
        { label: '足球', value: '1' },
        { label: '篮球', value: '2' },
        { label: '游泳', value: '3' },
      ],
      dateFormat: null,
    });
    expect(body.data[1]).toMatchObject({ id: 13, type: 'date', dateFormat: 'YYYY-MM-DD', options: [] });
    expect(body.data[3]).toMatchObject({ id: 15, type: 'text', maxLength: 20, dateFormat: null });
  });

  it('filters by type and answers one by id', async () => {
    expect(
      (await json('/v1/custom-attributes?type=text')).body.data.map((a: { id: number }) => a.id),
    ).toEqual([12, 15]);
    expect((await json('/v1/custom-attributes/15')).body.name).toBe('住址');
    expect((await json('/v1/custom-attributes/16')).status).toBe(404);
  });
});

describe('upstream drift', () => {
  it('reports what the seed sent that the facade did not expect, with counts and times', async () => {
    await json('/v1/operator-accounts');
    const { body } = await json('/v1/upstream/drift');
    const entry = body.data.find(
      (d: { endpoint: string; field: string }) => d.endpoint === 'WeCaht' && d.field === 'ad_wechat_addtime',
    );
    expect(entry).toMatchObject({ kind: 'unparseable', sample: '添加时间', count: expect.any(Number) });
    expect(Date.parse(entry.firstSeen)).not.toBeNaN();
    expect(body.meta.total).toBe(body.data.length);
  });

  it('counts each drifted value once per vendor answer, however many resources are built from it', async () => {
    const raw = await vendorCall(ctx.sim, await getToken(ctx.sim), 'WeCaht', { query: { ad_wechat_lei: 0 } });
    const drifted = valuesOf(raw).filter((record) => record['ad_wechat_addtime'] === '添加时间').length;
    expect(drifted).toBeGreaterThan(0);
    const count = async () =>
      (await json('/v1/upstream/drift')).body.data.find(
        (d: { endpoint: string; field: string; sample: string }) =>
          d.endpoint === 'WeCaht' && d.field === 'ad_wechat_addtime' && d.sample === '添加时间',
      ).count;
    // The merged list and the wechat-only list are both built from the one answer of WeCaht?ad_wechat_lei=0.
    for (const path of [
      '/v1/operator-accounts',
      '/v1/operator-accounts?kind=wechat',
      '/v1/staff-assignments',
    ])
      await json(path);
    expect(await count()).toBe(drifted);
  });
});
