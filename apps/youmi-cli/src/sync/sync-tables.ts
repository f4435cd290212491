import type { ChangeResource } from '@youmi-facade/sdk';

export type ColumnType = 'text' | 'integer' | 'boolean' | 'timestamptz' | 'jsonb';

export interface SyncColumn {
  /** The column, in snake_case. */
  name: string;
  /** The API field it holds; dotted for a field inside an object (`account.id`). */
  field: string;
  type: ColumnType;
  /** A copy of a field kept elsewhere in the row, for keys and joins: not a field of the answer itself. */
  derived?: boolean;
}

/** The SDK's list operations that fill a table. */
export type ListOperation =
  | 'listOperatorAccounts'
  | 'listStaff'
  | 'listStaffAssignments'
  | 'listLabelCategories'
  | 'listLabels'
  | 'listAdGroups'
  | 'listCustomAttributes';

export interface SyncTable {
  name: string;
  /** What progress and summaries call it. */
  title: string;
  list: ListOperation;
  /** The change feed's resource; null for a list the feed does not carry, which is read again whole. */
  resource: ChangeResource | null;
  /** The primary key's columns. */
  key: readonly string[];
  columns: readonly SyncColumn[];
}

const text = (name: string, field: string): SyncColumn => ({ name, field, type: 'text' });
const integer = (name: string, field: string): SyncColumn => ({ name, field, type: 'integer' });
const boolean = (name: string, field: string): SyncColumn => ({ name, field, type: 'boolean' });
const time = (name: string, field: string): SyncColumn => ({ name, field, type: 'timestamptz' });
const json = (name: string, field: string): SyncColumn => ({ name, field, type: 'jsonb' });

/** The tables `youmi sync` keeps, in the order of a first load. Their SQL is in sync-migrations.ts. */
export const SYNC_TABLES: readonly SyncTable[] = [
  {
    name: 'operator_accounts',
    title: 'operator accounts',
    list: 'listOperatorAccounts',
    resource: 'operator-accounts',
    key: ['id'],
    columns: [
      integer('id', 'id'),
      text('wechat_id', 'wechatId'),
      text('device_no', 'deviceNo'),
      text('nickname', 'nickname'),
      text('original_id', 'originalId'),
      text('qr_code_url', 'qrCodeUrl'),
      text('kind', 'kind'),
      time('added_at', 'addedAt'),
      integer('friend_count', 'friendCount'),
      integer('group_count', 'groupCount'),
      json('authorizations', 'authorizations'),
      boolean('add_friend_tasks_enabled', 'addFriendTasksEnabled'),
      json('notify', 'notify'),
      text('device_imei', 'deviceImei'),
    ],
  },
  {
    name: 'staff',
    title: 'staff',
    list: 'listStaff',
    resource: 'staff',
    key: ['code'],
    columns: [
      text('code', 'code'),
      text('name', 'name'),
      text('status', 'status'),
      text('linked_order_username', 'linkedOrderUsername'),
    ],
  },
  {
    name: 'staff_assignments',
    title: 'staff assignments',
    list: 'listStaffAssignments',
    resource: null,
    key: ['staff_code', 'account_id'],
    columns: [
      text('staff_code', 'staffCode'),
      { ...integer('account_id', 'account.id'), derived: true },
      json('account', 'account'),
    ],
  },
  {
    name: 'label_categories',
    title: 'label categories',
    list: 'listLabelCategories',
    resource: 'label-categories',
    key: ['id'],
    columns: [integer('id', 'id'), text('name', 'name'), text('selection', 'selection')],
  },
  {
    name: 'labels',
    title: 'labels',
    list: 'listLabels',
    resource: 'labels',
    key: ['id'],
    columns: [
      integer('id', 'id'),
      text('name', 'name'),
      integer('category_id', 'categoryId'),
      time('created_at', 'createdAt'),
      text('merchant_id', 'merchantId'),
    ],
  },
  {
    name: 'ad_groups',
    title: 'ad groups',
    list: 'listAdGroups',
    resource: 'ad-groups',
    key: ['id'],
    columns: [
      integer('id', 'id'),
      text('name', 'name'),
      text('code', 'code'),
      text('merchant_id', 'merchantId'),
      json('operator_account_ids', 'operatorAccountIds'),
      json('accounts', 'accounts'),
      json('region', 'region'),
    ],
  },
  {
    name: 'custom_attributes',
    title: 'custom attributes',
    list: 'listCustomAttributes',
    resource: 'custom-attributes',
    key: ['id'],
    columns: [
      integer('id', 'id'),
      text('name', 'name'),
      text('type', 'type'),
      boolean('required', 'required'),
      integer('sort', 'sort'),
      integer('max_length', 'maxLength'),
      text('date_format', 'dateFormat'),
      json('options', 'options'),
      time('created_at', 'createdAt'),
      text('merchant_id', 'merchantId'),
    ],
  },
];

export function tableOfResource(resource: ChangeResource): SyncTable {
  const table = SYNC_TABLES.find((candidate) => candidate.resource === resource);
  if (!table) throw new Error(`no table keeps the change feed's resource ${resource}`);
  return table;
}

function valueAt(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.'))
    value =
      value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

/** An API record as a row of `table`: snake_case column names, a field the record lacks as null. */
export function rowOf(table: SyncTable, record: unknown): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const column of table.columns) row[column.name] = valueAt(record, column.field) ?? null;
  return row;
}

/** A row as read back by `pg` (times as Date) turned into the record the API answers. */
export function recordOf(table: SyncTable, row: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const column of table.columns) {
    if (column.derived) continue;
    const value = row[column.name];
    record[column.field] = value instanceof Date ? value.toISOString() : value;
  }
  return record;
}

/** The key of a change event (always text) as the values of the table's key columns. */
export function keyOf(table: SyncTable, key: string): unknown[] {
  const [column] = table.key;
  const type = table.columns.find((candidate) => candidate.name === column)?.type;
  return [type === 'integer' ? Number(key) : key];
}
