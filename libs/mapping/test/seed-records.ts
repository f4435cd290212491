/**
 * The example answers of the vendor's own API documentation, copied verbatim, one
 * envelope per endpoint. Typed with the wire types so that the seed and the wire types cannot disagree.
 */
import type {
  WireAdGroup,
  WireCustomAttribute,
  WireEnvelope,
  WireLabel,
  WireLabelCategory,
  WireOperatorAccount,
  WireStaff,
  WireStaffWechat,
} from '@youmi-facade/vendor-client/wire';

/** 运营号配置 — `WeCaht`. */
// prettier-ignore
export const SEED_OPERATOR_ACCOUNTS_RESPONSE: WireEnvelope<WireOperatorAccount[]> = {
"errmsg": 20000,
"succeed": true,
"msgTime": "2018-05-11T15:40:14.1523923+08:00",
"values": [
{
"ad_wechat_id": 135389,
"ad_wechat_nober": "微信号",
"ad_wechat_nick": "昵称",
"ad_wechat_qrcode":"二维码",
"ad_wechat_addtime": "添加时间",
"ad_original_nober": "原始微信号",
"ad_wechat_usercode": null,
"ad_wechat_viewnum": 0,
"ad_wechat_vnumday": 0,
"ad_wechat_vnumlday": 0,
"ad_wechat_rfriend": 0,
"ad_wechat_friend": 1709,
"ad_wechat_group": 23,
"ad_wechat_weight": 0,
"ad_wechat_friends": true,
"ad_wechat_chat": true,
"ad_state": null,
"ad_wechat_nickname": "刘潇",
"ad_wechat_initiative": false,
"ad_wechat_passive": false,
"ad_wechat_y3": true,
"ad_receive_code": null,
"ad_key_code": null,
"ad_chatroom_code": null,
"ad_wechat_push": true,
"ad_wechat_new": 1705,
"is_receiveaddfriendtask": 1,
"ad_wechat_lei": 0,
"ad_wechat_record": false,
"imei": null
}
]
};

/** 员工配置 — `staff`. */
// prettier-ignore
export const SEED_STAFF_RESPONSE: WireEnvelope<WireStaff[]> = {
"errmsg": 20000,
"succeed": true,
"msgTime": "2019-11-05T20:43:44.6250063+08:00",
"values": [
{
"ad_staff_code": "b01",
"ad_staff_name": "b01",
"ad_staff_state": 1,
"ad_self_user": "b08"
}
]
};

/** 标签分类 — `/Label`. */
// prettier-ignore
export const SEED_LABEL_CATEGORIES_RESPONSE: WireEnvelope<WireLabelCategory[]> = {
"errmsg": 20000,
"succeed": true,
"msgTime": "2021-03-30T16:49:01.7151839+08:00",
"values": [
{
"ad_label_id": 263,
"ad_label_name": "A.客户级别",
"ad_choose": 0
}
],
"errdesc": null
};

/** 标签配置 — `wecahtlabel`. */
// prettier-ignore
export const SEED_LABELS_RESPONSE: WireEnvelope<WireLabel[]> = {
"errmsg": 20000,
"succeed": true,
"msgTime": "2018-05-11T15:40:14.1523923+08:00",
"values": [
{
"ad_label_info_id": 1158,
"ad_label_info_name": "测试超长标签添加测试超长标签添加测试超长标签添加",
"ad_label_id": 189,
"ad_label_time": "2018-01-18T21:17:35.613849+08:00",
"merchant_id": null,
"ad_label_name": "客户意向",
"ad_choose": 0
},
{
"ad_label_info_id": 1072,
"ad_label_info_name": "潜在",
"ad_label_id": 189,
"ad_label_time": "2018-01-05T11:53:23.580502+08:00",
"merchant_id": null,
"ad_label_name": "客户意向",
"ad_choose": 0
},
{
"ad_label_info_id": 1071,
"ad_label_info_name": "成交",
"ad_label_id": 189,
"ad_label_time": "2018-01-05T11:53:10.641563+08:00",
"merchant_id": null,
"ad_label_name": "客户意向",
"ad_choose": 0
},
{
"ad_label_info_id": 991,
"ad_label_info_name": "零售",
"ad_label_id": 1,
"ad_label_time": "2017-12-08T10:43:22.802228+08:00",
"merchant_id": null,
"ad_label_name": "职务",
"ad_choose": 0
},
{
"ad_label_info_id": 976,
"ad_label_info_name": "炒股",
"ad_label_id": 1,
"ad_label_time": "2017-12-07T10:24:22.527081+08:00",
"merchant_id": null,
"ad_label_name": "职务",
"ad_choose": 0
}
]
};

