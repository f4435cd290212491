import type {
  WireAdGroup,
  WireCustomAttribute,
  WireLabel,
  WireLabelCategory,
  WireOperatorAccount,
  WireStaff,
  WireStaffWechat,
} from '@youmi-facade/vendor-client/wire';
import type { SimDataset } from './sim-dataset';

// Every record marked "seed" is copied verbatim from the vendor's API documentation, placeholders, deprecated
// fields and field order included: they are the only ground truth about the vendor there is. Records
// marked "added" make the seed consistent (see the README) and never replace a seed record.

/** 运营号配置 — seed record 135389, then the accounts the seed's other answers refer to. */
export const SEED_OPERATOR_ACCOUNTS: readonly WireOperatorAccount[] = [
  // seed
  {
    ad_wechat_id: 135389,
    ad_wechat_nober: '微信号',
    ad_wechat_nick: '昵称',
    ad_wechat_qrcode: '二维码',
    ad_wechat_addtime: '添加时间',
    ad_original_nober: '原始微信号',
    ad_wechat_usercode: null,
    ad_wechat_viewnum: 0,
    ad_wechat_vnumday: 0,
    ad_wechat_vnumlday: 0,
    ad_wechat_rfriend: 0,
    ad_wechat_friend: 1709,
    ad_wechat_group: 23,
    ad_wechat_weight: 0,
    ad_wechat_friends: true,
    ad_wechat_chat: true,
    ad_state: null,
    ad_wechat_nickname: '刘潇',
    ad_wechat_initiative: false,
    ad_wechat_passive: false,
    ad_wechat_y3: true,
    ad_receive_code: null,
    ad_key_code: null,
    ad_chatroom_code: null,
    ad_wechat_push: true,
    ad_wechat_new: 1705,
    is_receiveaddfriendtask: 1,
    ad_wechat_lei: 0,
    ad_wechat_record: false,
    imei: null,
  },
  // added: ad group 155 lists 3516 (dong23287, P05) and 3521 (mioz888, P04)
  {
    ad_wechat_id: 3516,
    ad_wechat_nober: 'dong23287',
    ad_wechat_nick: 'P05',
    ad_wechat_qrcode: 'http://7nimg.agsoft.net/wxid_w4ebc6txje6622mmqrcode1568877590436.png',
    ad_wechat_addtime: '2019-09-19T15:19:50.4366012+08:00',
    ad_original_nober: 'wxid_w4ebc6txje6622',
    ad_wechat_usercode: null,
    ad_wechat_viewnum: 0,
    ad_wechat_vnumday: 0,
    ad_wechat_vnumlday: 0,
    ad_wechat_rfriend: 0,
    ad_wechat_friend: 2318,
    ad_wechat_group: 12,
    ad_wechat_weight: 0,
    ad_wechat_friends: true,
    ad_wechat_chat: true,
    ad_state: null,
    ad_wechat_nickname: '董小姐',
    ad_wechat_initiative: false,
    ad_wechat_passive: false,
    ad_wechat_y3: true,
    ad_receive_code: 'b01',
    ad_key_code: null,
    ad_chatroom_code: 'b01',
    ad_wechat_push: true,
    ad_wechat_new: 0,
    is_receiveaddfriendtask: 1,
    ad_wechat_lei: 0,
    ad_wechat_record: false,
    imei: '867530041234567',
  },
  {
    ad_wechat_id: 3521,
    ad_wechat_nober: 'mioz888',
    ad_wechat_nick: 'P04',
    ad_wechat_qrcode: 'http://7nimg.agsoft.net/wxid_9g3nmp3wywf622mmqrcode1568711034785.png',
    ad_wechat_addtime: '2019-09-17T17:03:54.785+08:00',
    ad_original_nober: 'wxid_9g3nmp3wywf622',
    ad_wechat_usercode: null,
    ad_wechat_viewnum: 0,
    ad_wechat_vnumday: 0,
    ad_wechat_vnumlday: 0,
    ad_wechat_rfriend: 0,
    ad_wechat_friend: 946,
    ad_wechat_group: 4,
    ad_wechat_weight: 0,
    ad_wechat_friends: false,
    ad_wechat_chat: true,
    ad_state: null,
    ad_wechat_nickname: 'Mio🌙',
    ad_wechat_initiative: false,
    ad_wechat_passive: false,
    ad_wechat_y3: false,
    ad_receive_code: null,
    ad_key_code: 'b01',
    ad_chatroom_code: null,
    ad_wechat_push: false,
    ad_wechat_new: 3,
    is_receiveaddfriendtask: 0,
    ad_wechat_lei: 0,
    ad_wechat_record: true,
    imei: null,
  },
  // added: the account of staff b03 in the seed's GetStaffWechat answer
  {
    ad_wechat_id: 3547,
    ad_wechat_nober: 'zznn72537',
    ad_wechat_nick: 'P03',
    ad_wechat_qrcode:
      'http://img-1259062805.cos.ap-chengdu.myqcloud.com/640462692/other/wxid_2yfwlz5fu21922mmqrcode1632752533600.png',
    ad_wechat_addtime: '2021-09-27T22:22:13.6+08:00',
    ad_original_nober: 'wxid_2yfwlz5fu21922',
    ad_wechat_usercode: null,
    ad_wechat_viewnum: 0,
    ad_wechat_vnumday: 0,
    ad_wechat_vnumlday: 0,
    ad_wechat_rfriend: 0,
    ad_wechat_friend: 587,
    ad_wechat_group: 9,
    ad_wechat_weight: 0,
    ad_wechat_friends: true,
    ad_wechat_chat: true,
    ad_state: null,
    ad_wechat_nickname: '秀逗吖Q.',
    ad_wechat_initiative: false,
    ad_wechat_passive: false,
    ad_wechat_y3: true,
    ad_receive_code: 'b03',
    ad_key_code: 'b03',
    ad_chatroom_code: 'b03',
    ad_wechat_push: true,
    ad_wechat_new: 12,
    is_receiveaddfriendtask: 1,
    ad_wechat_lei: 0,
    ad_wechat_record: true,
    imei: '861234058765432',
  },
  // added: one WeCom (企微) account, answered only for ad_wechat_lei=3
  {
    ad_wechat_id: 3602,
    ad_wechat_nober: 'LiuJing',
    ad_wechat_nick: 'P06',
    ad_wechat_qrcode: 'https://wework.qpic.cn/wwpic/385720_kLr9vXnBQ2mYc3Tf_1640589493/0',
    ad_wechat_addtime: '2021-12-27T15:18:13.1647541+08:00',
    ad_original_nober: '1688853826715432',
    ad_wechat_usercode: null,
    ad_wechat_viewnum: 0,
    ad_wechat_vnumday: 0,
    ad_wechat_vnumlday: 0,
    ad_wechat_rfriend: 0,
    ad_wechat_friend: 312,
    ad_wechat_group: 2,
    ad_wechat_weight: 0,
    ad_wechat_friends: true,
    ad_wechat_chat: false,
    ad_state: null,
    ad_wechat_nickname: '刘静@友米',
    ad_wechat_initiative: false,
    ad_wechat_passive: false,
    ad_wechat_y3: false,
    ad_receive_code: null,
    ad_key_code: null,
    ad_chatroom_code: null,
    ad_wechat_push: true,
    ad_wechat_new: 0,
    is_receiveaddfriendtask: 0,
    ad_wechat_lei: 3,
    ad_wechat_record: false,
    imei: null,
  },
];

