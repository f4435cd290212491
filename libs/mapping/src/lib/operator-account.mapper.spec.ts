import type { OperatorAccount } from '@youmi-facade/domain';
import { DEPRECATED_FIELDS } from '@youmi-facade/vendor-client/wire';
import { ABSENT, recordDrift, withField } from '../../test/drift.recorder';
import { SEED_OPERATOR_ACCOUNTS_RESPONSE } from '../../test/seed-records';
import { mapOperatorAccount, mapOperatorAccounts } from './operator-account.mapper';

/** The seed record with its two placeholders replaced by real values, so it maps without drift. */
const CLEAN = {
  ...SEED_OPERATOR_ACCOUNTS_RESPONSE.values[0],
  ad_wechat_qrcode: 'http://7nimg.agsoft.net/qr.png',
  ad_wechat_addtime: '2018-01-18T21:17:35.613849+08:00',
};

function map(field: string, value: unknown) {
  const recorder = recordDrift();
  const account = mapOperatorAccount(withField(CLEAN, field, value), recorder.sink);
  return { account, drift: recorder.pairs() };
}

type Row = [string, string, unknown, (a: OperatorAccount) => unknown, unknown, [string, string][]];

describe('mapOperatorAccount field rules', () => {
  it('maps the clean record without drift', () => {
    expect(map('ad_wechat_id', 135389).drift).toEqual([]);
  });

  it.each<Row>([
    ['id: a numeric string', 'ad_wechat_id', '135389', (a) => a.id, 135389, []],
    ['wechatId: as sent', 'ad_wechat_nober', 'zznn72537', (a) => a.wechatId, 'zznn72537', []],
    [
      'wechatId: a number keeps its text',
      'ad_wechat_nober',
      12345,
      (a) => a.wechatId,
      '12345',
      [['ad_wechat_nober', 'wrong-type']],
    ],
    [
      'wechatId: null is empty text',
      'ad_wechat_nober',
      null,
      (a) => a.wechatId,
      '',
      [['ad_wechat_nober', 'wrong-type']],
    ],
    ['deviceNo: as sent', 'ad_wechat_nick', 'P03', (a) => a.deviceNo, 'P03', []],
    [
      'deviceNo: null is empty text',
      'ad_wechat_nick',
      null,
      (a) => a.deviceNo,
      '',
      [['ad_wechat_nick', 'wrong-type']],
    ],
    [
      'deviceNo: absent is empty text',
      'ad_wechat_nick',
      ABSENT,
      (a) => a.deviceNo,
      '',
      [['ad_wechat_nick', 'wrong-type']],
    ],
    [
      'deviceNo: a boolean',
      'ad_wechat_nick',
      true,
      (a) => a.deviceNo,
      '',
      [['ad_wechat_nick', 'wrong-type']],
    ],
    ['nickname: null', 'ad_wechat_nickname', null, (a) => a.nickname, null, []],
    ['nickname: empty text is null', 'ad_wechat_nickname', '', (a) => a.nickname, null, []],
    [
      'nickname: an object',
      'ad_wechat_nickname',
      { a: 1 },
      (a) => a.nickname,
      null,
      [['ad_wechat_nickname', 'wrong-type']],
    ],
    [
      'originalId: wxid',
      'ad_original_nober',
      'wxid_2yfwlz5fu21922',
      (a) => a.originalId,
      'wxid_2yfwlz5fu21922',
      [],
    ],
    ['originalId: absent', 'ad_original_nober', ABSENT, (a) => a.originalId, null, []],
    [
      'originalId: a number keeps its text',
      'ad_original_nober',
      42,
      (a) => a.originalId,
      '42',
      [['ad_original_nober', 'wrong-type']],
    ],
    [
      'qrCodeUrl: https',
      'ad_wechat_qrcode',
      'https://x.example/q.png',
      (a) => a.qrCodeUrl,
      'https://x.example/q.png',
      [],
    ],
    [
      'qrCodeUrl: the placeholder',
      'ad_wechat_qrcode',
      '二维码',
      (a) => a.qrCodeUrl,
      null,
      [['ad_wechat_qrcode', 'unparseable']],
    ],
    ['qrCodeUrl: null', 'ad_wechat_qrcode', null, (a) => a.qrCodeUrl, null, []],
    ['kind: 0', 'ad_wechat_lei', 0, (a) => a.kind, 'wechat', []],
    ['kind: 1', 'ad_wechat_lei', 1, (a) => a.kind, 'official-account', []],
    ['kind: 2', 'ad_wechat_lei', 2, (a) => a.kind, 'mini-program', []],
    ['kind: 3', 'ad_wechat_lei', 3, (a) => a.kind, 'wecom', []],
    ['kind: "3"', 'ad_wechat_lei', '3', (a) => a.kind, 'wecom', []],
    ['kind: 4', 'ad_wechat_lei', 4, (a) => a.kind, 'unknown', [['ad_wechat_lei', 'unparseable']]],
    ['kind: -1', 'ad_wechat_lei', -1, (a) => a.kind, 'unknown', [['ad_wechat_lei', 'unparseable']]],
    ['kind: text', 'ad_wechat_lei', 'wecom', (a) => a.kind, 'unknown', [['ad_wechat_lei', 'unparseable']]],
    ['kind: null', 'ad_wechat_lei', null, (a) => a.kind, 'unknown', [['ad_wechat_lei', 'wrong-type']]],
    [
      'addedAt: +08:00',
      'ad_wechat_addtime',
      '2018-01-18T21:17:35.613849+08:00',
      (a) => a.addedAt,
      '2018-01-18T13:17:35.613Z',
      [],
    ],
    [
      'addedAt: Z',
      'ad_wechat_addtime',
      '2018-01-18T21:17:35Z',
      (a) => a.addedAt,
      '2018-01-18T21:17:35.000Z',
      [],
    ],
    [
      'addedAt: no offset',
      'ad_wechat_addtime',
      '2018-01-18T21:17:35',
      (a) => a.addedAt,
      '2018-01-18T13:17:35.000Z',
      [],
    ],
    [
      'addedAt: the placeholder',
      'ad_wechat_addtime',
      '添加时间',
      (a) => a.addedAt,
      null,
      [['ad_wechat_addtime', 'unparseable']],
    ],
    ['addedAt: null', 'ad_wechat_addtime', null, (a) => a.addedAt, null, []],
    ['addedAt: absent', 'ad_wechat_addtime', ABSENT, (a) => a.addedAt, null, []],
    ['friendCount: a number', 'ad_wechat_friend', 1709, (a) => a.friendCount, 1709, []],
    ['friendCount: a numeric string', 'ad_wechat_friend', '15', (a) => a.friendCount, 15, []],
    [
      'friendCount: text',
      'ad_wechat_friend',
      'abc',
      (a) => a.friendCount,
      0,
      [['ad_wechat_friend', 'unparseable']],
    ],
    [
      'friendCount: an object',
      'ad_wechat_friend',
      { n: 1 },
      (a) => a.friendCount,
      0,
      [['ad_wechat_friend', 'wrong-type']],
    ],
    [
      'friendCount: null',
      'ad_wechat_friend',
      null,
      (a) => a.friendCount,
      0,
      [['ad_wechat_friend', 'wrong-type']],
    ],
    ['groupCount: a numeric string', 'ad_wechat_group', '23', (a) => a.groupCount, 23, []],
    [
      'groupCount: a fraction',
      'ad_wechat_group',
      2.5,
      (a) => a.groupCount,
      0,
      [['ad_wechat_group', 'unparseable']],
    ],
    [
      'groupCount: null',
      'ad_wechat_group',
      null,
      (a) => a.groupCount,
      0,
      [['ad_wechat_group', 'wrong-type']],
    ],
    ['monitoring: true', 'ad_wechat_friends', true, (a) => a.authorizations.monitoring, true, []],
    ['monitoring: 1', 'ad_wechat_friends', 1, (a) => a.authorizations.monitoring, true, []],
    ['monitoring: 0', 'ad_wechat_friends', 0, (a) => a.authorizations.monitoring, false, []],
    [
      'monitoring: null',
      'ad_wechat_friends',
      null,
      (a) => a.authorizations.monitoring,
      false,
      [['ad_wechat_friends', 'wrong-type']],
    ],
    ['push: false', 'ad_wechat_push', false, (a) => a.authorizations.push, false, []],
    ['push: "1"', 'ad_wechat_push', '1', (a) => a.authorizations.push, true, []],
    [
      'push: 2',
      'ad_wechat_push',
      2,
      (a) => a.authorizations.push,
      false,
      [['ad_wechat_push', 'unparseable']],
    ],
    ['callRecords: 1', 'ad_wechat_record', 1, (a) => a.authorizations.callRecords, true, []],
    [
      'callRecords: text',
      'ad_wechat_record',
      'yes',
      (a) => a.authorizations.callRecords,
      false,
      [['ad_wechat_record', 'unparseable']],
    ],
    ['addFriendTasksEnabled: 1', 'is_receiveaddfriendtask', 1, (a) => a.addFriendTasksEnabled, true, []],
    ['addFriendTasksEnabled: 0', 'is_receiveaddfriendtask', 0, (a) => a.addFriendTasksEnabled, false, []],
    [
      'addFriendTasksEnabled: true',
      'is_receiveaddfriendtask',
      true,
      (a) => a.addFriendTasksEnabled,
      true,
      [],
    ],
    ['addFriendTasksEnabled: "0"', 'is_receiveaddfriendtask', '0', (a) => a.addFriendTasksEnabled, false, []],
    [
      'addFriendTasksEnabled: null is false',
      'is_receiveaddfriendtask',
      null,
      (a) => a.addFriendTasksEnabled,
      false,
      [['is_receiveaddfriendtask', 'wrong-type']],
    ],
    ['notify.exceptionStaffCode', 'ad_receive_code', 'b01', (a) => a.notify.exceptionStaffCode, 'b01', []],
    ['notify.keywordStaffCode: empty is null', 'ad_key_code', '', (a) => a.notify.keywordStaffCode, null, []],
    [
      'notify.friendRequestStaffCode: null',
      'ad_chatroom_code',
      null,
      (a) => a.notify.friendRequestStaffCode,
      null,
      [],
    ],
    [
      'notify.exceptionStaffCode: a number keeps its text',
      'ad_receive_code',
      101,
      (a) => a.notify.exceptionStaffCode,
      '101',
      [['ad_receive_code', 'wrong-type']],
    ],
    [
      'notify.keywordStaffCode: a number keeps its text',
      'ad_key_code',
      102,
      (a) => a.notify.keywordStaffCode,
      '102',
      [['ad_key_code', 'wrong-type']],
    ],
    [
      'notify.friendRequestStaffCode: a number keeps its text',
      'ad_chatroom_code',
      103,
      (a) => a.notify.friendRequestStaffCode,
      '103',
      [['ad_chatroom_code', 'wrong-type']],
    ],
    ['deviceImei', 'imei', '862012345678901', (a) => a.deviceImei, '862012345678901', []],
    [
      'deviceImei: a number keeps its text',
      'imei',
      862012345678901,
      (a) => a.deviceImei,
      '862012345678901',
      [['imei', 'wrong-type']],
    ],
  ])('%s', (_what, field, value, select, expected, drift) => {
    const { account, drift: actual } = map(field, value);
    expect(account).not.toBeNull();
    expect(select(account as OperatorAccount)).toEqual(expected);
    expect(actual).toEqual(drift);
  });

  it.each([
    ['text', 'abc', 'unparseable'],
    ['a fraction', 1.5, 'unparseable'],
    ['null', null, 'wrong-type'],
    ['absent', ABSENT, 'wrong-type'],
    ['an object', {}, 'wrong-type'],
  ])('a record whose id is %s is unusable', (_what, value, kind) => {
    expect(map('ad_wechat_id', value)).toEqual({ account: null, drift: [['ad_wechat_id', kind]] });
  });

  it.each(DEPRECATED_FIELDS.operatorAccounts.map((field) => [field]))(
    'deprecated %s is dropped silently',
    (field) => {
      const { account, drift } = map(field, 'anything');
      expect(drift).toEqual([]);
      expect(JSON.stringify(account)).not.toContain(field);
    },
  );

  it('an unknown field is dropped and recorded', () => {
    const recorder = recordDrift();
    const account = mapOperatorAccount({ ...CLEAN, ad_wechat_vip: 'gold' }, recorder.sink);
    expect(Object.keys(account ?? {})).not.toContain('ad_wechat_vip');
    expect(recorder.records).toEqual([
      { endpoint: 'WeCaht', field: 'ad_wechat_vip', kind: 'unknown-field', sample: 'gold' },
    ]);
  });
});

