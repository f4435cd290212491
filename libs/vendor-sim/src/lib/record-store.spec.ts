import { EndpointValues } from './endpoint-values';
import {
  parseRecordChange,
  parseRecordChanges,
  RecordChangeError,
  RecordStore,
  type RecordChange,
  type RecordEndpoint,
} from './record-store';
import { createSeedDataset, SEED_OPERATOR_ACCOUNTS, SEED_STAFF } from './seed-dataset';
import type { SimDataset } from './sim-dataset';
import { createSyntheticDataset } from './synthetic-dataset';

/** The seed, counting how often each table is asked of the dataset. */
function countingSeed(): { dataset: SimDataset; reads: Record<string, number> } {
  const seed = createSeedDataset();
  const reads: Record<string, number> = {};
  const counted =
    <T>(name: string, read: () => T) =>
    () => {
      reads[name] = (reads[name] ?? 0) + 1;
      return read();
    };
  return {
    reads,
    dataset: {
      name: seed.name,
      operatorAccounts: counted('operatorAccounts', seed.operatorAccounts),
      staff: counted('staff', seed.staff),
      staffWechat: counted('staffWechat', seed.staffWechat),
      labelCategories: counted('labelCategories', seed.labelCategories),
      labels: counted('labels', seed.labels),
      adGroups: counted('adGroups', seed.adGroups),
      customAttributes: counted('customAttributes', seed.customAttributes),
    },
  };
}

function refusal(run: () => unknown): RecordChangeError {
  try {
    run();
  } catch (error) {
    if (error instanceof RecordChangeError) return error;
    throw error;
  }
  throw new Error('expected a RecordChangeError');
}

const keys = (store: RecordStore, endpoint: RecordEndpoint, field: string) =>
  store.rows(endpoint).map((row) => String(row[field]));

const newStaff = { ad_staff_code: 'b09', ad_staff_name: '李娜', ad_staff_state: 0, ad_self_user: null };

describe('parseRecordChanges', () => {
  it('takes one change, normalising the seed’s leading slash, or a batch', () => {
    expect(parseRecordChanges({ endpoint: '/Label', op: 'remove', key: 263 })).toEqual({
      changes: [{ endpoint: 'Label', op: 'remove', key: '263' }],
      batch: false,
    });
    expect(
      parseRecordChanges({
        changes: [
          { endpoint: 'staff', op: 'add', record: { ...newStaff, drift_field: 1 } },
          { endpoint: 'staff', op: 'update', key: 'b09', set: { ad_staff_state: 1 } },
        ],
      }),
    ).toEqual({
      changes: [
        { endpoint: 'staff', op: 'add', record: { ...newStaff, drift_field: 1 } },
        { endpoint: 'staff', op: 'update', key: 'b09', set: { ad_staff_state: 1 } },
      ],
      batch: true,
    });
  });

  it.each([
    [[], /body must be a JSON object/],
    [{ op: 'remove', key: 1 }, /"endpoint" must be one of WeCaht, staff/],
    [{ endpoint: 'wecaht', op: 'remove', key: 1 }, /"endpoint" .*got "wecaht"/],
    [{ endpoint: 'GetAccessToken', op: 'remove', key: 1 }, /"endpoint"/],
    [{ endpoint: 'staff', op: 'delete', key: 'b01' }, /"op" must be "add", "update" or "remove"/],
    [{ endpoint: 'staff', op: 'remove' }, /"key" must be a non-empty string or a number/],
    [{ endpoint: 'staff', op: 'remove', key: '' }, /"key"/],
    [{ endpoint: 'staff', op: 'remove', key: { code: 'b01' } }, /"key"/],
    [{ endpoint: 'staff', op: 'add' }, /"record" must be a JSON object/],
    [{ endpoint: 'staff', op: 'add', record: [] }, /"record" must be a JSON object/],
    [{ endpoint: 'staff', op: 'add', record: { ad_staff_name: 'x' } }, /"record.ad_staff_code"/],
    [{ endpoint: 'staff', op: 'update', key: 'b01' }, /"set" must be a JSON object/],
    [{ endpoint: 'staff', op: 'update', key: 'b01', set: 'x' }, /"set" must be a JSON object/],
    [{ endpoint: 'staff', op: 'update', key: 'b01', set: {} }, /"set" must name at least one field/],
    [{ endpoint: 'staff', op: 'update', key: 'b01', set: { ad_staff_code: 'b02' } }, /"set.ad_staff_code"/],
    [{ endpoint: 'staff', op: 'remove', key: 'b01', set: {} }, /unknown field "set" for op "remove"/],
    [{ endpoint: 'staff/GetStaffWechat', op: 'remove', key: 'b01' }, /"<ad_staff_code>:<ad_wechat_id>"/],
    [
      { endpoint: 'staff/GetStaffWechat', op: 'add', record: { ad_staff_code: 'b01' } },
      /"record.ad_wechat_id"/,
    ],
    [{ changes: [] }, /"changes" must be a non-empty array/],
    [{ changes: {} }, /"changes" must be a non-empty array/],
    [{ changes: [{ endpoint: 'staff', op: 'remove', key: 'b01' }], op: 'add' }, /unknown field "op"/],
    [
      { changes: [{ endpoint: 'staff', op: 'remove', key: 'b01' }, 3] },
      /"changes\[1\]" must be a JSON object/,
    ],
    [
      { changes: [{ endpoint: 'staff', op: 'remove', key: 'b01' }, { endpoint: 'staff' }] },
      /"changes\[1\]\.op"/,
    ],
  ])('refuses %j with a message naming the field', (input, message) => {
    const error = refusal(() => parseRecordChanges(input));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(message);
  });

  it('parseRecordChange alone names no batch index', () => {
    expect(() => parseRecordChange({ endpoint: 'staff', op: 'remove' })).toThrow(/^"key"/);
  });
});