/** 员工配置 — seed b01, then b03 whom the seed's GetStaffWechat answer names. */
export const SEED_STAFF: readonly WireStaff[] = [
  // seed
  {
    ad_staff_code: 'b01',
    ad_staff_name: 'b01',
    ad_staff_state: 1,
    ad_self_user: 'b08',
  },
  // added: state as a numeric string and an empty ad_self_user, both seen from the vendor
  {
    ad_staff_code: 'b03',
    ad_staff_name: '王秀娟',
    ad_staff_state: '0',
    ad_self_user: '',
  },
];

/** 员工管理运营机 — seed record of b03, then b01's two accounts. */
export const SEED_STAFF_WECHAT: readonly WireStaffWechat[] = [
  // seed
  {
    ad_staff_code: 'b03',
    ad_wechat_id: 3547,
    ad_wechat_nober: 'zznn72537',
    ad_wechat_nick: 'P03',
    ad_wechat_nickname: '秀逗吖Q.',
    ad_wechat_qrcode:
      'http://img-1259062805.cos.ap-chengdu.myqcloud.com/640462692/other/wxid_2yfwlz5fu21922mmqrcode1632752533600.png',
    ad_original_nober: 'wxid_2yfwlz5fu21922',
  },
  // added
  {
    ad_staff_code: 'b01',
    ad_wechat_id: 3516,
    ad_wechat_nober: 'dong23287',
    ad_wechat_nick: 'P05',
    ad_wechat_nickname: '董小姐',
    ad_wechat_qrcode: 'http://7nimg.agsoft.net/wxid_w4ebc6txje6622mmqrcode1568877590436.png',
    ad_original_nober: 'wxid_w4ebc6txje6622',
  },
  {
    ad_staff_code: 'b01',
    ad_wechat_id: 3521,
    ad_wechat_nober: 'mioz888',
    ad_wechat_nick: 'P04',
    ad_wechat_nickname: 'Mio🌙',
    ad_wechat_qrcode: 'http://7nimg.agsoft.net/wxid_9g3nmp3wywf622mmqrcode1568711034785.png',
    ad_original_nober: 'wxid_9g3nmp3wywf622',
  },
];

