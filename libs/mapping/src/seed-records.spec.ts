import type { DriftRecord, DriftSink } from '@youmi-facade/domain';
import {
  buildResource,
  mapAdGroup,
  mapCustomAttribute,
  mapLabel,
  mapLabelCategory,
  mapOperatorAccount,
  mapStaff,
  mapStaffAssignment,
  mapStaffOperatorAccount,
} from './index';
import { recordDrift } from '../test/drift.recorder';
import {
  SEED_AD_GROUPS_RESPONSE,
  SEED_CUSTOM_ATTRIBUTES_RESPONSE,
  SEED_LABEL_CATEGORIES_RESPONSE,
  SEED_LABELS_RESPONSE,
  SEED_OPERATOR_ACCOUNTS_RESPONSE,
  SEED_STAFF_RESPONSE,
  SEED_STAFF_WECHAT_RESPONSE,
} from '../test/seed-records';

/** The label builders over raw vendor values, each answer mapped as the resources map it. */
const categoriesOf = (categories: unknown, labels: unknown, sink: DriftSink) =>
  buildResource('label-categories', [categories, labels], sink);
const treeOf = (categories: unknown, labels: unknown, sink: DriftSink) =>
  buildResource('label-tree', [categories, labels], sink);

const QR_3547 =
  'http://img-1259062805.cos.ap-chengdu.myqcloud.com/640462692/other/wxid_2yfwlz5fu21922mmqrcode1632752533600.png';
const label = (id: number, name: string, categoryId: number, createdAt: string) => ({
  id,
  name,
  categoryId,
  createdAt,
  merchantId: null,
});
const attribute = (id: number, name: string, type: string, maxLength: number | null, createdAt: string) => ({
  id,
  name,
  type,
  required: false,
  maxLength,
  sort: 1,
  merchantId: null,
  createdAt,
  options: [] as { label: string; value: string }[],
  dateFormat: null as string | null,
});

/** Every record of the vendor's documentation, what it becomes, and the drift it causes. */
const CASES: [
  string,
  (raw: unknown, sink: (r: DriftRecord) => void) => unknown,
  unknown,
  unknown,
  Omit<DriftRecord, 'endpoint'>[],
][] = [
  [
    'WeCaht #1',
    mapOperatorAccount,
    SEED_OPERATOR_ACCOUNTS_RESPONSE.values[0],
    {
      id: 135389,
      wechatId: '微信号',
      deviceNo: '昵称',
      nickname: '刘潇',
      originalId: '原始微信号',
      qrCodeUrl: null,
      kind: 'wechat',
      addedAt: null,
      friendCount: 1709,
      groupCount: 23,
      authorizations: { monitoring: true, push: true, callRecords: false },
      addFriendTasksEnabled: true,
      notify: { exceptionStaffCode: null, keywordStaffCode: null, friendRequestStaffCode: null },
      deviceImei: null,
    },
    [
      { field: 'ad_wechat_qrcode', kind: 'unparseable', sample: '二维码' },
      { field: 'ad_wechat_addtime', kind: 'unparseable', sample: '添加时间' },
    ],
  ],
  [
    'staff #1',
    mapStaff,
    SEED_STAFF_RESPONSE.values[0],
    { code: 'b01', name: 'b01', status: 'disabled', linkedOrderUsername: 'b08' },
    [],
  ],
  [
    'Label #1',
    mapLabelCategory,
    SEED_LABEL_CATEGORIES_RESPONSE.values[0],
    { id: 263, name: 'A.客户级别', selection: 'single' },
    [],
  ],
  [
    'wecahtlabel #1',
    mapLabel,
    SEED_LABELS_RESPONSE.values[0],
    label(1158, '测试超长标签添加测试超长标签添加测试超长标签添加', 189, '2018-01-18T13:17:35.613Z'),
    [],
  ],
  [
    'wecahtlabel #2',
    mapLabel,
    SEED_LABELS_RESPONSE.values[1],
    label(1072, '潜在', 189, '2018-01-05T03:53:23.580Z'),
    [],
  ],
  [
    'wecahtlabel #3',
    mapLabel,
    SEED_LABELS_RESPONSE.values[2],
    label(1071, '成交', 189, '2018-01-05T03:53:10.641Z'),
    [],
  ],
  [
    'wecahtlabel #4',
    mapLabel,
    SEED_LABELS_RESPONSE.values[3],
    label(991, '零售', 1, '2017-12-08T02:43:22.802Z'),
    [],
  ],
  [
    'wecahtlabel #5',
    mapLabel,
    SEED_LABELS_RESPONSE.values[4],
    label(976, '炒股', 1, '2017-12-07T02:24:22.527Z'),
    [],
  ],
  [
    'AdManage #1',
    mapAdGroup,
    SEED_AD_GROUPS_RESPONSE.values[0],
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
    [],
  ],
  [
    'AdManage #2',
    mapAdGroup,
    SEED_AD_GROUPS_RESPONSE.values[1],
    {
      id: 151,
      name: '景田百岁山广告',
      code: '001',
      merchantId: '640462692',
      operatorAccountIds: [],
      accounts: [],
      region: { code: '440100', province: '广东省', city: '广州市', district: null },
    },
    [],
  ],
  [
    'friend/GetCustomAttributeList #1',
    mapCustomAttribute,
    SEED_CUSTOM_ATTRIBUTES_RESPONSE.values[0],
    attribute(15, '住址', 'text', 20, '2019-08-09T07:42:30.946Z'),
    [],
  ],
  [
    'friend/GetCustomAttributeList #2',
    mapCustomAttribute,
    SEED_CUSTOM_ATTRIBUTES_RESPONSE.values[1],
    {
      ...attribute(14, '爱好', 'multi-select', null, '2019-07-26T02:18:08.189Z'),
      options: [
        { label: '足球', value: '1' },
        { label: '篮球', value: '2' },
        { label: '游泳', value: '3' },
      ],
    },
    [],
  ],
  [
    'friend/GetCustomAttributeList #3',
    mapCustomAttribute,
    SEED_CUSTOM_ATTRIBUTES_RESPONSE.values[2],
    { ...attribute(13, '结婚纪念日', 'date', null, '2019-07-26T02:16:12.899Z'), dateFormat: 'YYYY-MM-DD' },
    [],
  ],
  [
    'friend/GetCustomAttributeList #4',
    mapCustomAttribute,
    SEED_CUSTOM_ATTRIBUTES_RESPONSE.values[3],
    attribute(12, '专业', 'text', 50, '2019-07-26T02:15:48.139Z'),
    [],
  ],
  [
    'staff/GetStaffWechat #1 (one staff member)',
    mapStaffOperatorAccount,
    SEED_STAFF_WECHAT_RESPONSE.values[0],
    {
      id: 3547,
      wechatId: 'zznn72537',
      deviceNo: 'P03',
      nickname: '秀逗吖Q.',
      qrCodeUrl: QR_3547,
      originalId: 'wxid_2yfwlz5fu21922',
    },
    [],
  ],
  [
    'staff/GetStaffWechat #1 (all assignments)',
    mapStaffAssignment,
    SEED_STAFF_WECHAT_RESPONSE.values[0],
    {
      staffCode: 'b03',
      account: {
        id: 3547,
        wechatId: 'zznn72537',
        deviceNo: 'P03',
        nickname: '秀逗吖Q.',
        qrCodeUrl: QR_3547,
        originalId: 'wxid_2yfwlz5fu21922',
      },
    },
    [],
  ],
];

