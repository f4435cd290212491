import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startSimulator,
  type RunningSimulator,
  getToken,
  MSG_TIME,
  valuesOf,
  vendorCall,
  type VendorReply,
  envelope,
  must,
  type Envelope,
} from '@youmi-facade/testing';

// The seed dataset over HTTP: every record of the seed document verbatim, plus the few added ones.
let sim: RunningSimulator;
let token: string;
/**
 * The seed document's own example answers, copied as JSON (key order included) from the vendor's
 * documentation.
 */
function seedExamples(): Record<string, Envelope & { values: Array<Record<string, unknown>> }> {
  return JSON.parse(readFileSync(join(__dirname, 'seed-examples.json'), 'utf8'));
}

const seed = seedExamples();

beforeAll(async () => {
  sim = await startSimulator({ env: { SIM_DATASET: 'seed' } });
  token = await getToken(sim);
});
afterAll(() => sim.stop());

type Row = Record<string, unknown>;

const call = (path: string, query?: Record<string, string | number>) =>
  vendorCall(sim, token, path, { query });
const staffWechat = (body?: string, contentType?: string) =>
  vendorCall(sim, token, 'staff/GetStaffWechat', { body, contentType });
const ids = (rows: Row[], field: string) => rows.map((row) => row[field]);

/** Each seed record must appear with the same fields, values and field order (compared as JSON text). */
function expectVerbatim(answer: VendorReply, seedRows: Row[], idField: string): void {
  const rows = valuesOf(answer);
  for (const seedRow of seedRows) {
    const found = rows.find((row) => row[idField] === seedRow[idField]);
    expect(JSON.stringify(found)).toBe(JSON.stringify(seedRow));
  }
}

describe.each([
  ['WeCaht', 'ad_wechat_id'],
  ['staff', 'ad_staff_code'],
  ['Label', 'ad_label_id'],
  ['wecahtlabel', 'ad_label_info_id'],
  ['AdManage', 'ad_brand_id'],
  ['friend/GetCustomAttributeList', 'id'],
])('GET %s', (path, idField) => {
  it('answers every seed record verbatim', async () => {
    expectVerbatim(await call(path), seed[path].values, idField);
  });

  it('answers the documented success envelope', async () => {
    const answer = await call(path);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json; charset=utf-8');
    expect(Object.keys(envelope(answer))).toEqual([
      'errmsg',
      'succeed',
      'msgTime',
      'values',
      'errdesc',
      'requestId',
    ]);
    expect(answer.json).toMatchObject({ errmsg: 20000, succeed: true, errdesc: null });
    expect(envelope(answer).msgTime).toMatch(MSG_TIME);
    expect(typeof envelope(answer).requestId).toBe('string');
  });
});

describe('GET WeCaht', () => {
  it('answers only personal accounts (kind 0) by default and for ad_wechat_lei=0', async () => {
    expect(ids(valuesOf(await call('WeCaht')), 'ad_wechat_id')).toEqual([135389, 3516, 3521, 3547]);
    expect(ids(valuesOf(await call('WeCaht', { ad_wechat_lei: 0 })), 'ad_wechat_id')).toEqual([
      135389, 3516, 3521, 3547,
    ]);
  });

  it('answers only WeCom accounts for ad_wechat_lei=3', async () => {
    const rows = valuesOf(await call('WeCaht', { ad_wechat_lei: 3 }));
    expect(ids(rows, 'ad_wechat_id')).toEqual([3602]);
    expect(rows[0]['ad_wechat_lei']).toBe(3);
  });

  it('answers the accounts of another kind (none in the seed) and binds the parameter name in any case', async () => {
    expect(valuesOf(await call('WeCaht', { ad_wechat_lei: 1 }))).toEqual([]);
    expect(ids(valuesOf(await call('WeCaht', { AD_WECHAT_LEI: 3 })), 'ad_wechat_id')).toEqual([3602]);
  });

  it('refuses a non-numeric ad_wechat_lei → 200012', async () => {
    expect((await call('WeCaht', { ad_wechat_lei: 'wecom' })).json).toMatchObject({
      errmsg: 200012,
      succeed: false,
    });
  });

  it('keeps every deprecated field of the seed record', async () => {
    const [record] = valuesOf(await call('WeCaht'));
    for (const field of [
      'ad_wechat_usercode',
      'ad_wechat_viewnum',
      'ad_wechat_y3',
      'ad_wechat_new',
      'ad_state',
    ])
      expect(record).toHaveProperty(field);
  });
});