/** 标签分类 — seed only: categories 189 and 1 exist only in label rows, on purpose. */
export const SEED_LABEL_CATEGORIES: readonly WireLabelCategory[] = [
  // seed
  {
    ad_label_id: 263,
    ad_label_name: 'A.客户级别',
    ad_choose: 0,
  },
];

/** 标签配置 — seed only. */
export const SEED_LABELS: readonly WireLabel[] = [
  // seed
  {
    ad_label_info_id: 1158,
    ad_label_info_name: '测试超长标签添加测试超长标签添加测试超长标签添加',
    ad_label_id: 189,
    ad_label_time: '2018-01-18T21:17:35.613849+08:00',
    merchant_id: null,
    ad_label_name: '客户意向',
    ad_choose: 0,
  },
  {
    ad_label_info_id: 1072,
    ad_label_info_name: '潜在',
    ad_label_id: 189,
    ad_label_time: '2018-01-05T11:53:23.580502+08:00',
    merchant_id: null,
    ad_label_name: '客户意向',
    ad_choose: 0,
  },
  {
    ad_label_info_id: 1071,
    ad_label_info_name: '成交',
    ad_label_id: 189,
    ad_label_time: '2018-01-05T11:53:10.641563+08:00',
    merchant_id: null,
    ad_label_name: '客户意向',
    ad_choose: 0,
  },
  {
    ad_label_info_id: 991,
    ad_label_info_name: '零售',
    ad_label_id: 1,
    ad_label_time: '2017-12-08T10:43:22.802228+08:00',
    merchant_id: null,
    ad_label_name: '职务',
    ad_choose: 0,
  },
  {
    ad_label_info_id: 976,
    ad_label_info_name: '炒股',
    ad_label_id: 1,
    ad_label_time: '2017-12-07T10:24:22.527081+08:00',
    merchant_id: null,
    ad_label_name: '职务',
    ad_choose: 0,
  },
];

