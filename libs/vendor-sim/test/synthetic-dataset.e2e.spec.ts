import { DEPRECATED_FIELDS } from '@youmi-facade/vendor-client/wire';
import type {
  WireAdGroup,
  WireLabel,
  WireOperatorAccount,
  WireStaff,
} from '@youmi-facade/vendor-client/wire';
import {
  startSimulator,
  getToken,
  valuesOf,
  vendorCall,
  type VendorTarget,
  must,
} from '@youmi-facade/testing';
import { createSimulator, type Simulator, type SimulatorAddress } from '../src';
import {
  createSyntheticDataset,
  DEFAULT_SYNTHETIC_SEED,
  generateAdGroups,
  generateCustomAttributes,
  generateLabelTaxonomy,
  generateOperatorAccounts,
  generateStaffWechat,
  syntheticSizes,
} from '../src';

const REAL_REGION_CODES = new Set([
  '110101',
  '110105',
  '110108',
  '110000',
  '120000',
  '310000',
  '310104',
  '310115',
  '320100',
  '320500',
  '330100',
  '330106',
  '330200',
  '340100',
  '350200',
  '360000',
  '360100',
  '360800',
  '370200',
  '410100',
  '420100',
  '430100',
  '440000',
  '440100',
  '440106',
  '440300',
  '440305',
  '450100',
  '460100',
  '500000',
  '510100',
  '530100',
  '610100',
  '650100',
]);
const VENDOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.(\d{1,7}))?\+08:00$/;