describe('RecordStore', () => {
  it('adds, updates and removes by the vendor’s id field, answering the count after each change', () => {
    const store = new RecordStore(createSeedDataset());
    expect(store.apply([{ endpoint: 'staff', op: 'add', record: newStaff }])).toEqual([
      { endpoint: 'staff', op: 'add', key: 'b09', count: 3 },
    ]);
    expect(store.staff().at(-1)).toEqual(newStaff);
    store.apply([
      { endpoint: 'staff', op: 'update', key: 'b01', set: { ad_staff_name: '张伟', extra: true } },
    ]);
    expect(store.staff()[0]).toEqual({ ...SEED_STAFF[0], ad_staff_name: '张伟', extra: true });
    expect(store.apply([{ endpoint: 'staff', op: 'remove', key: 'b03' }])).toEqual([
      { endpoint: 'staff', op: 'remove', key: 'b03', count: 2 },
    ]);
    expect(keys(store, 'staff', 'ad_staff_code')).toEqual(['b01', 'b09']);
  });

  it('compares keys as strings, whichever way the record or the request writes them', () => {
    const store = new RecordStore(createSeedDataset());
    store.apply([{ endpoint: 'WeCaht', op: 'update', key: '3516', set: { ad_wechat_nick: 'P15' } }]);
    expect(store.operatorAccounts().find((a) => a.ad_wechat_id === 3516)?.ad_wechat_nick).toBe('P15');
    // The seed's custom attribute 15 has the id "15", a string.
    const [change] = parseRecordChanges({
      endpoint: 'friend/GetCustomAttributeList',
      op: 'remove',
      key: 15,
    }).changes;
    store.apply([change]);
    expect(keys(store, 'friend/GetCustomAttributeList', 'id')).not.toContain('15');
    const error = refusal(() =>
      store.apply([
        { endpoint: 'WeCaht', op: 'add', record: { ...SEED_OPERATOR_ACCOUNTS[1], ad_wechat_id: '3521' } },
      ]),
    );
    expect([error.status, error.message]).toEqual([
      400,
      'WeCaht already has a record with ad_wechat_id "3521"',
    ]);
  });

  it('keys staff assignments by staff code and account id', () => {
    const store = new RecordStore(createSeedDataset());
    const [first] = store.staffWechat();
    store.apply([
      { endpoint: 'staff/GetStaffWechat', op: 'remove', key: 'b01:3516' },
      { endpoint: 'staff/GetStaffWechat', op: 'add', record: { ...first, ad_staff_code: 'b01' } },
      { endpoint: 'staff/GetStaffWechat', op: 'update', key: 'b03:3547', set: { ad_wechat_nick: 'P13' } },
    ]);
    expect(
      store.staffWechat().map((row) => [row.ad_staff_code, row.ad_wechat_id, row.ad_wechat_nick]),
    ).toEqual([
      ['b03', 3547, 'P13'],
      ['b01', 3521, 'P04'],
      ['b01', 3547, 'P03'],
    ]);
    expect(
      refusal(() => store.apply([{ endpoint: 'staff/GetStaffWechat', op: 'remove', key: 'b03:3516' }]))
        .status,
    ).toBe(404);
  });

  it('answers 404 for a key no record has', () => {
    const store = new RecordStore(createSeedDataset());
    for (const change of [
      { endpoint: 'staff', op: 'update', key: 'b02', set: { ad_staff_state: 1 } },
      { endpoint: 'staff', op: 'remove', key: 'b02' },
    ] satisfies RecordChange[]) {
      const error = refusal(() => store.apply([change]));
      expect([error.status, error.message]).toEqual([404, 'staff has no record with ad_staff_code "b02"']);
    }
  });

  it('applies a batch in order, each change seeing the earlier ones', () => {
    const store = new RecordStore(createSeedDataset());
    const results = store.apply([
      { endpoint: 'staff', op: 'add', record: newStaff },
      { endpoint: 'staff', op: 'update', key: 'b09', set: { ad_staff_state: 1 } },
      { endpoint: 'Label', op: 'remove', key: '263' },
      { endpoint: 'staff', op: 'remove', key: 'b09' },
      { endpoint: 'staff', op: 'add', record: { ...newStaff, ad_staff_name: '李娜2' } },
    ]);
    expect(results.map((r) => [r.endpoint, r.op, r.key, r.count])).toEqual([
      ['staff', 'add', 'b09', 3],
      ['staff', 'update', 'b09', 3],
      ['Label', 'remove', '263', 0],
      ['staff', 'remove', 'b09', 2],
      ['staff', 'add', 'b09', 3],
    ]);
    expect(store.staff().at(-1)?.ad_staff_name).toBe('李娜2');
  });

  it('applies nothing of a batch when one change is refused, naming that change', () => {
    const store = new RecordStore(createSeedDataset());
    const notified: string[] = [];
    store.onChange((endpoint) => notified.push(endpoint));
    const error = refusal(() =>
      store.apply([
        { endpoint: 'WeCaht', op: 'remove', key: '3516' },
        { endpoint: 'staff', op: 'add', record: newStaff },
        { endpoint: 'staff', op: 'add', record: newStaff },
      ]),
    );
    expect([error.status, error.message]).toEqual([
      400,
      'changes[2]: staff already has a record with ad_staff_code "b09"',
    ]);
    const missing = refusal(() =>
      store.apply([
        { endpoint: 'staff', op: 'remove', key: 'b01' },
        { endpoint: 'staff', op: 'update', key: 'b01', set: { ad_staff_state: 0 } },
      ]),
    );
    expect([missing.status, missing.message]).toEqual([
      404,
      'changes[1]: staff has no record with ad_staff_code "b01"',
    ]);
    expect(keys(store, 'WeCaht', 'ad_wechat_id')).toContain('3516');
    expect(keys(store, 'staff', 'ad_staff_code')).toEqual(['b01', 'b03']);
    expect(notified).toEqual([]);
  });

  it('never edits the dataset’s own rows, and reset restores them', () => {
    const store = new RecordStore(createSeedDataset());
    const before = structuredClone(SEED_STAFF);
    store.apply([
      { endpoint: 'staff', op: 'update', key: 'b01', set: { ad_staff_state: 0 } },
      { endpoint: 'staff', op: 'remove', key: 'b03' },
      { endpoint: 'WeCaht', op: 'update', key: '135389', set: { ad_wechat_lei: 3 } },
    ]);
    expect(SEED_STAFF).toEqual(before);
    expect(SEED_OPERATOR_ACCOUNTS[0].ad_wechat_lei).toBe(0);
    store.reset();
    expect(store.staff()).toEqual(SEED_STAFF);
    expect(store.operatorAccounts()).toEqual(SEED_OPERATOR_ACCOUNTS);
  });

  it('copies a table from the dataset once, on its first change; other tables stay unread', () => {
    const { dataset, reads } = countingSeed();
    const store = new RecordStore(dataset);
    store.apply([{ endpoint: 'staff', op: 'add', record: newStaff }]);
    const afterFirst = reads['staff'];
    for (let i = 0; i < 5; i++)
      store.apply([{ endpoint: 'staff', op: 'add', record: { ...newStaff, ad_staff_code: `c${i}` } }]);
    expect(store.staff()).toHaveLength(8);
    expect(reads).toEqual({ staff: afterFirst });
    expect(dataset.staff()).toHaveLength(2);
    store.reset();
    expect(store.staff()).toHaveLength(2);
  });

  it('tells listeners once per changed endpoint, and on reset which ones it restored', () => {
    const store = new RecordStore(createSeedDataset());
    const notified: string[] = [];
    store.onChange((endpoint) => notified.push(endpoint));
    store.apply([
      { endpoint: 'staff', op: 'remove', key: 'b01' },
      { endpoint: 'staff', op: 'remove', key: 'b03' },
      { endpoint: 'AdManage', op: 'remove', key: '155' },
    ]);
    expect(notified).toEqual(['staff', 'AdManage']);
    notified.length = 0;
    store.reset();
    expect(notified.sort()).toEqual(['AdManage', 'staff']);
    notified.length = 0;
    store.reset();
    expect(notified).toEqual([]);
  });

  it('changes a large synthetic table in place after the first copy', () => {
    const store = new RecordStore(createSyntheticDataset({ scale: 0.5 }));
    const [first] = store.operatorAccounts();
    store.apply([{ endpoint: 'WeCaht', op: 'remove', key: String(first.ad_wechat_id) }]);
    const copy = store.operatorAccounts();
    store.apply([{ endpoint: 'WeCaht', op: 'add', record: { ...first } }]);
    expect(store.operatorAccounts()).toBe(copy);
    expect(copy).toHaveLength(5000);
    expect(copy.at(-1)).toEqual(first);
  });
});

