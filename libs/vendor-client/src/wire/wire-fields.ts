import type { VendorEndpointName } from './endpoints';
import type {
  WireAdGroup,
  WireCustomAttribute,
  WireLabel,
  WireLabelCategory,
  WireOperatorAccount,
  WireStaff,
  WireStaffWechat,
} from './wire-types';

/** A JSON type, as `typeof` would name it with null and arrays told apart. */
export type WireJsonType = 'number' | 'string' | 'boolean' | 'null' | 'array' | 'object';

/** One field of a vendor record: the JSON types the vendor has been seen to send, and whether it is 弃用. */
export interface WireField {
  readonly types: readonly WireJsonType[];
  /** Documented as 弃用 (deprecated): sent, but never to be read. */
  readonly deprecated?: true;
}

/** Every field of a wire type, and only those: the compiler notices when the type gains or loses one. */
export type WireFieldTable<T> = { readonly [K in keyof T]-?: WireField };

const S: WireField = { types: ['string'] };
const SN: WireField = { types: ['string', 'null'] };
const NUM: WireField = { types: ['number', 'string'] };
const NUMN: WireField = { types: ['number', 'string', 'null'] };
const FLAG: WireField = { types: ['boolean', 'number', 'null'] };
const DEPRECATED: WireField = {
  types: ['number', 'string', 'boolean', 'null', 'array', 'object'],
  deprecated: true,
};

/**
 * The one field table of each vendor endpoint's records. The wire types say what a field holds; this
 * says which fields exist, what JSON the vendor sends in each, and which are deprecated. The deprecated
 * list, the mapping's set of known fields (anything else is drift) and the simulator's shape all read it.
 */
export const WIRE_FIELDS = {
  operatorAccounts: {
    ad_wechat_id: NUM,
    ad_wechat_nober: S,
    ad_wechat_nick: SN,
    ad_wechat_qrcode: SN,
    ad_wechat_addtime: SN,
    ad_original_nober: SN,
    ad_wechat_friend: NUMN,
    ad_wechat_group: NUMN,
    ad_wechat_friends: FLAG,
    ad_wechat_nickname: SN,
    ad_receive_code: SN,
    ad_key_code: SN,
    ad_chatroom_code: SN,
    ad_wechat_push: FLAG,
    is_receiveaddfriendtask: { types: ['number', 'string', 'boolean', 'null'] },
    ad_wechat_lei: NUMN,
    ad_wechat_record: FLAG,
    imei: SN,
    ad_wechat_usercode: DEPRECATED,
    ad_wechat_viewnum: DEPRECATED,
    ad_wechat_vnumday: DEPRECATED,
    ad_wechat_vnumlday: DEPRECATED,
    ad_wechat_rfriend: DEPRECATED,
    ad_wechat_weight: DEPRECATED,
    ad_wechat_chat: DEPRECATED,
    ad_state: DEPRECATED,
    ad_wechat_initiative: DEPRECATED,
    ad_wechat_passive: DEPRECATED,
    ad_wechat_y3: DEPRECATED,
    ad_wechat_new: DEPRECATED,
  } satisfies WireFieldTable<WireOperatorAccount>,
  staff: {
    ad_staff_code: S,
    ad_staff_name: S,
    ad_staff_state: NUM,
    ad_self_user: SN,
  } satisfies WireFieldTable<WireStaff>,
  staffWechat: {
    ad_staff_code: S,
    ad_wechat_id: NUM,
    ad_wechat_nober: S,
    ad_wechat_nick: SN,
    ad_wechat_nickname: SN,
    ad_wechat_qrcode: SN,
    ad_original_nober: SN,
  } satisfies WireFieldTable<WireStaffWechat>,
  labelCategories: {
    ad_label_id: NUM,
    ad_label_name: S,
    ad_choose: NUM,
  } satisfies WireFieldTable<WireLabelCategory>,
  labels: {
    ad_label_info_id: NUM,
    ad_label_info_name: S,
    ad_label_id: NUM,
    ad_label_time: SN,
    merchant_id: SN,
    ad_label_name: S,
    ad_choose: NUM,
  } satisfies WireFieldTable<WireLabel>,
  adGroups: {
    ad_brand_id: NUM,
    ad_brand_name: S,
    ad_brand_code: S,
    ad_brand_welist: SN,
    merchantid: SN,
    ad_wechat_nick: SN,
    wechats: SN,
    ad_brand_region_code: SN,
  } satisfies WireFieldTable<WireAdGroup>,
  customAttributes: {
    id: NUM,
    sort: NUM,
    merchantId: SN,
    customName: S,
    customType: NUM,
    customLength: NUMN,
    customIsred: { types: ['boolean', 'number'] },
    customAddtime: SN,
    // It repeats customAddtime in another format; customVal is read only as a fallback.
    customAddtimeStr: DEPRECATED,
    customValJsonStr: { types: ['array', 'null'] },
    customDateformat: SN,
    customVal: SN,
  } satisfies WireFieldTable<WireCustomAttribute>,
} as const satisfies Readonly<Record<VendorEndpointName, Readonly<Record<string, WireField>>>>;

/** The JSON type of a value, in the table's terms. */
export function wireJsonType(value: unknown): WireJsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'number' || type === 'string' || type === 'boolean' ? type : 'object';
}

/** Fields the vendor documents as 弃用 (deprecated), per endpoint: sent, but never to be read. */
export const DEPRECATED_FIELDS: Readonly<Record<VendorEndpointName, readonly string[]>> = Object.fromEntries(
  Object.entries(WIRE_FIELDS).map(([endpoint, fields]) => [
    endpoint,
    Object.entries(fields as Readonly<Record<string, WireField>>)
      .filter(([, field]) => field.deprecated)
      .map(([name]) => name),
  ]),
) as unknown as Record<VendorEndpointName, readonly string[]>;
