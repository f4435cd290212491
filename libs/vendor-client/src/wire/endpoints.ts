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
