import type { AdGroup } from '@youmi-facade/domain';
import { ABSENT, recordDrift, withField } from '../../test/drift.recorder';
import { SEED_AD_GROUPS_RESPONSE } from '../../test/seed-records';
import { mapAdGroup, mapAdGroups } from './ad-group.mapper';

const SEED = SEED_AD_GROUPS_RESPONSE.values[0];
const QR_DONG = 'http://7nimg.agsoft.net/wxid_w4ebc6txje6622mmqrcode1568877590436.png';
const QR_MIOZ = 'http://7nimg.agsoft.net/wxid_9g3nmp3wywf622mmqrcode1568711034785.png';

function map(field: string, value: unknown, base: object = SEED) {
  const recorder = recordDrift();
  const group = mapAdGroup(withField(base, field, value), recorder.sink);
  return { group, drift: recorder.pairs() };
}

type Row = [string, string, unknown, (g: AdGroup) => unknown, unknown, [string, string][]];

describe('mapAdGroup field rules', () => {
  it.each<Row>([
    ['id: a numeric string', 'ad_brand_id', '155', (g) => g.id, 155, []],
    ['name', 'ad_brand_name', '景田百岁山广告', (g) => g.name, '景田百岁山广告', []],
    ['name: null is empty text', 'ad_brand_name', null, (g) => g.name, '', [['ad_brand_name', 'wrong-type']]],
    ['code: null is empty text', 'ad_brand_code', null, (g) => g.code, '', [['ad_brand_code', 'wrong-type']]],
    [
      'code: a number keeps its text',
      'ad_brand_code',
      21,
      (g) => g.code,
      '21',
      [['ad_brand_code', 'wrong-type']],
    ],
    ['merchantId: null', 'merchantid', null, (g) => g.merchantId, null, []],
    [
      'merchantId: a number keeps its text',
      'merchantid',
      640462692,
      (g) => g.merchantId,
      '640462692',
      [['merchantid', 'wrong-type']],
    ],
    [
      'operatorAccountIds: the seed',
      'ad_brand_welist',
      '["3516", "3521"]',
      (g) => g.operatorAccountIds,
      [3516, 3521],
      [],
    ],
    [
      'operatorAccountIds: numbers',
      'ad_brand_welist',
      '[3516,3521]',
      (g) => g.operatorAccountIds,
      [3516, 3521],
      [],
    ],
    ['operatorAccountIds: -0 is 0', 'ad_brand_welist', '[-0]', (g) => g.operatorAccountIds, [0], []],
    ['operatorAccountIds: empty array', 'ad_brand_welist', '[]', (g) => g.operatorAccountIds, [], []],
    ['operatorAccountIds: null', 'ad_brand_welist', null, (g) => g.operatorAccountIds, [], []],
    ['operatorAccountIds: empty text', 'ad_brand_welist', '', (g) => g.operatorAccountIds, [], []],
    [
      'operatorAccountIds: malformed',
      'ad_brand_welist',
      '["3516", ',
      (g) => g.operatorAccountIds,
      [],
      [['ad_brand_welist', 'malformed-json']],
    ],
    [
      'operatorAccountIds: an object',
      'ad_brand_welist',
      '{"3516":1}',
      (g) => g.operatorAccountIds,
      [],
      [['ad_brand_welist', 'wrong-type']],
    ],
    [
      'operatorAccountIds: a repeat is dropped',
      'ad_brand_welist',
      '["3516","3516"]',
      (g) => g.operatorAccountIds,
      [3516],
      [],
    ],
    [
      'operatorAccountIds: bad items are skipped',
      'ad_brand_welist',
      '["3516","x",null,1.5]',
      (g) => g.operatorAccountIds,
      [3516],
      [
        ['ad_brand_welist[]', 'unparseable'],
        ['ad_brand_welist[]', 'wrong-type'],
        ['ad_brand_welist[]', 'unparseable'],
      ],
    ],
    [
      'operatorAccountIds: an array instead of text',
      'ad_brand_welist',
      ['3516'],
      (g) => g.operatorAccountIds,
      [3516],
      [['ad_brand_welist', 'wrong-type']],
    ],
    [
      'region: the seed',
      'ad_brand_region_code',
      '360800',
      (g) => g.region,
      { code: '360800', province: '江西省', city: '吉安市', district: null },
      [],
    ],
    [
      'region: a province',
      'ad_brand_region_code',
      '360000',
      (g) => g.region,
      { code: '360000', province: '江西省', city: null, district: null },
      [],
    ],
    [
      'region: unknown',
      'ad_brand_region_code',
      '999999',
      (g) => g.region,
      { code: '999999', province: null, city: null, district: null },
      [['ad_brand_region_code', 'unparseable']],
    ],
    ['region: null', 'ad_brand_region_code', null, (g) => g.region, null, []],
    ['region: empty', 'ad_brand_region_code', '', (g) => g.region, null, []],
  ])('%s', (_what, field, value, select, expected, drift) => {
    const { group, drift: actual } = map(field, value);
    expect(group).not.toBeNull();
    expect(select(group as AdGroup)).toEqual(expected);
    expect(actual).toEqual(drift);
  });

  it.each([
    ['text', 'abc', 'unparseable'],
    ['null', null, 'wrong-type'],
    ['absent', ABSENT, 'wrong-type'],
  ])('a record whose id is %s is unusable', (_what, value, kind) => {
    expect(map('ad_brand_id', value)).toEqual({ group: null, drift: [['ad_brand_id', kind]] });
  });
});