describe('EndpointValues over a RecordStore', () => {
  function served() {
    const store = new RecordStore(createSeedDataset());
    const values = new EndpointValues(store);
    store.onChange((endpoint) => values.invalidate(endpoint));
    const json = (buffer: Buffer) => JSON.parse(buffer.toString()) as Array<Record<string, unknown>>;
    return { store, values, json };
  }

  it('answers an added operator account in the list of its own kind, and moves it when the kind changes', () => {
    const { store, values, json } = served();
    const ids = (kind: number) => json(values.operatorAccounts(kind)).map((a) => String(a['ad_wechat_id']));
    expect(ids(3)).toEqual(['3602']);
    store.apply([
      {
        endpoint: 'WeCaht',
        op: 'add',
        record: { ...SEED_OPERATOR_ACCOUNTS[1], ad_wechat_id: 4001, ad_wechat_lei: 3 },
      },
      {
        endpoint: 'WeCaht',
        op: 'add',
        record: { ...SEED_OPERATOR_ACCOUNTS[1], ad_wechat_id: 4002, ad_wechat_lei: '0' },
      },
    ]);
    expect(ids(3)).toEqual(['3602', '4001']);
    expect(ids(0)).toEqual(['135389', '3516', '3521', '3547', '4002']);
    store.apply([{ endpoint: 'WeCaht', op: 'update', key: '4001', set: { ad_wechat_lei: 0 } }]);
    expect(ids(3)).toEqual(['3602']);
    expect(ids(0)).toContain('4001');
    store.reset();
    expect(ids(0)).toEqual(['135389', '3516', '3521', '3547']);
  });

  it('answers changed staff by every filter, and assignments by a new staff code', () => {
    const { store, values, json } = served();
    expect(values.isStaffCode('b09')).toBe(false);
    store.apply([
      { endpoint: 'staff', op: 'add', record: newStaff },
      {
        endpoint: 'staff/GetStaffWechat',
        op: 'add',
        record: { ...store.staffWechat()[0], ad_staff_code: 'b09' },
      },
    ]);
    expect(json(values.staff({ state: -1 })).map((s) => s['ad_staff_code'])).toEqual(['b01', 'b03', 'b09']);
    expect(json(values.staff({ state: 0, name: '李' }))).toEqual([newStaff]);
    expect(values.isStaffCode('b09')).toBe(true);
    expect(json(values.staffWechat('b09')).map((row) => row['ad_wechat_id'])).toEqual([3547]);
  });

  it('serves drifting records without failing a filter', () => {
    const { store, values, json } = served();
    store.apply([
      {
        endpoint: 'staff',
        op: 'add',
        record: { ad_staff_code: 7, ad_staff_name: null, ad_staff_state: 'x' },
      },
    ]);
    expect(json(values.staff({ state: -1, name: 'b' })).map((s) => s['ad_staff_code'])).toEqual(['b01']);
    expect(json(values.staff({ state: -1, code: '7' }))).toEqual([
      { ad_staff_code: 7, ad_staff_name: null, ad_staff_state: 'x' },
    ]);
  });

  it('answers label changes by category', () => {
    const { store, values, json } = served();
    const [label] = json(values.labels(189));
    store.apply([
      {
        endpoint: 'wecahtlabel',
        op: 'add',
        record: { ...label, ad_label_info_id: 9001, ad_label_info_name: '新标签' },
      },
      {
        endpoint: 'wecahtlabel',
        op: 'update',
        key: String(label['ad_label_info_id']),
        set: { ad_label_info_name: '改名' },
      },
    ]);
    const names = json(values.labels(189)).map((l) => l['ad_label_info_name']);
    expect(names[0]).toBe('改名');
    expect(names.at(-1)).toBe('新标签');
    store.apply([{ endpoint: 'Label', op: 'update', key: '263', set: { ad_label_name: '新分类' } }]);
    expect(json(values.labelCategories())[0]['ad_label_name']).toBe('新分类');
  });
});
