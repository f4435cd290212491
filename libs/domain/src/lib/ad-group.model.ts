export interface AdGroupAccount {
  deviceNo: string | null;
  wechatId: string;
  qrCodeUrl: string | null;
}

/** Names of a GB/T 2260 division code; a level that the code does not reach (or we cannot name) is null. */
export interface AdGroupRegion {
  code: string;
  province: string | null;
  city: string | null;
  district: string | null;
}

/** 投放组配置 — one vendor `AdManage` record. */
export interface AdGroup {
  id: number;
  name: string;
  code: string;
  merchantId: string | null;
  operatorAccountIds: number[];
  accounts: AdGroupAccount[];
  region: AdGroupRegion | null;
}
