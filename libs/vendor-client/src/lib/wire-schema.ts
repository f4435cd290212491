import { DEPRECATED_FIELDS, type VendorEndpointName } from '../wire/endpoints';

type JsonType = 'number' | 'string' | 'boolean' | 'null' | 'array' | 'object';

const S: JsonType[] = ['string'];
const SN: JsonType[] = ['string', 'null'];
const NUM: JsonType[] = ['number', 'string'];
const NUMN: JsonType[] = ['number', 'string', 'null'];
const FLAG: JsonType[] = ['boolean', 'number', 'null'];

/** The JSON types the vendor has been seen to send for each documented field (see wire-types.ts). */
export const WIRE_SCHEMA: Readonly<Record<VendorEndpointName, Readonly<Record<string, readonly JsonType[]>>>> = {
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
    is_receiveaddfriendtask: ['number', 'string', 'boolean', 'null'],
    ad_wechat_lei: NUMN,
    ad_wechat_record: FLAG,
    imei: SN,
  },
  staff: { ad_staff_code: S, ad_staff_name: S, ad_staff_state: NUM, ad_self_user: SN },
  staffWechat: {
    ad_staff_code: S,
    ad_wechat_id: NUM,
    ad_wechat_nober: S,
    ad_wechat_nick: SN,
    ad_wechat_nickname: SN,
    ad_wechat_qrcode: SN,
    ad_original_nober: SN,
  },
  labelCategories: { ad_label_id: NUM, ad_label_name: S, ad_choose: NUM },
  labels: {
    ad_label_info_id: NUM,
    ad_label_info_name: S,
    ad_label_id: NUM,
    ad_label_time: SN,
    merchant_id: SN,
    ad_label_name: S,
    ad_choose: NUM,
  },
  adGroups: {
    ad_brand_id: NUM,
    ad_brand_name: S,
    ad_brand_code: S,
    ad_brand_welist: SN,
    merchantid: SN,
    ad_wechat_nick: SN,
    wechats: SN,
    ad_brand_region_code: SN,
  },
  customAttributes: {
    id: NUM,
    sort: NUM,
    merchantId: SN,
    customName: S,
    customType: NUM,
    customLength: NUMN,
    customIsred: ['boolean', 'number'],
    customAddtime: SN,
    customValJsonStr: ['array', 'null'],
    customDateformat: SN,
    customVal: SN,
  },
};

export type WireDriftKind = 'unknown-field' | 'wrong-type';

/** One departure from the documented wire shape, counted over the records of one answer. */
export interface WireDrift {
  endpoint: string;
  field: string;
  kind: WireDriftKind;
  sample: string;
  count: number;
}

function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  return t === 'number' || t === 'string' || t === 'boolean' ? t : 'object';
}

export function sampleOf(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * The tolerant reader: checks each record of `values` against the documented shape and reports what
 * differs, without rejecting anything. A missing field is not drift; the mapping decides what it means.
 */
export function checkWireRecords(endpoint: VendorEndpointName, path: string, values: unknown): WireDrift[] {
  const schema = WIRE_SCHEMA[endpoint];
  const deprecated = new Set(DEPRECATED_FIELDS[endpoint]);
  const found = new Map<string, WireDrift>();
  const note = (field: string, kind: WireDriftKind, value: unknown) => {
    const key = `${kind}\u0000${field}`;
    const seen = found.get(key);
    if (seen) seen.count += 1;
    else found.set(key, { endpoint: path, field, kind, sample: sampleOf(value), count: 1 });
  };
  if (!Array.isArray(values)) {
    note('values', 'wrong-type', values);
    return [...found.values()];
  }
  for (const record of values) {
    if (jsonType(record) !== 'object') {
      note('values[]', 'wrong-type', record);
      continue;
    }
    for (const [field, value] of Object.entries(record as Record<string, unknown>)) {
      const allowed = Object.prototype.hasOwnProperty.call(schema, field) ? schema[field] : undefined;
      if (allowed === undefined) {
        if (!deprecated.has(field)) note(field, 'unknown-field', value);
      } else if (!allowed.includes(jsonType(value))) {
        note(field, 'wrong-type', value);
      }
    }
  }
  return [...found.values()];
}
