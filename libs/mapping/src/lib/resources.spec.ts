import type { DriftRecord, OperatorAccount } from '@youmi-facade/domain';
import { VENDOR_ENDPOINTS } from '@youmi-facade/vendor-client/wire';
import {
  SEED_AD_GROUPS_RESPONSE,
  SEED_CUSTOM_ATTRIBUTES_RESPONSE,
  SEED_LABEL_CATEGORIES_RESPONSE,
  SEED_LABELS_RESPONSE,
  SEED_OPERATOR_ACCOUNTS_RESPONSE,
  SEED_STAFF_RESPONSE,
  SEED_STAFF_WECHAT_RESPONSE,
} from '../../test/seed-records';
import {
  ANSWER_MAPPERS,
  buildResource,
  KEYED_RESOURCES,
  RESOURCES,
  readsOf,
  type ResourceName,
} from './resources';

/** The seed's answer to each vendor read. */
const ANSWERS: Record<string, unknown[]> = {
  'WeCaht:0': SEED_OPERATOR_ACCOUNTS_RESPONSE.values,
  'WeCaht:3': [{ ...SEED_OPERATOR_ACCOUNTS_RESPONSE.values[0], ad_wechat_id: 3602, ad_wechat_lei: 3 }],
  staff: [...SEED_STAFF_RESPONSE.values].reverse(),
  'staff/GetStaffWechat:*': SEED_STAFF_WECHAT_RESPONSE.values,
  Label: SEED_LABEL_CATEGORIES_RESPONSE.values,
  'wecahtlabel:-1': SEED_LABELS_RESPONSE.values,
  AdManage: SEED_AD_GROUPS_RESPONSE.values,
  'friend/GetCustomAttributeList': SEED_CUSTOM_ATTRIBUTES_RESPONSE.values,
};

