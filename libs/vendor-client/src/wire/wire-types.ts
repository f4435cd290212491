/**
 * The vendor's basic-data API as it really sends it (as its API documentation shows it). Every value that
 * the vendor has been seen to send in more than one shape is typed with all of them; fields marked
 * 弃用 (deprecated) in the vendor's documentation are listed in DEPRECATED_FIELDS and typed `unknown`.
 */

/** The envelope around every vendor answer. `errmsg` is a status code, not a message. */
export interface WireEnvelope<T> {
  errmsg: number | string;
  succeed: boolean;
  msgTime?: string | null;
  values: T;
  errdesc?: string | null;
  requestId?: string | null;
}

/** `POST GetAccessToken?format=json` body. */
export interface WireAccessTokenRequest {
  AppId: string;
  Nonce: string;
  Timestamp: string;
  Signature: string;
}

/** `values` of a successful `GetAccessToken`; `expires_in` is an absolute Unix time in seconds. */
export interface WireAccessToken {
  access_token: string;
  expires_in: number | string;
}

/** 运营号配置 — `GET WeCaht`. */
export interface WireOperatorAccount {
  ad_wechat_id: number | string;
  ad_wechat_nober: string;
  /** 机号: the work phone's number, e.g. `P03`. */
  ad_wechat_nick: string | null;
  ad_wechat_qrcode: string | null;
  ad_wechat_addtime: string | null;
  ad_original_nober: string | null;
  ad_wechat_friend: number | string | null;
  ad_wechat_group: number | string | null;
  ad_wechat_friends: boolean | number | null;
  ad_wechat_nickname: string | null;
  ad_receive_code: string | null;
  ad_key_code: string | null;
  ad_chatroom_code: string | null;
  ad_wechat_push: boolean | number | null;
  is_receiveaddfriendtask: number | string | boolean | null;
  ad_wechat_lei: number | string | null;
  ad_wechat_record: boolean | number | null;
  imei: string | null;
  ad_wechat_usercode?: unknown;
  ad_wechat_viewnum?: unknown;
  ad_wechat_vnumday?: unknown;
  ad_wechat_vnumlday?: unknown;
  ad_wechat_rfriend?: unknown;
  ad_wechat_weight?: unknown;
  ad_wechat_chat?: unknown;
  ad_state?: unknown;
  ad_wechat_initiative?: unknown;
  ad_wechat_passive?: unknown;
  ad_wechat_y3?: unknown;
  ad_wechat_new?: unknown;
}

/** Query parameters of `GET WeCaht`: 0 personal WeChat (default), 3 WeCom. */
export interface WireOperatorAccountQuery {
  ad_wechat_lei?: number;
}

/** 员工配置 — `GET staff`. */
export interface WireStaff {
  ad_staff_code: string;
  ad_staff_name: string;
  /** 0 active (启用), 1 disabled (停用); documented as int, sent as number or numeric string. */
  ad_staff_state: number | string;
  ad_self_user: string | null;
}

/** Query parameters of `GET staff`; `ad_staff_state` -1 means all (the default). */
export interface WireStaffQuery {
  ad_staff_state?: -1 | 0 | 1;
  ad_staff_code?: string;
  ad_staff_name?: string;
  ad_staff_addtime?: string;
}

/** 员工管理运营机 — `POST staff/GetStaffWechat`. */
export interface WireStaffWechat {
  ad_staff_code: string;
  ad_wechat_id: number | string;
  ad_wechat_nober: string;
  ad_wechat_nick: string | null;
  ad_wechat_nickname: string | null;
  ad_wechat_qrcode: string | null;
  ad_original_nober: string | null;
}

/** Body of `POST staff/GetStaffWechat`; no code answers every staff member's accounts. */
export interface WireStaffWechatBody {
  ad_staff_code?: string;
}

/** 标签分类 — `GET /Label`. */
export interface WireLabelCategory {
  ad_label_id: number | string;
  ad_label_name: string;
  /** 0 single choice (单选), 1 multiple choice (多选). */
  ad_choose: number | string;
}

/** 标签配置 — `GET wecahtlabel`. */
export interface WireLabel {
  ad_label_info_id: number | string;
  ad_label_info_name: string;
  ad_label_id: number | string;
  ad_label_time: string | null;
  merchant_id: string | null;
  ad_label_name: string;
  ad_choose: number | string;
}

/** Query parameters of `GET wecahtlabel`; `categories` -1 (default) means every category. */
export interface WireLabelQuery {
  categories?: number;
}

/** 投放组配置 — `GET AdManage`. */
export interface WireAdGroup {
  ad_brand_id: number | string;
  ad_brand_name: string;
  ad_brand_code: string;
  /** A JSON array of account ids inside a string: `"[\"3516\", \"3521\"]"`. */
  ad_brand_welist: string | null;
  merchantid: string | null;
  /** Device numbers with WeChat ids: `"P05(dong23287),P04(mioz888)"`. */
  ad_wechat_nick: string | null;
  /** A JSON array of `{ad_wechat_nober, ad_wechat_qrcode}` inside a string. */
  wechats: string | null;
  /** GB/T 2260 administrative division code, e.g. `"360800"`. */
  ad_brand_region_code: string | null;
}

export interface WireCustomAttributeOption {
  key: string;
  value: string;
}

/** 好友自定义属性配置 — `GET friend/GetCustomAttributeList`. */
export interface WireCustomAttribute {
  id: string | number;
  sort: number | string;
  merchantId: string | null;
  customName: string;
  /** 1 text, 2 date, 3 single-select, 4 multi-select. */
  customType: number | string;
  customLength: number | string | null;
  customIsred: boolean | number;
  customAddtime: string | null;
  customAddtimeStr?: string | null;
  customValJsonStr: WireCustomAttributeOption[] | null;
  customDateformat: string | null;
  /** The options before the vendor parsed them: a JSON string. */
  customVal: string | null;
}