describe('mapAdGroup accounts (wechats + ad_wechat_nick)', () => {
  const wechats = (...items: unknown[]) => JSON.stringify(items);

  it.each<[string, unknown, unknown, AdGroup['accounts'], [string, string][]]>([
    [
      'the seed',
      SEED.wechats,
      SEED.ad_wechat_nick,
      [
        { deviceNo: 'P05', wechatId: 'dong23287', qrCodeUrl: QR_DONG },
        { deviceNo: 'P04', wechatId: 'mioz888', qrCodeUrl: QR_MIOZ },
      ],
      [],
    ],
    [
      'no device number for an account: null',
      SEED.wechats,
      'P05(dong23287)',
      [
        { deviceNo: 'P05', wechatId: 'dong23287', qrCodeUrl: QR_DONG },
        { deviceNo: null, wechatId: 'mioz888', qrCodeUrl: QR_MIOZ },
      ],
      [],
    ],
    [
      'no ad_wechat_nick at all',
      SEED.wechats,
      null,
      [
        { deviceNo: null, wechatId: 'dong23287', qrCodeUrl: QR_DONG },
        { deviceNo: null, wechatId: 'mioz888', qrCodeUrl: QR_MIOZ },
      ],
      [],
    ],
    ['both null (the second seed record)', null, null, [], []],
    [
      'an account only ad_wechat_nick names is kept, without QR code',
      null,
      'P05(dong23287)',
      [{ deviceNo: 'P05', wechatId: 'dong23287', qrCodeUrl: null }],
      [],
    ],
    [
      'a QR placeholder',
      wechats({ ad_wechat_nober: 'a', ad_wechat_qrcode: '二维码' }),
      'P01(a)',
      [{ deviceNo: 'P01', wechatId: 'a', qrCodeUrl: null }],
      [['wechats[].ad_wechat_qrcode', 'unparseable']],
    ],
    [
      'a repeated account',
      wechats(
        { ad_wechat_nober: 'a', ad_wechat_qrcode: null },
        { ad_wechat_nober: 'a', ad_wechat_qrcode: QR_DONG },
      ),
      null,
      [{ deviceNo: null, wechatId: 'a', qrCodeUrl: null }],
      [],
    ],
    [
      'an item without wechat id is skipped',
      wechats({ ad_wechat_qrcode: QR_DONG }, 'x'),
      null,
      [],
      [
        ['wechats[].ad_wechat_nober', 'wrong-type'],
        ['wechats[]', 'wrong-type'],
      ],
    ],
    [
      'an unknown key inside an item',
      wechats({ ad_wechat_nober: 'a', ad_wechat_qrcode: null, ad_wechat_nick: 'P1' }),
      null,
      [{ deviceNo: null, wechatId: 'a', qrCodeUrl: null }],
      [['wechats[].ad_wechat_nick', 'unknown-field']],
    ],
    [
      'an item with an empty wechat id is skipped',
      wechats({ ad_wechat_nober: '', ad_wechat_qrcode: QR_DONG }),
      null,
      [],
      [['wechats[].ad_wechat_nober', 'unparseable']],
    ],
    ['malformed wechats', '[{"ad_wechat_nober": ', null, [], [['wechats', 'malformed-json']]],
    [
      'the first device number of a repeated ad_wechat_nick account wins',
      null,
      'P01(a),P02(a)',
      [{ deviceNo: 'P01', wechatId: 'a', qrCodeUrl: null }],
      [],
    ],
    ['ad_wechat_nick that is not text', null, { P01: 'a' }, [], [['ad_wechat_nick', 'wrong-type']]],
    [
      'an unreadable ad_wechat_nick item',
      null,
      'P05(dong23287),???',
      [{ deviceNo: 'P05', wechatId: 'dong23287', qrCodeUrl: null }],
      [['ad_wechat_nick', 'unparseable']],
    ],
  ])('%s', (_what, wechatsValue, nick, accounts, drift) => {
    const recorder = recordDrift();
    const group = mapAdGroup({ ...SEED, wechats: wechatsValue, ad_wechat_nick: nick }, recorder.sink);
    expect(group?.accounts).toEqual(accounts);
    expect(recorder.pairs()).toEqual(drift);
  });
});

describe('mapAdGroups', () => {
  it('records unknown fields and keeps the vendor order', () => {
    const recorder = recordDrift();
    const groups = mapAdGroups(
      [{ ...SEED, ad_brand_state: 1 }, SEED_AD_GROUPS_RESPONSE.values[1]],
      recorder.sink,
    );
    expect(groups.map((g) => g.id)).toEqual([155, 151]);
    expect(recorder.records).toEqual([
      { endpoint: 'AdManage', field: 'ad_brand_state', kind: 'unknown-field', sample: '1' },
    ]);
  });
});