describe('generators', () => {
  const dataset = createSyntheticDataset({ scale: 1 });
  const accounts = dataset.operatorAccounts();
  const staff = dataset.staff();

  it('has the scale-1 sizes', () => {
    expect(accounts).toHaveLength(10_000);
    expect(staff).toHaveLength(2_000);
    expect(dataset.labels()).toHaveLength(5_000);
    const categoryIds = new Set(
      [...dataset.labelCategories(), ...dataset.labels()].map((row) => Number(row.ad_label_id)),
    );
    expect(categoryIds.size).toBe(200);
    expect(dataset.adGroups()).toHaveLength(500);
    expect(dataset.customAttributes()).toHaveLength(40);
  });

  it('scales: SIM_SCALE=0.01 gives 100 accounts, 20 staff, 50 labels, 5 ad groups', () => {
    expect(syntheticSizes(0.01)).toMatchObject({ operatorAccounts: 100, staff: 20, labels: 50, adGroups: 5 });
    const small = createSyntheticDataset({ scale: 0.01 });
    expect(small.operatorAccounts()).toHaveLength(100);
    expect(small.staff()).toHaveLength(20);
    expect(small.labels()).toHaveLength(50);
    expect(small.adGroups()).toHaveLength(5);
    expect(syntheticSizes(2)).toMatchObject({
      operatorAccounts: 20_000,
      staff: 4_000,
      labels: 10_000,
      labelCategories: 400,
      adGroups: 1_000,
      customAttributes: 80,
    });
  });

  it('is deterministic: the same seed gives the same JSON, another seed differs', () => {
    const again = createSyntheticDataset({ scale: 1 });
    for (const table of [
      'operatorAccounts',
      'staff',
      'staffWechat',
      'labelCategories',
      'labels',
      'adGroups',
      'customAttributes',
    ] as const) {
      expect(JSON.stringify(again[table]())).toBe(JSON.stringify(dataset[table]()));
    }
    expect(JSON.stringify(generateOperatorAccounts(50, DEFAULT_SYNTHETIC_SEED + 1))).not.toBe(
      JSON.stringify(generateOperatorAccounts(50)),
    );
    expect(JSON.stringify(generateOperatorAccounts(100))).toBe(JSON.stringify(generateOperatorAccounts(100)));
  });

  it('record i depends only on (seed, i): a larger table starts with the smaller one, ids unique', () => {
    const many = generateOperatorAccounts(30_000);
    expect(many).toHaveLength(30_000);
    expect(new Set(many.map((account) => account.ad_wechat_id)).size).toBe(30_000);
    expect(JSON.stringify(many.slice(0, 10_000))).toBe(
      JSON.stringify(generateOperatorAccounts(10_000, DEFAULT_SYNTHETIC_SEED, 6_000)),
    );
  });

  it('operator accounts: ascending unique ids, kinds 0 and 3 and a few 1/2, every deprecated field', () => {
    const ids = accounts.map((account) => account.ad_wechat_id as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    const kinds = countBy(accounts, (account) => String(account.ad_wechat_lei));
    expect(kinds['0']).toBeGreaterThan(6_000);
    expect(kinds['3']).toBeGreaterThan(2_000);
    expect(kinds['1']).toBeGreaterThan(0);
    expect(kinds['2']).toBeGreaterThan(0);
    const missing = accounts.flatMap((account) =>
      DEPRECATED_FIELDS.operatorAccounts.filter((field) => !(field in account)),
    );
    expect(missing).toEqual([]);
    expect(DEPRECATED_FIELDS.operatorAccounts.length).toBeGreaterThan(10);
    expect(Object.keys(accounts[0])).toEqual(Object.keys(accounts[1]));
  });

  it('operator accounts: the vendor’s quirks all occur', () => {
    const qrcodes = accounts.map((account) => account.ad_wechat_qrcode);
    expect(qrcodes.filter((qr) => qr === null).length).toBeGreaterThan(100);
    expect(qrcodes.filter((qr) => qr !== null && !/^https?:\/\//.test(qr)).length).toBeGreaterThan(20);
    expect(accounts.some((account) => account.ad_wechat_addtime === '添加时间')).toBe(true);
    expect(accounts.some((account) => account.ad_wechat_addtime === null)).toBe(true);
    expect(accounts.some((account) => typeof account.ad_wechat_friend === 'string')).toBe(true);
    expect(accounts.some((account) => account.ad_wechat_nickname === null)).toBe(true);
    expect(accounts.some((account) => /[\u4e00-\u9fff]/.test(account.ad_wechat_nickname ?? ''))).toBe(true);
    const fractionDigits = new Set<number>();
    const badTimes: string[] = [];
    for (const account of accounts) {
      const time = account.ad_wechat_addtime;
      if (time === null || time === '添加时间') continue;
      const match = VENDOR_TIME.exec(time);
      if (match) fractionDigits.add(match[2]?.length ?? 0);
      else badTimes.push(time);
    }
    expect(badTimes).toEqual([]);
    expect([...fractionDigits].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('staff: codes b01…, states as numbers and numeric strings, Chinese names, null and empty ad_self_user', () => {
    expect(staff[0].ad_staff_code).toBe('b01');
    expect(new Set(staff.map((s) => s.ad_staff_code)).size).toBe(staff.length);
    expect(new Set(staff.map((s) => typeof s.ad_staff_state))).toEqual(new Set(['number', 'string']));
    expect(staff.every((s) => ['0', '1'].includes(String(s.ad_staff_state)))).toBe(true);
    expect(staff.filter((s) => /[\u4e00-\u9fff]/.test(s.ad_staff_name)).length).toBeGreaterThan(1_500);
    expect(staff.some((s) => s.ad_self_user === null)).toBe(true);
    expect(staff.some((s) => s.ad_self_user === '')).toBe(true);
  });

  it('labels: string category ids sometimes, categories only label rows mention, empty categories, consistent names', () => {
    const { categories, labels } = generateLabelTaxonomy(5_000, 200);
    expect(labels.some((label) => typeof label.ad_label_id === 'string')).toBe(true);
    const listed = new Map(categories.map((category) => [Number(category.ad_label_id), category]));
    const mentioned = new Set(labels.map((label) => Number(label.ad_label_id)));
    expect([...mentioned].filter((id) => !listed.has(id)).length).toBeGreaterThan(0);
    expect(countEmptyListed(categories, labels)).toBeGreaterThan(0);
    const nameById = new Map<number, string>();
    const inconsistent: WireLabel[] = [];
    for (const label of labels) {
      const id = Number(label.ad_label_id);
      const name = nameById.get(id) ?? listed.get(id)?.ad_label_name ?? label.ad_label_name;
      if (
        name !== label.ad_label_name ||
        (label.ad_label_time !== null && !VENDOR_TIME.test(label.ad_label_time))
      )
        inconsistent.push(label);
      nameById.set(id, label.ad_label_name);
    }
    expect(inconsistent).toEqual([]);
    expect(new Set(labels.map((label) => label.ad_label_info_id)).size).toBe(labels.length);
  });

  it('ad groups: JSON inside strings naming real accounts, and real, unknown and null region codes', () => {
    const groups = generateAdGroups(500, accounts);
    const byId = new Map(accounts.map((account) => [account.ad_wechat_id, account]));
    let withMembers = 0;
    for (const group of groups) {
      if (group.ad_brand_welist === null || !group.ad_brand_welist.startsWith('[')) continue;
      const ids = JSON.parse(group.ad_brand_welist) as string[];
      expect(ids.every((id) => typeof id === 'string' && byId.has(Number(id)))).toBe(true);
      if (ids.length === 0) continue;
      withMembers++;
      const members = ids.map((id) => must(byId.get(Number(id)), `account ${id}`));
      const wechats = JSON.parse(must(group.wechats)) as Array<{
        ad_wechat_nober: string;
        ad_wechat_qrcode: string | null;
      }>;
      expect(wechats).toEqual(
        members.map((account) => ({
          ad_wechat_nober: account.ad_wechat_nober,
          ad_wechat_qrcode: account.ad_wechat_qrcode,
        })),
      );
      expect(group.ad_wechat_nick).toBe(
        members.map((account) => `${account.ad_wechat_nick}(${account.ad_wechat_nober})`).join(','),
      );
      expect(group.wechats).toContain('"ad_wechat_nober" : ');
    }
    expect(withMembers).toBeGreaterThan(300);
    const regions = groups.map((group) => group.ad_brand_region_code);
    expect(regions.some((code) => code === null)).toBe(true);
    expect(regions.some((code) => code !== null && !REAL_REGION_CODES.has(code))).toBe(true);
    for (const code of ['110101', '310000', '440100', '360800']) expect(regions).toContain(code);
    expect(groups.some((group: WireAdGroup) => group.ad_brand_welist === null)).toBe(true);
  });

  it('custom attributes: string ids, options as array and as a JSON string, all four types', () => {
    const attributes = generateCustomAttributes(40);
    expect(attributes.every((attribute) => typeof attribute.id === 'string')).toBe(true);
    expect(new Set(attributes.map((attribute) => Number(attribute.customType)))).toEqual(
      new Set([1, 2, 3, 4]),
    );
    for (const attribute of attributes) {
      const options = JSON.parse(must(attribute.customVal)) as Array<{ key: string; value: string }>;
      if (attribute.customValJsonStr !== null) expect(attribute.customValJsonStr).toEqual(options);
      expect(attribute.customAddtime).toMatch(VENDOR_TIME);
      expect(attribute.customAddtimeStr).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    }
    expect(
      attributes.some(
        (attribute) =>
          Number(attribute.customType) >= 3 &&
          (JSON.parse(must(attribute.customVal)) as unknown[]).length > 0,
      ),
    ).toBe(true);
  });

  it('staff wechat: every row names a real staff code and a real account with its values', () => {
    const rows = generateStaffWechat(staff, accounts);
    expect(rows.length).toBeGreaterThan(5_000);
    const codes = new Set(staff.map((s: WireStaff) => s.ad_staff_code));
    const byId = new Map(accounts.map((account: WireOperatorAccount) => [account.ad_wechat_id, account]));
    const wrong = rows.filter((row) => {
      const account = byId.get(row.ad_wechat_id);
      return (
        !codes.has(row.ad_staff_code) ||
        !account ||
        account.ad_wechat_nober !== row.ad_wechat_nober ||
        account.ad_wechat_nick !== row.ad_wechat_nick ||
        account.ad_wechat_nickname !== row.ad_wechat_nickname ||
        account.ad_wechat_qrcode !== row.ad_wechat_qrcode ||
        account.ad_original_nober !== row.ad_original_nober
      );
    });
    expect(wrong).toEqual([]);
  });
});

describe('synthetic dataset over HTTP (in-process)', () => {
  let sim: Simulator;
  let address: SimulatorAddress;
  let target: VendorTarget;
  let token: string;

  beforeAll(async () => {
    sim = createSimulator({ appId: 'a', appKey: 'k', dataset: 'synthetic', scale: 0.05 });
    address = await sim.listen(0);
    target = { baseUrl: address.baseUrl, appId: 'a', appKey: 'k' };
    token = await getToken(target);
  });
  afterAll(() => sim.close());

  it('answers only kind 0 by default and only kind 3 for ad_wechat_lei=3', async () => {
    const personal = valuesOf<WireOperatorAccount>(await vendorCall(target, token, 'WeCaht'));
    const wecom = valuesOf<WireOperatorAccount>(
      await vendorCall(target, token, 'WeCaht', { query: { ad_wechat_lei: 3 } }),
    );
    expect(personal.length + wecom.length).toBeLessThanOrEqual(500);
    expect(personal.length).toBeGreaterThan(250);
    expect(personal.every((account) => account.ad_wechat_lei === 0)).toBe(true);
    expect(wecom.length).toBeGreaterThan(50);
    expect(wecom.every((account) => account.ad_wechat_lei === 3)).toBe(true);
  });

  it('answers one category for categories=<id>, matching rows whose id is a number or a string', async () => {
    const all = valuesOf<WireLabel>(await vendorCall(target, token, 'wecahtlabel'));
    const id = Number(must(all.find((label) => typeof label.ad_label_id === 'string')).ad_label_id);
    const one = valuesOf<WireLabel>(
      await vendorCall(target, token, 'wecahtlabel', { query: { categories: id } }),
    );
    expect(one).toEqual(all.filter((label) => Number(label.ad_label_id) === id));
  });

  it('answers GetStaffWechat per staff code and 200010 for a code no staff has', async () => {
    const all = valuesOf<{ ad_staff_code: string }>(await vendorCall(target, token, 'staff/GetStaffWechat'));
    const code = all[0].ad_staff_code;
    const one = valuesOf(
      await vendorCall(target, token, 'staff/GetStaffWechat', {
        body: JSON.stringify({ ad_staff_code: code }),
      }),
    );
    expect(one).toEqual(all.filter((row) => row.ad_staff_code === code));
    expect(
      (await vendorCall(target, token, 'staff/GetStaffWechat', { body: '{"ad_staff_code":"zz"}' })).json
        ?.errmsg,
    ).toBe(200010);
  });

  it('answers the same records as the spawned process with SIM_DATASET=synthetic and the same scale', async () => {
    const spawned = await startSimulator({ env: { SIM_DATASET: 'synthetic', SIM_SCALE: '0.05' } });
    try {
      const spawnedToken = await getToken(spawned);
      for (const path of [
        'WeCaht',
        'staff',
        'Label',
        'wecahtlabel',
        'AdManage',
        'friend/GetCustomAttributeList',
        'staff/GetStaffWechat',
      ]) {
        const here = valuesOf(await vendorCall(target, token, path));
        const there = valuesOf(await vendorCall(spawned, spawnedToken, path));
        expect(JSON.stringify(there)).toBe(JSON.stringify(here));
      }
    } finally {
      await spawned.stop();
    }
  });
});

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

function countEmptyListed(
  categories: ReadonlyArray<{ ad_label_id: number | string }>,
  labels: readonly WireLabel[],
): number {
  const mentioned = new Set(labels.map((label) => Number(label.ad_label_id)));
  return categories.filter((category) => !mentioned.has(Number(category.ad_label_id))).length;
}