describe('mapOperatorAccounts', () => {
  it.each([
    ['null', null, []],
    ['absent', undefined, []],
    ['an empty list', [], []],
  ])('%s values is an empty list without drift', (_what, values, expected) => {
    const recorder = recordDrift();
    expect(mapOperatorAccounts(values, recorder.sink)).toEqual(expected);
    expect(recorder.records).toEqual([]);
  });

  it('values that are not a list are recorded', () => {
    const recorder = recordDrift();
    expect(mapOperatorAccounts({ ad_wechat_id: 1 }, recorder.sink)).toEqual([]);
    expect(recorder.pairs()).toEqual([['values', 'wrong-type']]);
  });

  it('keeps the usable records in the vendor order and records the others', () => {
    const recorder = recordDrift();
    const accounts = mapOperatorAccounts(
      [
        { ...CLEAN, ad_wechat_id: 2 },
        'junk',
        null,
        { ...CLEAN, ad_wechat_id: 'x' },
        { ...CLEAN, ad_wechat_id: 1 },
      ],
      recorder.sink,
    );
    expect(accounts.map((a) => a.id)).toEqual([2, 1]);
    expect(recorder.pairs()).toEqual([
      ['values[]', 'wrong-type'],
      ['values[]', 'wrong-type'],
      ['ad_wechat_id', 'unparseable'],
    ]);
  });

  it('a record with a throwing getter is recorded, not thrown', () => {
    const hostile = Object.defineProperty({ ...CLEAN }, 'ad_wechat_nickname', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const recorder = recordDrift();
    expect(mapOperatorAccounts([hostile, CLEAN], recorder.sink).map((a) => a.id)).toEqual([135389]);
    expect(recorder.pairs()).toEqual([['values[]', 'wrong-type']]);
  });

  it('a failing sink does not stop the mapping', () => {
    const accounts = mapOperatorAccounts(SEED_OPERATOR_ACCOUNTS_RESPONSE.values, () => {
      throw new Error('sink down');
    });
    expect(accounts).toHaveLength(1);
  });
});
