import type {
  AdGroup,
  CustomAttribute,
  DriftRecord,
  Label,
  LabelCategory,
  LabelTreeNode,
  OperatorAccount,
  Staff,
  StaffAssignment,
  StaffOperatorAccount,
} from '@youmi-facade/domain';
import {
  CUSTOM_ATTRIBUTE_TYPES,
  DRIFT_KINDS,
  LABEL_SELECTIONS,
  OPERATOR_ACCOUNT_KINDS,
  STAFF_STATUSES,
} from '@youmi-facade/domain';

/**
 * A small runtime check of the domain types, for tests: what the compiler promises about a mapper's
 * output must also hold for whatever the vendor sent. Each check appends `path: problem` lines.
 */
export type Check = (value: unknown, path: string, problems: string[]) => void;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const string: Check = (v, p, out) => {
  if (typeof v !== 'string') out.push(`${p}: not a string`);
};
export const integer: Check = (v, p, out) => {
  if (!Number.isSafeInteger(v) || Object.is(v, -0)) out.push(`${p}: not an integer`);
};
export const boolean: Check = (v, p, out) => {
  if (typeof v !== 'boolean') out.push(`${p}: not a boolean`);
};
/** A time as the API writes it: UTC, milliseconds, and a real calendar instant. */
export const time: Check = (v, p, out) => {
  if (typeof v !== 'string' || !ISO_UTC.test(v) || new Date(v).toISOString() !== v)
    out.push(`${p}: not a UTC time`);
};
export const httpUrl: Check = (v, p, out) => {
  if (typeof v !== 'string' || !/^https?:\/\/\S/i.test(v)) out.push(`${p}: not an http(s) URL`);
};

export function nullable(check: Check): Check {
  return (v, p, out) => {
    if (v !== null) check(v, p, out);
  };
}

/** A nullable string is never empty: "none" has one spelling, null. */
export const nullableText: Check = (v, p, out) => {
  if (v === '') out.push(`${p}: empty string instead of null`);
  else nullable(string)(v, p, out);
};

export function oneOf(values: readonly string[]): Check {
  return (v, p, out) => {
    if (typeof v !== 'string' || !values.includes(v)) out.push(`${p}: not one of ${values.join('|')}`);
  };
}

export function arrayOf(check: Check): Check {
  return (v, p, out) => {
    if (!Array.isArray(v)) out.push(`${p}: not an array`);
    else v.forEach((item, i) => check(item, `${p}[${i}]`, out));
  };
}

/** Exactly these keys, as own plain-object properties: nothing missing, nothing extra. */
export function objectOf<T>(shape: { [K in keyof T]-?: Check }): Check {
  const keys = Object.keys(shape).sort();
  return (v, p, out) => {
    if (
      typeof v !== 'object' ||
      v === null ||
      Array.isArray(v) ||
      Object.getPrototypeOf(v) !== Object.prototype
    ) {
      out.push(`${p}: not a plain object`);
      return;
    }
    const actual = Object.keys(v).sort();
    if (actual.join() !== keys.join()) out.push(`${p}: keys ${actual.join()} instead of ${keys.join()}`);
    for (const key of keys)
      (shape as Record<string, Check>)[key]((v as Record<string, unknown>)[key], `${p}.${key}`, out);
  };
}

export const operatorAccountSchema = objectOf<OperatorAccount>({
  id: integer,
  wechatId: string,
  deviceNo: string,
  nickname: nullableText,
  originalId: nullableText,
  qrCodeUrl: nullable(httpUrl),
  kind: oneOf(OPERATOR_ACCOUNT_KINDS),
  addedAt: nullable(time),
  friendCount: integer,
  groupCount: integer,
  authorizations: objectOf<OperatorAccount['authorizations']>({
    monitoring: boolean,
    push: boolean,
    callRecords: boolean,
  }),
  addFriendTasksEnabled: boolean,
  notify: objectOf<OperatorAccount['notify']>({
    exceptionStaffCode: nullableText,
    keywordStaffCode: nullableText,
    friendRequestStaffCode: nullableText,
  }),
  deviceImei: nullableText,
});

export const staffSchema = objectOf<Staff>({
  code: (v, p, out) => (v === '' ? out.push(`${p}: empty code`) : string(v, p, out)),
  name: string,
  status: oneOf(STAFF_STATUSES),
  linkedOrderUsername: nullableText,
});

export const staffOperatorAccountSchema = objectOf<StaffOperatorAccount>({
  id: integer,
  wechatId: string,
  deviceNo: string,
  nickname: nullableText,
  qrCodeUrl: nullable(httpUrl),
  originalId: nullableText,
});

export const staffAssignmentSchema = objectOf<StaffAssignment>({
  staffCode: (v, p, out) => (v === '' ? out.push(`${p}: empty code`) : string(v, p, out)),
  account: staffOperatorAccountSchema,
});

export const labelCategorySchema = objectOf<LabelCategory>({
  id: integer,
  name: string,
  selection: oneOf(LABEL_SELECTIONS),
});

export const labelSchema = objectOf<Label>({
  id: integer,
  name: string,
  categoryId: integer,
  createdAt: nullable(time),
  merchantId: nullableText,
});

export const labelTreeNodeSchema = objectOf<LabelTreeNode>({
  id: integer,
  name: string,
  selection: oneOf(LABEL_SELECTIONS),
  labels: arrayOf(
    objectOf<LabelTreeNode['labels'][number]>({
      id: integer,
      name: string,
      createdAt: nullable(time),
      merchantId: nullableText,
    }),
  ),
});

export const adGroupSchema = objectOf<AdGroup>({
  id: integer,
  name: string,
  code: string,
  merchantId: nullableText,
  operatorAccountIds: arrayOf(integer),
  accounts: arrayOf(
    objectOf<AdGroup['accounts'][number]>({
      deviceNo: nullableText,
      wechatId: string,
      qrCodeUrl: nullable(httpUrl),
    }),
  ),
  region: nullable(
    objectOf<NonNullable<AdGroup['region']>>({
      code: string,
      province: nullableText,
      city: nullableText,
      district: nullableText,
    }),
  ),
});

export const customAttributeSchema = objectOf<CustomAttribute>({
  id: integer,
  name: string,
  type: oneOf(CUSTOM_ATTRIBUTE_TYPES),
  required: boolean,
  maxLength: nullable((v, p, out) =>
    typeof v === 'number' && v > 0 ? integer(v, p, out) : out.push(`${p}: not positive`),
  ),
  sort: integer,
  merchantId: nullableText,
  createdAt: nullable(time),
  options: arrayOf(objectOf<CustomAttribute['options'][number]>({ label: string, value: string })),
  dateFormat: nullable(string),
});

export const driftRecordSchema = objectOf<DriftRecord>({
  endpoint: string,
  field: (v, p, out) =>
    typeof v === 'string' && v.length > 0 && v.length <= 80 ? undefined : out.push(`${p}: bad field`),
  kind: oneOf(DRIFT_KINDS),
  sample: (v, p, out) => (typeof v === 'string' && v.length <= 80 ? undefined : out.push(`${p}: bad sample`)),
});

export function problemsOf(check: Check, value: unknown): string[] {
  const problems: string[] = [];
  check(value, '$', problems);
  return problems;
}

/** Every key of every object anywhere in `value`. */
export function deepKeys(value: unknown, keys: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) deepKeys(item, keys);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      keys.push(key);
      deepKeys(item, keys);
    }
  }
  return keys;
}
