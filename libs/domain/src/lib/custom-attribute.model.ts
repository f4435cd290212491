/** Vendor customType 1..4, in that order. */
export const CUSTOM_ATTRIBUTE_TYPES = ['text', 'date', 'single-select', 'multi-select'] as const;
export type CustomAttributeType = (typeof CUSTOM_ATTRIBUTE_TYPES)[number];

export interface CustomAttributeOption {
  label: string;
  value: string;
}

/** 好友自定义属性配置 — one vendor `friend/GetCustomAttributeList` record. */
export interface CustomAttribute {
  id: number;
  name: string;
  type: CustomAttributeType;
  required: boolean;
  maxLength: number | null;
  sort: number;
  merchantId: string | null;
  createdAt: string | null;
  options: CustomAttributeOption[];
  dateFormat: string | null;
}
