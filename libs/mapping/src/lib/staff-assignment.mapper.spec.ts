import type { StaffOperatorAccount } from '@youmi-facade/domain';
import { ABSENT, recordDrift, withField } from '../../test/drift.recorder';
import { SEED_STAFF_WECHAT_RESPONSE } from '../../test/seed-records';
import {
  mapStaffAssignment,
  mapStaffAssignments,
  mapStaffOperatorAccount,
  mapStaffOperatorAccounts,
} from './staff-assignment.mapper';

const SEED = SEED_STAFF_WECHAT_RESPONSE.values[0];
const SEED_ACCOUNT: StaffOperatorAccount = {
  id: 3547,
  wechatId: 'zznn72537',
  deviceNo: 'P03',
  nickname: '秀逗吖Q.',
  qrCodeUrl:
    'http://img-1259062805.cos.ap-chengdu.myqcloud.com/640462692/other/wxid_2yfwlz5fu21922mmqrcode1632752533600.png',
  originalId: 'wxid_2yfwlz5fu21922',
};

function map(field: string, value: unknown) {
  const recorder = recordDrift();
  const account = mapStaffOperatorAccount(withField(SEED, field, value), recorder.sink);
  return { account, drift: recorder.pairs() };
}

describe('mapStaffOperatorAccount field rules (the operator-account rules)', () => {
  it.each<[string, string, unknown, Partial<StaffOperatorAccount>, [string, string][]]>([
    ['id: a numeric string', 'ad_wechat_id', '3547', { id: 3547 }, []],
    [
      'wechatId: null is empty text',
      'ad_wechat_nober',
      null,
      { wechatId: '' },
      [['ad_wechat_nober', 'wrong-type']],
    ],
    [
      'deviceNo: null is empty text',
      'ad_wechat_nick',
      null,
      { deviceNo: '' },
      [['ad_wechat_nick', 'wrong-type']],
    ],
    ['nickname: empty is null', 'ad_wechat_nickname', '', { nickname: null }, []],
    [
      'nickname: a number keeps its text',
      'ad_wechat_nickname',
      7,
      { nickname: '7' },
      [['ad_wechat_nickname', 'wrong-type']],
    ],
    [
      'qrCodeUrl: the placeholder',
      'ad_wechat_qrcode',
      '二维码',
      { qrCodeUrl: null },
      [['ad_wechat_qrcode', 'unparseable']],
    ],
    ['originalId: null', 'ad_original_nober', null, { originalId: null }, []],
    [
      'originalId: a number keeps its text',
      'ad_original_nober',
      42,
      { originalId: '42' },
      [['ad_original_nober', 'wrong-type']],
    ],
    ['the staff code is not needed for the account', 'ad_staff_code', ABSENT, {}, []],
  ])('%s', (_what, field, value, changed, drift) => {
    expect(map(field, value)).toEqual({ account: { ...SEED_ACCOUNT, ...changed }, drift });
  });

  it('a record without an integer id is unusable', () => {
    expect(map('ad_wechat_id', 'x')).toEqual({ account: null, drift: [['ad_wechat_id', 'unparseable']] });
  });
});

describe('mapStaffAssignment(s)', () => {
  it('pairs each row with its staff code', () => {
    const recorder = recordDrift();
    const rows = [SEED, { ...SEED, ad_staff_code: 'b04', ad_wechat_id: 3548 }];
    expect(mapStaffAssignments(rows, recorder.sink)).toEqual([
      { staffCode: 'b03', account: SEED_ACCOUNT },
      { staffCode: 'b04', account: { ...SEED_ACCOUNT, id: 3548 } },
    ]);
    expect(recorder.records).toEqual([]);
  });

  it.each([
    ['no staff code', 'ad_staff_code', ABSENT, [['ad_staff_code', 'wrong-type']]],
    ['an empty staff code', 'ad_staff_code', '', [['ad_staff_code', 'unparseable']]],
    ['no account id', 'ad_wechat_id', null, [['ad_wechat_id', 'wrong-type']]],
  ])('a row with %s is unusable', (_what, field, value, drift) => {
    const recorder = recordDrift();
    expect(mapStaffAssignment(withField(SEED, field, value), recorder.sink)).toBeNull();
    expect(recorder.pairs()).toEqual(drift);
  });

  it('mapStaffOperatorAccounts keeps the vendor order', () => {
    const rows = [
      { ...SEED, ad_wechat_id: 2 },
      { ...SEED, ad_wechat_id: 1 },
    ];
    expect(mapStaffOperatorAccounts(rows, () => undefined).map((a) => a.id)).toEqual([2, 1]);
  });
});