describe('every seed record of the vendor documentation', () => {
  it.each(CASES)('%s', (name, map, raw, expected, drift) => {
    const recorder = recordDrift();
    expect(map(raw, recorder.sink)).toEqual(expected);
    const endpoint = name.slice(0, name.indexOf(' #'));
    expect(recorder.records).toEqual(drift.map((d) => ({ endpoint, ...d })));
  });

  it('covers every seed record', () => {
    const seedCount = [
      SEED_OPERATOR_ACCOUNTS_RESPONSE,
      SEED_STAFF_RESPONSE,
      SEED_LABEL_CATEGORIES_RESPONSE,
      SEED_LABELS_RESPONSE,
      SEED_AD_GROUPS_RESPONSE,
      SEED_CUSTOM_ATTRIBUTES_RESPONSE,
      SEED_STAFF_WECHAT_RESPONSE,
    ].reduce((n, response) => n + response.values.length, 0);
    expect(new Set(CASES.map(([, , raw]) => raw)).size).toBe(seedCount);
  });
});

describe('the seed label endpoints together', () => {
  it('categories: /Label plus those only the label rows mention, by id', () => {
    const recorder = recordDrift();
    expect(
      categoriesOf(SEED_LABEL_CATEGORIES_RESPONSE.values, SEED_LABELS_RESPONSE.values, recorder.sink),
    ).toEqual([
      { id: 1, name: '职务', selection: 'single' },
      { id: 189, name: '客户意向', selection: 'single' },
      { id: 263, name: 'A.客户级别', selection: 'single' },
    ]);
    expect(recorder.records).toEqual([]);
  });

  it('the label tree', () => {
    const recorder = recordDrift();
    expect(treeOf(SEED_LABEL_CATEGORIES_RESPONSE.values, SEED_LABELS_RESPONSE.values, recorder.sink)).toEqual(
      [
        {
          id: 1,
          name: '职务',
          selection: 'single',
          labels: [
            { id: 976, name: '炒股', createdAt: '2017-12-07T02:24:22.527Z', merchantId: null },
            { id: 991, name: '零售', createdAt: '2017-12-08T02:43:22.802Z', merchantId: null },
          ],
        },
        {
          id: 189,
          name: '客户意向',
          selection: 'single',
          labels: [
            { id: 1071, name: '成交', createdAt: '2018-01-05T03:53:10.641Z', merchantId: null },
            { id: 1072, name: '潜在', createdAt: '2018-01-05T03:53:23.580Z', merchantId: null },
            {
              id: 1158,
              name: '测试超长标签添加测试超长标签添加测试超长标签添加',
              createdAt: '2018-01-18T13:17:35.613Z',
              merchantId: null,
            },
          ],
        },
        { id: 263, name: 'A.客户级别', selection: 'single', labels: [] },
      ],
    );
    expect(recorder.records).toEqual([]);
  });
});