describe('GET staff', () => {
  it('answers b01 (seed) and b03 (added) by default and for ad_staff_state=-1', async () => {
    expect(ids(valuesOf(await call('staff')), 'ad_staff_code')).toEqual(['b01', 'b03']);
    expect(ids(valuesOf(await call('staff', { ad_staff_state: -1 })), 'ad_staff_code')).toEqual([
      'b01',
      'b03',
    ]);
  });

  it('filters by state whether the record holds a number or a numeric string', async () => {
    expect(valuesOf(await call('staff', { ad_staff_state: 0 }))).toEqual([
      { ad_staff_code: 'b03', ad_staff_name: '王秀娟', ad_staff_state: '0', ad_self_user: '' },
    ]);
    expect(ids(valuesOf(await call('staff', { ad_staff_state: 1 })), 'ad_staff_code')).toEqual(['b01']);
  });

  it('filters by exact code and by name substring', async () => {
    expect(ids(valuesOf(await call('staff', { ad_staff_code: 'b03' })), 'ad_staff_code')).toEqual(['b03']);
    expect(valuesOf(await call('staff', { ad_staff_code: 'b0' }))).toEqual([]);
    expect(ids(valuesOf(await call('staff', { ad_staff_name: '秀' })), 'ad_staff_code')).toEqual(['b03']);
    expect(ids(valuesOf(await call('staff', { ad_staff_name: 'B0' })), 'ad_staff_code')).toEqual(['b01']);
    expect(valuesOf(await call('staff', { ad_staff_name: '张' }))).toEqual([]);
  });

  it('combines filters', async () => {
    expect(valuesOf(await call('staff', { ad_staff_state: 0, ad_staff_code: 'b01' }))).toEqual([]);
  });

  it('accepts ad_staff_addtime (the records carry no add time to filter on)', async () => {
    expect(ids(valuesOf(await call('staff', { ad_staff_addtime: '2021-12-27' })), 'ad_staff_code')).toEqual([
      'b01',
      'b03',
    ]);
  });

  it('refuses a non-numeric ad_staff_state → 200012', async () => {
    expect((await call('staff', { ad_staff_state: 'active' })).json?.errmsg).toBe(200012);
  });

  it('refuses a state other than -1, 0 and 1 → 200012', async () => {
    expect((await call('staff', { ad_staff_state: 2 })).json?.errmsg).toBe(200012);
  });
});

describe('GET Label and wecahtlabel', () => {
  it('answers exactly the seed category: 189 and 1 exist only in label rows', async () => {
    expect(valuesOf(await call('Label'))).toEqual(seed['Label'].values);
  });

  it('answers the seed spelling /Label joined to the root with its slash (//Label)', async () => {
    expect(valuesOf(await call('/Label'))).toEqual(seed['Label'].values);
  });

  it('answers every label row, in the seed order, by default and for categories=-1', async () => {
    expect(valuesOf(await call('wecahtlabel'))).toEqual(seed['wecahtlabel'].values);
    expect(valuesOf(await call('wecahtlabel', { categories: -1 }))).toEqual(seed['wecahtlabel'].values);
  });

  it('answers one category with categories=<ad_label_id>', async () => {
    expect(ids(valuesOf(await call('wecahtlabel', { categories: 189 })), 'ad_label_info_id')).toEqual([
      1158, 1072, 1071,
    ]);
    expect(ids(valuesOf(await call('wecahtlabel', { categories: 1 })), 'ad_label_info_id')).toEqual([
      991, 976,
    ]);
    expect(valuesOf(await call('wecahtlabel', { categories: 263 }))).toEqual([]);
    expect(valuesOf(await call('wecahtlabel', { categories: 999 }))).toEqual([]);
  });

  it('refuses a non-numeric categories → 200012', async () => {
    expect((await call('wecahtlabel', { categories: 'all' })).json?.errmsg).toBe(200012);
  });
});

