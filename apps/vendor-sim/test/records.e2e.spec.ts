import {
  getToken,
  startSimulator,
  valuesOf,
  vendorCall,
  type RunningSimulator,
  type SimRecordChange,
} from '@youmi-facade/testing';

// POST /__sim/records against the built simulator process: each change must be visible through the
// signed vendor endpoints afterwards, as a change feed polling the vendor would see it.
let sim: RunningSimulator;
let token: string;

beforeAll(async () => {
  sim = await startSimulator({ env: { SIM_DATASET: 'seed' } });
});
afterAll(() => sim.stop());
beforeEach(async () => {
  await sim.reset();
  token = await getToken(sim);
});

type Row = Record<string, unknown>;

const rows = async (path: string, query?: Record<string, string | number>) =>
  valuesOf<Row>(await vendorCall(sim, token, path, { query }));
const ids = async (path: string, field: string, query?: Record<string, string | number>) =>
  (await rows(path, query)).map((row) => String(row[field]));
const post = (body: unknown) =>
  fetch(`${sim.origin}/__sim/records`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** A WeChat operator account as the vendor sends it; `ad_wechat_lei` says which list it is in. */
function account(id: number, kind: number): Row {
  return {
    ad_wechat_id: id,
    ad_wechat_nober: `wx${id}`,
    ad_wechat_nick: 'P21',
    ad_wechat_qrcode: null,
    ad_wechat_addtime: '2024-03-01T09:30:00.123+08:00',
    ad_original_nober: `wxid_${id}`,
    ad_wechat_friend: 12,
    ad_wechat_group: 1,
    ad_wechat_friends: true,
    ad_wechat_nickname: '新号',
    ad_receive_code: null,
    ad_key_code: null,
    ad_chatroom_code: null,
    ad_wechat_push: true,
    is_receiveaddfriendtask: 1,
    ad_wechat_lei: kind,
    ad_wechat_record: false,
    imei: null,
  };
}

const staffMember = { ad_staff_code: 'b09', ad_staff_name: '李娜', ad_staff_state: 0, ad_self_user: null };

describe('POST /__sim/records', () => {
  it('answers 200 with the endpoint, op, key and the count now behind the endpoint', async () => {
    const response = await post({ endpoint: 'staff', op: 'add', record: staffMember });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, endpoint: 'staff', op: 'add', key: 'b09', count: 3 });
    const batch = await post({
      changes: [
        { endpoint: '/Label', op: 'remove', key: 263 },
        { endpoint: 'staff', op: 'remove', key: 'b09' },
      ],
    });
    expect(batch.status).toBe(200);
    expect(await batch.json()).toEqual({
      ok: true,
      changes: [
        { endpoint: 'Label', op: 'remove', key: '263', count: 0 },
        { endpoint: 'staff', op: 'remove', key: 'b09', count: 2 },
      ],
    });
  });

  it('staff: add, update and remove show in GET staff and staff/GetStaffWechat', async () => {
    const unknown = await vendorCall(sim, token, 'staff/GetStaffWechat', { body: '{"ad_staff_code":"b09"}' });
    expect(unknown.json?.errmsg).toBe(200010);

    await sim.changeRecords({ endpoint: 'staff', op: 'add', record: staffMember });
    expect(await rows('staff', { ad_staff_code: 'b09' })).toEqual([staffMember]);
    const known = await vendorCall(sim, token, 'staff/GetStaffWechat', { body: '{"ad_staff_code":"b09"}' });
    expect(valuesOf(known)).toEqual([]);

    await sim.changeRecords({ endpoint: 'staff', op: 'update', key: 'b09', set: { ad_staff_state: 1 } });
    expect(await ids('staff', 'ad_staff_code', { ad_staff_state: 1 })).toEqual(['b01', 'b09']);
    expect((await rows('staff', { ad_staff_code: 'b09' }))[0]).toEqual({ ...staffMember, ad_staff_state: 1 });

    await sim.changeRecords({ endpoint: 'staff', op: 'remove', key: 'b01' });
    expect(await ids('staff', 'ad_staff_code')).toEqual(['b03', 'b09']);
  });

  it('staff assignments: keyed "<ad_staff_code>:<ad_wechat_id>"', async () => {
    const [assignment] = await rows('staff/GetStaffWechat');
    await sim.changeRecords(
      { endpoint: 'staff/GetStaffWechat', op: 'remove', key: 'b01:3516' },
      { endpoint: 'staff/GetStaffWechat', op: 'add', record: { ...assignment, ad_staff_code: 'b01' } },
    );
    const pairs = (await rows('staff/GetStaffWechat')).map(
      (r) => `${r['ad_staff_code']}:${r['ad_wechat_id']}`,
    );
    expect(pairs).toEqual(['b03:3547', 'b01:3521', 'b01:3547']);
    const b01 = await vendorCall(sim, token, 'staff/GetStaffWechat', { body: '{"ad_staff_code":"b01"}' });
    expect(valuesOf(b01).map((r) => r['ad_wechat_id'])).toEqual([3521, 3547]);
  });

  it('operator accounts: each added account is in the list of its own ad_wechat_lei', async () => {
    await sim.changeRecords(
      { endpoint: 'WeCaht', op: 'add', record: account(5001, 0) },
      { endpoint: 'WeCaht', op: 'add', record: account(5002, 3) },
    );
    expect(await ids('WeCaht', 'ad_wechat_id', { ad_wechat_lei: 0 })).toEqual([
      '135389',
      '3516',
      '3521',
      '3547',
      '5001',
    ]);
    expect(await ids('WeCaht', 'ad_wechat_id', { ad_wechat_lei: 3 })).toEqual(['3602', '5002']);
    expect(await rows('WeCaht', { ad_wechat_lei: 3 })).toContainEqual(account(5002, 3));
  });

  it('operator accounts: update changes fields and moves an account between kinds; remove drops it', async () => {
    await sim.changeRecords({
      endpoint: 'WeCaht',
      op: 'update',
      key: '3516',
      set: { ad_wechat_friend: 2400 },
    });
    const changed = (await rows('WeCaht')).find((a) => a['ad_wechat_id'] === 3516);
    expect(changed).toMatchObject({
      ad_wechat_friend: 2400,
      ad_wechat_nober: 'dong23287',
      ad_wechat_nick: 'P05',
    });

    await sim.changeRecords({ endpoint: 'WeCaht', op: 'update', key: 3602, set: { ad_wechat_lei: 0 } });
    expect(await ids('WeCaht', 'ad_wechat_id', { ad_wechat_lei: 3 })).toEqual([]);
    expect(await ids('WeCaht', 'ad_wechat_id', { ad_wechat_lei: 0 })).toContain('3602');

    await sim.changeRecords(
      { endpoint: 'WeCaht', op: 'remove', key: 3602 },
      { endpoint: 'WeCaht', op: 'remove', key: '135389' },
    );
    expect(await ids('WeCaht', 'ad_wechat_id', { ad_wechat_lei: 0 })).toEqual(['3516', '3521', '3547']);
  });

  it('labels and label categories: add, update, remove, by category too', async () => {
    const [label] = await rows('wecahtlabel', { categories: 189 });
    await sim.changeRecords(
      {
        endpoint: 'wecahtlabel',
        op: 'add',
        record: { ...label, ad_label_info_id: 2001, ad_label_info_name: '复购' },
      },
      { endpoint: 'wecahtlabel', op: 'update', key: 1072, set: { ad_label_info_name: '潜在客户' } },
      { endpoint: 'wecahtlabel', op: 'remove', key: 976 },
      { endpoint: 'Label', op: 'add', record: { ad_label_id: 189, ad_label_name: '客户意向', ad_choose: 1 } },
    );
    expect((await rows('wecahtlabel', { categories: 189 })).map((l) => l['ad_label_info_name'])).toEqual([
      label['ad_label_info_name'],
      '潜在客户',
      '成交',
      '复购',
    ]);
    expect(await ids('wecahtlabel', 'ad_label_info_id', { categories: 1 })).toEqual(['991']);
    expect(await ids('Label', 'ad_label_id')).toEqual(['263', '189']);
  });

  it('ad groups and custom attributes keep their own id fields', async () => {
    await sim.changeRecords(
      { endpoint: 'AdManage', op: 'update', key: 155, set: { ad_brand_name: '新投放组' } },
      { endpoint: 'friend/GetCustomAttributeList', op: 'remove', key: 15 },
    );
    expect((await rows('AdManage')).find((g) => g['ad_brand_id'] === 155)?.['ad_brand_name']).toBe(
      '新投放组',
    );
    expect(await ids('friend/GetCustomAttributeList', 'id')).not.toContain('15');
  });

  it('keeps unknown fields of an added record, for drift tests', async () => {
    await sim.changeRecords({
      endpoint: 'staff',
      op: 'add',
      record: { ...staffMember, ad_staff_phone: '138' },
    });
    expect(await rows('staff', { ad_staff_code: 'b09' })).toEqual([
      { ...staffMember, ad_staff_phone: '138' },
    ]);
  });

  it('POST /__sim/reset restores the dataset', async () => {
    const before = await Promise.all([rows('staff'), rows('WeCaht'), rows('WeCaht', { ad_wechat_lei: 3 })]);
    await sim.changeRecords(
      { endpoint: 'staff', op: 'add', record: staffMember },
      { endpoint: 'WeCaht', op: 'remove', key: 3516 },
      { endpoint: 'WeCaht', op: 'add', record: account(5002, 3) },
    );
    await sim.reset();
    token = await getToken(sim);
    expect(await Promise.all([rows('staff'), rows('WeCaht'), rows('WeCaht', { ad_wechat_lei: 3 })])).toEqual(
      before,
    );
  });

  it('applies none of a batch when one change is refused', async () => {
    const before = await rows('staff');
    const response = await post({
      changes: [
        { endpoint: 'staff', op: 'add', record: staffMember },
        { endpoint: 'WeCaht', op: 'remove', key: 3516 },
        { endpoint: 'staff', op: 'remove', key: 'b02' },
      ],
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: 'changes[2]: staff has no record with ad_staff_code "b02"',
    });
    expect(await rows('staff')).toEqual(before);
    expect(await ids('WeCaht', 'ad_wechat_id')).toContain('3516');

    const invalid = await post({
      changes: [{ endpoint: 'staff', op: 'remove', key: 'b01' }, { endpoint: 'staff' }],
    });
    expect(invalid.status).toBe(400);
    expect(await ids('staff', 'ad_staff_code')).toEqual(['b01', 'b03']);
  });

  it.each([
    ['an empty body', ''],
    ['a body that is not JSON', '{nope'],
    ['an array', '[]'],
    ['an unknown endpoint', { endpoint: 'wecaht', op: 'remove', key: 1 }],
    ['GetAccessToken', { endpoint: 'GetAccessToken', op: 'remove', key: 1 }],
    ['an unknown op', { endpoint: 'staff', op: 'delete', key: 'b01' }],
    ['a missing key', { endpoint: 'staff', op: 'remove' }],
    ['a missing record', { endpoint: 'staff', op: 'add' }],
    ['a record without its key', { endpoint: 'staff', op: 'add', record: { ad_staff_name: 'x' } }],
    ['a missing set', { endpoint: 'staff', op: 'update', key: 'b01' }],
    ['a set that is not an object', { endpoint: 'staff', op: 'update', key: 'b01', set: [1] }],
    ['a set that changes the key', { endpoint: 'WeCaht', op: 'update', key: 3516, set: { ad_wechat_id: 1 } }],
    ['an assignment key without the account', { endpoint: 'staff/GetStaffWechat', op: 'remove', key: 'b01' }],
    [
      'an added key that exists',
      { endpoint: 'staff', op: 'add', record: { ...staffMember, ad_staff_code: 'b01' } },
    ],
    ['an empty batch', { changes: [] }],
  ])('refuses %s with 400 and a message', async (_case, body) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: string };
    expect(error.length).toBeGreaterThan(10);
    expect(await ids('staff', 'ad_staff_code')).toEqual(['b01', 'b03']);
  });

  it.each([
    ['update', { endpoint: 'staff', op: 'update', key: 'b02', set: { ad_staff_state: 1 } }],
    ['remove', { endpoint: 'WeCaht', op: 'remove', key: 9999 }],
  ])('answers 404 to %s of a key no record has', async (_op, body) => {
    const response = await post(body);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(/has no record with/);
  });

  it('names the refused field, and answers 405 to another method', async () => {
    const response = await post({ endpoint: 'staff', op: 'update', key: 'b01', set: 'x' });
    expect(await response.json()).toEqual({ error: '"set" must be a JSON object of wire fields' });
    const get = await fetch(`${sim.origin}/__sim/records`);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
  });
});

