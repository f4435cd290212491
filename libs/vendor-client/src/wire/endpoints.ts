import type {
  WireAdGroup,
  WireCustomAttribute,
  WireLabel,
  WireLabelCategory,
  WireOperatorAccount,
  WireStaff,
  WireStaffWechat,
} from './wire-types';

/** The seven basic-data endpoints, with the vendor's own spelling (paths relative to `/publicapi/v1/`). */
export const VENDOR_ENDPOINTS = {
  operatorAccounts: { path: 'WeCaht', method: 'GET' },
  staff: { path: 'staff', method: 'GET' },
  staffWechat: { path: 'staff/GetStaffWechat', method: 'POST' },
  labelCategories: { path: 'Label', method: 'GET' },
  labels: { path: 'wecahtlabel', method: 'GET' },
  adGroups: { path: 'AdManage', method: 'GET' },
  customAttributes: { path: 'friend/GetCustomAttributeList', method: 'GET' },
} as const;

export const TOKEN_ENDPOINT = { path: 'GetAccessToken', method: 'POST', query: 'format=json' } as const;

export type VendorEndpointName = keyof typeof VENDOR_ENDPOINTS;
export type VendorEndpointPath = (typeof VENDOR_ENDPOINTS)[VendorEndpointName]['path'] | 'GetAccessToken';

/** The record type each endpoint sends in `values`. */
export interface WireRecordByEndpoint {
  operatorAccounts: WireOperatorAccount;
  staff: WireStaff;
  staffWechat: WireStaffWechat;
  labelCategories: WireLabelCategory;
  labels: WireLabel;
  adGroups: WireAdGroup;
  customAttributes: WireCustomAttribute;
}

/** Fields the vendor documents as 弃用 (deprecated): sent, but never to be read. */
export const DEPRECATED_FIELDS: Readonly<Record<VendorEndpointName, readonly string[]>> = {
  operatorAccounts: [
    'ad_wechat_usercode',
    'ad_wechat_viewnum',
    'ad_wechat_vnumday',
    'ad_wechat_vnumlday',
    'ad_wechat_rfriend',
    'ad_wechat_weight',
    'ad_wechat_chat',
    'ad_state',
    'ad_wechat_initiative',
    'ad_wechat_passive',
    'ad_wechat_y3',
    'ad_wechat_new',
  ],
  staff: [],
  staffWechat: [],
  labelCategories: [],
  labels: [],
  adGroups: [],
  // customAddtimeStr repeats customAddtime in another format; customVal is read only as a fallback.
  customAttributes: ['customAddtimeStr'],
};