/** 投放组配置 — seed only; 3516 and 3521 are added to WeCaht above. */
export const SEED_AD_GROUPS: readonly WireAdGroup[] = [
  // seed
  {
    ad_brand_id: 155,
    ad_brand_name: '12',
    ad_brand_code: '21',
    ad_brand_welist: '["3516", "3521"]',
    merchantid: '640462692',
    ad_wechat_nick: 'P05(dong23287),P04(mioz888)',
    wechats:
      '[{"ad_wechat_nober" : "dong23287", "ad_wechat_qrcode" : "http://7nimg.agsoft.net/wxid_w4ebc6txje6622mmqrcode1568877590436.png"}, {"ad_wechat_nober" : "mioz888", "ad_wechat_qrcode" : "http://7nimg.agsoft.net/wxid_9g3nmp3wywf622mmqrcode1568711034785.png"}]',
    ad_brand_region_code: '360800',
  },
  {
    ad_brand_id: 151,
    ad_brand_name: '景田百岁山广告',
    ad_brand_code: '001',
    ad_brand_welist: '[]',
    merchantid: '640462692',
    ad_wechat_nick: null,
    wechats: null,
    ad_brand_region_code: '440100',
  },
];

/** 好友自定义属性配置 — seed only. */
export const SEED_CUSTOM_ATTRIBUTES: readonly WireCustomAttribute[] = [
  // seed
  {
    id: '15',
    sort: 1,
    merchantId: null,
    customName: '住址',
    customType: 1,
    customLength: 20,
    customIsred: false,
    customAddtime: '2019-08-09T15:42:30.946993+08:00',
    customAddtimeStr: '2019-08-09 15:42:30',
    customValJsonStr: [],
    customDateformat: 'YYYY-MM-DD',
    customVal: '[]',
  },
  {
    id: '14',
    sort: 1,
    merchantId: null,
    customName: '爱好',
    customType: 4,
    customLength: 0,
    customIsred: false,
    customAddtime: '2019-07-26T10:18:08.189804+08:00',
    customAddtimeStr: '2019-07-26 10:18:08',
    customValJsonStr: [
      {
        key: '足球',
        value: '1',
      },
      {
        key: '篮球',
        value: '2',
      },
      {
        key: '游泳',
        value: '3',
      },
    ],
    customDateformat: 'YYYY-MM-DD',
    customVal:
      '[{"key": "足球", "value": "1"}, {"key": "篮球", "value": "2"}, {"key": "游泳", "value": "3"}]',
  },
  {
    id: '13',
    sort: 1,
    merchantId: null,
    customName: '结婚纪念日',
    customType: 2,
    customLength: 0,
    customIsred: false,
    customAddtime: '2019-07-26T10:16:12.899589+08:00',
    customAddtimeStr: '2019-07-26 10:16:12',
    customValJsonStr: [],
    customDateformat: 'YYYY-MM-DD',
    customVal: '[]',
  },
  {
    id: '12',
    sort: 1,
    merchantId: null,
    customName: '专业',
    customType: 1,
    customLength: 50,
    customIsred: false,
    customAddtime: '2019-07-26T10:15:48.139436+08:00',
    customAddtimeStr: '2019-07-26 10:15:48',
    customValJsonStr: [],
    customDateformat: 'YYYY-MM-DD',
    customVal: '[]',
  },
];

/** The seed records plus the few added ones, all built once at import (they are tiny). */
export function createSeedDataset(): SimDataset {
  return {
    name: 'seed',
    operatorAccounts: () => SEED_OPERATOR_ACCOUNTS,
    staff: () => SEED_STAFF,
    staffWechat: () => SEED_STAFF_WECHAT,
    labelCategories: () => SEED_LABEL_CATEGORIES,
    labels: () => SEED_LABELS,
    adGroups: () => SEED_AD_GROUPS,
    customAttributes: () => SEED_CUSTOM_ATTRIBUTES,
  };
}