describe('changeRecords', () => {
  it('answers each change’s result', async () => {
    const changes: SimRecordChange[] = [
      { endpoint: 'staff', op: 'add', record: staffMember },
      { endpoint: 'staff', op: 'update', key: 'b09', set: { ad_staff_name: '李娜娜' } },
    ];
    expect(await sim.changeRecords(...changes)).toEqual([
      { endpoint: 'staff', op: 'add', key: 'b09', count: 3 },
      { endpoint: 'staff', op: 'update', key: 'b09', count: 3 },
    ]);
  });

  it('throws with the simulator’s message when it refuses', async () => {
    await expect(sim.changeRecords({ endpoint: 'staff', op: 'remove', key: 'b02' })).rejects.toThrow(
      'vendor simulator refused POST /__sim/records: 404 staff has no record with ad_staff_code "b02"',
    );
  });
});

describe('on the synthetic dataset', () => {
  it('changes one account of the generated table and leaves the rest as generated', async () => {
    const synthetic = await startSimulator({ env: { SIM_DATASET: 'synthetic', SIM_SCALE: '0.05' } });
    try {
      const syntheticToken = await getToken(synthetic);
      const list = async () =>
        valuesOf<Row>(await vendorCall(synthetic, syntheticToken, 'WeCaht', { query: { ad_wechat_lei: 0 } }));
      const before = await list();
      const [first, second] = before;
      await synthetic.changeRecords(
        {
          endpoint: 'WeCaht',
          op: 'update',
          key: String(first['ad_wechat_id']),
          set: { ad_wechat_nickname: '改名' },
        },
        { endpoint: 'WeCaht', op: 'remove', key: String(second['ad_wechat_id']) },
      );
      const after = await list();
      expect(after[0]).toEqual({ ...first, ad_wechat_nickname: '改名' });
      expect(after.slice(1)).toEqual(before.slice(2));
    } finally {
      await synthetic.stop();
    }
  });
});