describe('GET AdManage and friend/GetCustomAttributeList', () => {
  it('answers exactly the seed ad groups, JSON-in-string fields untouched', async () => {
    const answer = await call('AdManage');
    expect(valuesOf(answer)).toEqual(seed['AdManage'].values);
    expect(answer.text).toContain(String.raw`"ad_brand_welist":"[\"3516\", \"3521\"]"`);
  });

  it('answers exactly the seed custom attributes, string ids and both option shapes', async () => {
    const answer = await call('friend/GetCustomAttributeList');
    expect(valuesOf(answer)).toEqual(seed['friend/GetCustomAttributeList'].values);
    expect(answer.text).toContain('"id":"15"');
  });

  it('answers accounts for every id an ad group lists', async () => {
    const accounts = valuesOf(await call('WeCaht'));
    for (const group of valuesOf(await call('AdManage'))) {
      for (const id of JSON.parse(group['ad_brand_welist'] as string) as string[]) {
        expect(accounts.some((account) => account['ad_wechat_id'] === Number(id))).toBe(true);
      }
    }
  });
});

describe('POST staff/GetStaffWechat', () => {
  it('answers the seed record for {"ad_staff_code":"b03"} sent as text/json, in the seed envelope shape', async () => {
    const answer = await staffWechat('{"ad_staff_code":"b03"}', 'text/json');
    expect(answer.contentType).toBe('application/json; charset=utf-8');
    expect(Object.keys(envelope(answer))).toEqual([
      'requestId',
      'errmsg',
      'succeed',
      'msgTime',
      'values',
      'errdesc',
    ]);
    expect(answer.json).toMatchObject({ requestId: null, errmsg: 20000, succeed: true, errdesc: null });
    expect(envelope(answer).msgTime).toMatch(MSG_TIME);
    expect(JSON.stringify(envelope(answer).values)).toBe(JSON.stringify(seed['staff/GetStaffWechat'].values));
  });

  it('accepts application/json too', async () => {
    expect(
      ids(valuesOf(await staffWechat('{"ad_staff_code":"b01"}', 'application/json')), 'ad_wechat_id'),
    ).toEqual([3516, 3521]);
  });

  it.each([
    ['no body', undefined],
    ['an empty body', ''],
    ['{}', '{}'],
    ['an empty code', '{"ad_staff_code":""}'],
    ['a null code', '{"ad_staff_code":null}'],
  ])('answers every staff member’s accounts for %s', async (_case, body) => {
    const rows = valuesOf(await staffWechat(body));
    expect(rows.map((row) => `${row['ad_staff_code']}:${row['ad_wechat_id']}`)).toEqual([
      'b03:3547',
      'b01:3516',
      'b01:3521',
    ]);
  });

  it('refuses an unknown staff code → 200010', async () => {
    const answer = await staffWechat('{"ad_staff_code":"b99"}');
    expect(answer.json).toMatchObject({ errmsg: 200010, succeed: false, values: null });
    expect(envelope(answer).errdesc).toMatch(/员工号不存在/);
  });

  it('refuses a malformed body → 200012', async () => {
    // The seed's own request example is missing its opening brace.
    expect((await staffWechat('"ad_staff_code":"b03"\n}')).json?.errmsg).toBe(200012);
    expect((await staffWechat('["b03"]')).json?.errmsg).toBe(200012);
  });

  it('names only accounts and staff that exist, with the same values as WeCaht', async () => {
    const accounts = [
      ...valuesOf(await call('WeCaht')),
      ...valuesOf(await call('WeCaht', { ad_wechat_lei: 3 })),
    ];
    const staffCodes = ids(valuesOf(await call('staff')), 'ad_staff_code');
    for (const row of valuesOf(await staffWechat())) {
      expect(staffCodes).toContain(row['ad_staff_code']);
      const account = must(
        accounts.find((a) => a['ad_wechat_id'] === row['ad_wechat_id']),
        `account ${String(row['ad_wechat_id'])}`,
      );
      for (const field of [
        'ad_wechat_nober',
        'ad_wechat_nick',
        'ad_wechat_nickname',
        'ad_wechat_qrcode',
        'ad_original_nober',
      ]) {
        expect(row[field]).toBe(account[field]);
      }
    }
  });
});
