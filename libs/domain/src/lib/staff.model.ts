export const STAFF_STATUSES = ['active', 'disabled'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

/** 员工配置 — one vendor `staff` record. */
export interface Staff {
  code: string;
  name: string;
  status: StaffStatus;
  linkedOrderUsername: string | null;
}