/** 投放组配置 — `AdManage`. */
// prettier-ignore
export const SEED_AD_GROUPS_RESPONSE: WireEnvelope<WireAdGroup[]> = {
"errmsg": 20000,
"succeed": true,
"msgTime": "2019-09-29T20:45:05.1353996+08:00",
"values": [
{
"ad_brand_id": 155,
"ad_brand_name": "12",
"ad_brand_code": "21",
"ad_brand_welist": "[\"3516\", \"3521\"]",
"merchantid": "640462692",
"ad_wechat_nick": "P05(dong23287),P04(mioz888)",
"wechats": "[{\"ad_wechat_nober\" : \"dong23287\", \"ad_wechat_qrcode\" : \"http://7nimg.agsoft.net/wxid_w4ebc6txje6622mmqrcode1568877590436.png\"}, {\"ad_wechat_nober\" : \"mioz888\", \"ad_wechat_qrcode\" : \"http://7nimg.agsoft.net/wxid_9g3nmp3wywf622mmqrcode1568711034785.png\"}]",
"ad_brand_region_code": "360800"
},
{
"ad_brand_id": 151,
"ad_brand_name": "景田百岁山广告",
"ad_brand_code": "001",
"ad_brand_welist": "[]",
"merchantid": "640462692",
"ad_wechat_nick": null,
"wechats": null,
"ad_brand_region_code": "440100"
}
]
};

/** 好友自定义属性配置 — `friend/GetCustomAttributeList`. */
// prettier-ignore
export const SEED_CUSTOM_ATTRIBUTES_RESPONSE: WireEnvelope<WireCustomAttribute[]> = {
"errmsg": 20000,
"succeed": true,
"msgTime": "2020-06-24T17:04:11.6360253+08:00",
"values": [
{
"id": "15",
"sort": 1,
"merchantId": null,
"customName": "住址",
"customType": 1,
"customLength": 20,
"customIsred": false,
"customAddtime": "2019-08-09T15:42:30.946993+08:00",
"customAddtimeStr": "2019-08-09 15:42:30",
"customValJsonStr": [],
"customDateformat": "YYYY-MM-DD",
"customVal": "[]"
},
{
"id": "14",
"sort": 1,
"merchantId": null,
"customName": "爱好",
"customType": 4,
"customLength": 0,
"customIsred": false,
"customAddtime": "2019-07-26T10:18:08.189804+08:00",
"customAddtimeStr": "2019-07-26 10:18:08",
"customValJsonStr": [
{
"key": "足球",
"value": "1"
},
{
"key": "篮球",
"value": "2"
},
{
"key": "游泳",
"value": "3"
}
],
"customDateformat": "YYYY-MM-DD",
"customVal": "[{\"key\": \"足球\", \"value\": \"1\"}, {\"key\": \"篮球\", \"value\": \"2\"}, {\"key\": \"游泳\", \"value\": \"3\"}]"
},
{
"id": "13",
"sort": 1,
"merchantId": null,
"customName": "结婚纪念日",
"customType": 2,
"customLength": 0,
"customIsred": false,
"customAddtime": "2019-07-26T10:16:12.899589+08:00",
"customAddtimeStr": "2019-07-26 10:16:12",
"customValJsonStr": [],
"customDateformat": "YYYY-MM-DD",
"customVal": "[]"
},
{
"id": "12",
"sort": 1,
"merchantId": null,
"customName": "专业",
"customType": 1,
"customLength": 50,
"customIsred": false,
"customAddtime": "2019-07-26T10:15:48.139436+08:00",
"customAddtimeStr": "2019-07-26 10:15:48",
"customValJsonStr": [],
"customDateformat": "YYYY-MM-DD",
"customVal": "[]"
}
],
"errdesc": null
};

/** 员工管理运营机 — `staff/GetStaffWechat`. */
// prettier-ignore
export const SEED_STAFF_WECHAT_RESPONSE: WireEnvelope<WireStaffWechat[]> = {
"requestId": null,
"errmsg": 20000,
"succeed": true,
"msgTime": "2021-12-27T15:18:13.1647541+08:00",
"values": [{
"ad_staff_code": "b03",
"ad_wechat_id": 3547,
"ad_wechat_nober": "zznn72537",
"ad_wechat_nick": "P03",
"ad_wechat_nickname": "秀逗吖Q.",
"ad_wechat_qrcode": "http://img-1259062805.cos.ap-chengdu.myqcloud.com/640462692/other/wxid_2yfwlz5fu21922mmqrcode1632752533600.png",
"ad_original_nober": "wxid_2yfwlz5fu21922"
}],
"errdesc": null
};

/** Every seed record, by the vendor path it came from. */
export const SEED_RECORDS = {
  WeCaht: SEED_OPERATOR_ACCOUNTS_RESPONSE.values,
  staff: SEED_STAFF_RESPONSE.values,
  Label: SEED_LABEL_CATEGORIES_RESPONSE.values,
  wecahtlabel: SEED_LABELS_RESPONSE.values,
  AdManage: SEED_AD_GROUPS_RESPONSE.values,
  'friend/GetCustomAttributeList': SEED_CUSTOM_ATTRIBUTES_RESPONSE.values,
  'staff/GetStaffWechat': SEED_STAFF_WECHAT_RESPONSE.values,
} as const;
