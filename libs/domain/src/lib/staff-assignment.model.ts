/** 员工管理运营机 — the six account fields of a vendor `staff/GetStaffWechat` row. */
export interface StaffOperatorAccount {
  id: number;
  wechatId: string;
  deviceNo: string;
  nickname: string | null;
  qrCodeUrl: string | null;
  originalId: string | null;
}

/** One staff member / operator account pair. */
export interface StaffAssignment {
  staffCode: string;
  account: StaffOperatorAccount;
}