/** Every order of `items`, so that a build is seen to sort whatever order the vendor answers in. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

function built<N extends ResourceName>(name: N, answers: Record<string, unknown[]> = ANSWERS) {
  const drift: DriftRecord[] = [];
  const records = buildResource(
    name,
    RESOURCES[name].reads.map((read) => answers[read.key]),
    (record) => drift.push(record),
  );
  return { records, drift };
}

describe('RESOURCES', () => {
  it('reads each vendor endpoint with its documented parameters', () => {
    const reads = readsOf(Object.keys(RESOURCES) as ResourceName[]);
    expect(reads.map((read) => read.key).sort()).toEqual(Object.keys(ANSWERS).sort());
    for (const read of reads) expect(Object.keys(VENDOR_ENDPOINTS)).toContain(read.endpoint);
    expect(RESOURCES['operator-accounts:wechat'].reads).toEqual([
      { key: 'WeCaht:0', endpoint: 'operatorAccounts', query: { ad_wechat_lei: 0 } },
    ]);
    expect(RESOURCES['operator-accounts:wecom'].reads).toEqual([
      { key: 'WeCaht:3', endpoint: 'operatorAccounts', query: { ad_wechat_lei: 3 } },
    ]);
  });

  it.each<[ResourceName, string[]]>([
    ['operator-accounts', ['WeCaht:0', 'WeCaht:3']],
    ['operator-accounts:wechat', ['WeCaht:0']],
    ['operator-accounts:wecom', ['WeCaht:3']],
    ['staff', ['staff']],
    ['staff-assignments', ['staff/GetStaffWechat:*']],
    ['label-categories', ['Label', 'wecahtlabel:-1']],
    ['labels', ['wecahtlabel:-1']],
    ['label-tree', ['Label', 'wecahtlabel:-1']],
    ['ad-groups', ['AdManage']],
    ['custom-attributes', ['friend/GetCustomAttributeList']],
  ])('%s is read from %j', (name, keys) => {
    expect(RESOURCES[name].reads.map((read) => read.key)).toEqual(keys);
  });

  it.each([
    ['operator-accounts:wechat', 'WeCaht:0'],
    ['operator-accounts:wecom', 'WeCaht:3'],
  ] as const)('builds %s by id, ascending', (name, key) => {
    const account = SEED_OPERATOR_ACCOUNTS_RESPONSE.values[0];
    const ids = [9, 2, 5].map((id) => ({ ...account, ad_wechat_id: id }));
    expect(built(name, { [key]: ids }).records.map((a) => a.id)).toEqual([2, 5, 9]);
  });

  it.each(permutations(['b2', 'a', 'b10']))('builds staff by code, ascending: %s %s %s', (...codes) => {
    const staff = codes.map((code) => ({ ...SEED_STAFF_RESPONSE.values[0], ad_staff_code: code }));
    expect(built('staff', { staff }).records.map((member) => member.code)).toEqual(['a', 'b10', 'b2']);
  });

  it.each(
    permutations<[string, number]>([
      ['b1', 5],
      ['a', 9],
      ['b1', 3],
      ['b1', 4],
    ]),
  )('builds staff assignments by staff code, then account id: %j %j %j %j', (...pairs) => {
    const rows = pairs.map(([code, id]) => ({
      ...SEED_STAFF_WECHAT_RESPONSE.values[0],
      ad_staff_code: code,
      ad_wechat_id: id,
    }));
    const { records } = built('staff-assignments', { 'staff/GetStaffWechat:*': rows });
    expect(records.map((r) => [r.staffCode, r.account.id])).toEqual([
      ['a', 9],
      ['b1', 3],
      ['b1', 4],
      ['b1', 5],
    ]);
  });

  it('merges both kinds of operator account by id, ascending, an id on both lists once', () => {
    const wechat = SEED_OPERATOR_ACCOUNTS_RESPONSE.values[0];
    const { records } = built('operator-accounts', {
      ...ANSWERS,
      'WeCaht:0': [
        { ...wechat, ad_wechat_id: 9 },
        { ...wechat, ad_wechat_id: 2 },
      ],
      'WeCaht:3': [
        { ...wechat, ad_wechat_id: 5, ad_wechat_lei: 3 },
        { ...wechat, ad_wechat_id: 9, ad_wechat_lei: 3 },
      ],
    });
    expect(records.map((account: OperatorAccount) => [account.id, account.kind])).toEqual([
      [2, 'wechat'],
      [5, 'wecom'],
      [9, 'wechat'],
    ]);
  });

  it.each([
    ['staff', (r: { code: string }) => r.code],
    ['labels', (r: { id: number }) => r.id],
    ['ad-groups', (r: { id: number }) => r.id],
    ['label-categories', (r: { id: number }) => r.id],
  ] as const)('builds %s in ascending key order', (name, keyOf) => {
    const keys = (built(name).records as unknown[]).map((record) => keyOf(record as never)) as (
      string | number
    )[];
    expect(keys.length).toBeGreaterThan(0);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('orders custom attributes by sort, then id, and assignments by staff code, then account id', () => {
    const attributes = built('custom-attributes').records;
    expect(attributes.map((a) => [a.sort, a.id])).toEqual(
      [...attributes].map((a) => [a.sort, a.id]).sort((x, y) => x[0] - y[0] || x[1] - y[1]),
    );
    const assignments = built('staff-assignments').records;
    expect(assignments.length).toBeGreaterThan(0);
  });

  it('gives every keyed resource a key as in its URL, unique across the seed records', () => {
    for (const name of KEYED_RESOURCES) {
      const definition = RESOURCES[name];
      const keys = (built(name).records as never[]).map((record) => definition.keyOf(record));
      expect(new Set(keys).size).toBe(keys.length);
      for (const key of keys) expect(key).toMatch(/^[^/\s]+$/);
    }
  });

  it.each(Object.keys(RESOURCES) as ResourceName[])(
    '%s is assembled from mapped answers it never changes, shared as they are between resources',
    (name) => {
      const deepFreeze = (value: unknown): unknown => {
        if (typeof value === 'object' && value !== null)
          Object.values(Object.freeze(value)).forEach(deepFreeze);
        return value;
      };
      const definition = RESOURCES[name];
      const answers = definition.reads.map((read) =>
        deepFreeze(ANSWER_MAPPERS[read.endpoint](ANSWERS[read.key], () => undefined)),
      );
      const expected = built(name).records;
      expect(expected.length).toBeGreaterThan(0);
      expect(definition.assemble(answers)).toEqual(expected);
      expect(definition.assemble(answers)).toEqual(expected);
    },
  );

  it('reports what it could not read as drift instead of failing', () => {
    const { records, drift } = built('staff', {
      staff: [{ ad_staff_code: 'x1', ad_staff_name: '王', ad_staff_state: 'on' }, 42],
    });
    expect(records.map((member) => member.code)).not.toContain(undefined);
    expect(records.length).toBeLessThan(2);
    expect(drift.map((record) => record.endpoint)).toEqual(expect.arrayContaining(['staff']));
  });
});
