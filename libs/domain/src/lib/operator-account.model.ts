/** What kind of account an operator account is (vendor ad_wechat_lei 0..3); anything else is `unknown`. */
export const OPERATOR_ACCOUNT_KINDS = [
  'wechat',
  'official-account',
  'mini-program',
  'wecom',
  'unknown',
] as const;
export type OperatorAccountKind = (typeof OPERATOR_ACCOUNT_KINDS)[number];

export interface OperatorAccountAuthorizations {
  monitoring: boolean;
  push: boolean;
  callRecords: boolean;
}

export interface OperatorAccountNotify {
  exceptionStaffCode: string | null;
  keywordStaffCode: string | null;
  friendRequestStaffCode: string | null;
}

/** 运营号配置 — one vendor `WeCaht` record. */
export interface OperatorAccount {
  id: number;
  wechatId: string;
  deviceNo: string;
  nickname: string | null;
  originalId: string | null;
  qrCodeUrl: string | null;
  kind: OperatorAccountKind;
  addedAt: string | null;
  friendCount: number;
  groupCount: number;
  authorizations: OperatorAccountAuthorizations;
  addFriendTasksEnabled: boolean;
  notify: OperatorAccountNotify;
  deviceImei: string | null;
}
