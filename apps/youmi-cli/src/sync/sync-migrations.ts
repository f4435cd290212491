/**
 * The schema's versions, oldest first. A version once released never changes: a new column or table is a
 * new version. `$schema` stands for the quoted schema name.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'the basic-data tables and the feed cursor',
    sql: `
CREATE TABLE $schema.operator_accounts (
  id integer PRIMARY KEY,
  wechat_id text NOT NULL,
  device_no text NOT NULL,
  nickname text,
  original_id text,
  qr_code_url text,
  kind text NOT NULL,
  added_at timestamptz,
  friend_count integer NOT NULL,
  group_count integer NOT NULL,
  authorizations jsonb NOT NULL,
  add_friend_tasks_enabled boolean NOT NULL,
  notify jsonb NOT NULL,
  device_imei text
);
CREATE TABLE $schema.staff (
  code text PRIMARY KEY,
  name text NOT NULL,
  status text NOT NULL,
  linked_order_username text
);
CREATE TABLE $schema.staff_assignments (
  staff_code text NOT NULL,
  account_id integer NOT NULL,
  account jsonb NOT NULL,
  PRIMARY KEY (staff_code, account_id)
);
CREATE INDEX staff_assignments_account_id ON $schema.staff_assignments (account_id);
CREATE TABLE $schema.label_categories (
  id integer PRIMARY KEY,
  name text NOT NULL,
  selection text NOT NULL
);
CREATE TABLE $schema.labels (
  id integer PRIMARY KEY,
  name text NOT NULL,
  category_id integer NOT NULL,
  created_at timestamptz,
  merchant_id text
);
CREATE INDEX labels_category_id ON $schema.labels (category_id);
CREATE TABLE $schema.ad_groups (
  id integer PRIMARY KEY,
  name text NOT NULL,
  code text NOT NULL,
  merchant_id text,
  operator_account_ids jsonb NOT NULL,
  accounts jsonb NOT NULL,
  region jsonb
);
CREATE TABLE $schema.custom_attributes (
  id integer PRIMARY KEY,
  name text NOT NULL,
  type text NOT NULL,
  required boolean NOT NULL,
  sort integer NOT NULL,
  max_length integer,
  date_format text,
  options jsonb NOT NULL,
  created_at timestamptz,
  merchant_id text
);
CREATE TABLE $schema.sync_state (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  cursor text,
  loaded_at timestamptz NOT NULL,
  loads integer NOT NULL DEFAULT 1,
  events_applied bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL
);
COMMENT ON COLUMN $schema.sync_state.cursor IS 'the id of the last change event applied; null while the feed had none';
`,
  },
];
