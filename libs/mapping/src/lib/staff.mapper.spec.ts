import type { Staff } from '@youmi-facade/domain';
import { ABSENT, recordDrift, withField } from '../../test/drift.recorder';
import { SEED_STAFF_RESPONSE } from '../../test/seed-records';
import { mapStaff, mapStaffList } from './staff.mapper';

const SEED = SEED_STAFF_RESPONSE.values[0];

function map(field: string, value: unknown) {
  const recorder = recordDrift();
  const staff = mapStaff(withField(SEED, field, value), recorder.sink);
  return { staff, drift: recorder.pairs() };
}

describe('mapStaff field rules', () => {
  it.each<[string, string, unknown, (s: Staff) => unknown, unknown, [string, string][]]>([
    ['code', 'ad_staff_code', 'b03', (s) => s.code, 'b03', []],
    [
      'code: a number keeps its text',
      'ad_staff_code',
      1001,
      (s) => s.code,
      '1001',
      [['ad_staff_code', 'wrong-type']],
    ],
    ['name', 'ad_staff_name', '张三', (s) => s.name, '张三', []],
    ['name: null is empty text', 'ad_staff_name', null, (s) => s.name, '', [['ad_staff_name', 'wrong-type']]],
    ['status: 0', 'ad_staff_state', 0, (s) => s.status, 'active', []],
    ['status: "0"', 'ad_staff_state', '0', (s) => s.status, 'active', []],
    ['status: 1', 'ad_staff_state', 1, (s) => s.status, 'disabled', []],
    ['status: "1"', 'ad_staff_state', '1', (s) => s.status, 'disabled', []],
    [
      'status: 2 is shown as disabled',
      'ad_staff_state',
      2,
      (s) => s.status,
      'disabled',
      [['ad_staff_state', 'unparseable']],
    ],
    [
      'status: text',
      'ad_staff_state',
      '启用',
      (s) => s.status,
      'disabled',
      [['ad_staff_state', 'unparseable']],
    ],
    ['status: null', 'ad_staff_state', null, (s) => s.status, 'disabled', [['ad_staff_state', 'wrong-type']]],
    [
      'status: a boolean',
      'ad_staff_state',
      false,
      (s) => s.status,
      'disabled',
      [['ad_staff_state', 'wrong-type']],
    ],
    ['linkedOrderUsername', 'ad_self_user', 'b08', (s) => s.linkedOrderUsername, 'b08', []],
    ['linkedOrderUsername: empty text is null', 'ad_self_user', '', (s) => s.linkedOrderUsername, null, []],
    ['linkedOrderUsername: null', 'ad_self_user', null, (s) => s.linkedOrderUsername, null, []],
    ['linkedOrderUsername: absent', 'ad_self_user', ABSENT, (s) => s.linkedOrderUsername, null, []],
    [
      'linkedOrderUsername: a number keeps its text',
      'ad_self_user',
      8,
      (s) => s.linkedOrderUsername,
      '8',
      [['ad_self_user', 'wrong-type']],
    ],
  ])('%s', (_what, field, value, select, expected, drift) => {
    const { staff, drift: actual } = map(field, value);
    expect(staff).not.toBeNull();
    expect(select(staff as Staff)).toEqual(expected);
    expect(actual).toEqual(drift);
  });

  it.each([
    ['empty', '', 'unparseable'],
    ['null', null, 'wrong-type'],
    ['absent', ABSENT, 'wrong-type'],
    ['an object', {}, 'wrong-type'],
  ])('a record whose code is %s is unusable', (_what, value, kind) => {
    expect(map('ad_staff_code', value)).toEqual({ staff: null, drift: [['ad_staff_code', kind]] });
  });

  it('an unknown field is dropped and recorded', () => {
    const recorder = recordDrift();
    expect(mapStaffList([{ ...SEED, ad_staff_addtime: '2019-11-05' }], recorder.sink)).toEqual([
      { code: 'b01', name: 'b01', status: 'disabled', linkedOrderUsername: 'b08' },
    ]);
    expect(recorder.records).toEqual([
      { endpoint: 'staff', field: 'ad_staff_addtime', kind: 'unknown-field', sample: '2019-11-05' },
    ]);
  });
});
