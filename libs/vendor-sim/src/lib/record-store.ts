import {
  VENDOR_ENDPOINTS,
  type VendorEndpointName,
  type VendorEndpointPath,
  type WireAdGroup,
  type WireCustomAttribute,
  type WireLabel,
  type WireLabelCategory,
  type WireOperatorAccount,
  type WireStaff,
  type WireStaffWechat,
} from '@youmi-facade/vendor-client/wire';
import type { SimDataset } from './sim-dataset';

/** A vendor path whose records the control API may change (every data endpoint, not GetAccessToken). */
export type RecordEndpoint = Exclude<VendorEndpointPath, 'GetAccessToken'>;

/**
 * The id fields of each endpoint's records, as the vendor names them. A staff assignment has no id of its
 * own: its key is the pair, written `"<ad_staff_code>:<ad_wechat_id>"` (e.g. `"b01:3516"`).
 */
export const RECORD_KEY_FIELDS: Readonly<Record<RecordEndpoint, readonly string[]>> = {
  WeCaht: ['ad_wechat_id'],
  staff: ['ad_staff_code'],
  'staff/GetStaffWechat': ['ad_staff_code', 'ad_wechat_id'],
  Label: ['ad_label_id'],
  wecahtlabel: ['ad_label_info_id'],
  AdManage: ['ad_brand_id'],
  'friend/GetCustomAttributeList': ['id'],
};

const DATASET_TABLES = new Map(
  Object.entries(VENDOR_ENDPOINTS).map(
    ([name, endpoint]) => [endpoint.path, name as VendorEndpointName] as [RecordEndpoint, VendorEndpointName],
  ),
);
const RECORD_ENDPOINTS = [...DATASET_TABLES.keys()];

/** A record as JSON: the wire fields, plus whatever a drift test adds. */
export type WireRow = Record<string, unknown>;

export type RecordChange =
  | { endpoint: RecordEndpoint; op: 'add'; record: WireRow }
  | { endpoint: RecordEndpoint; op: 'update'; key: string; set: WireRow }
  | { endpoint: RecordEndpoint; op: 'remove'; key: string };

export type RecordOp = RecordChange['op'];

/** What one applied change answers; `count` is the number of records behind the endpoint afterwards. */
export interface RecordChangeResult {
  endpoint: RecordEndpoint;
  op: RecordOp;
  key: string;
  count: number;
}

/** A change the simulator refuses: 400 for bad input, 404 for a key no record has. */
export class RecordChangeError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
  }
}

const FIELDS_BY_OP: Readonly<Record<RecordOp, readonly string[]>> = {
  add: ['endpoint', 'op', 'record'],
  update: ['endpoint', 'op', 'key', 'set'],
  remove: ['endpoint', 'op', 'key'],
};

function isObject(value: unknown): value is WireRow {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKeyValue(value: unknown): value is string | number {
  return (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value));
}

/** Keys compare as strings: `"3516"` is the record whose id is 3516, sent as a number or as a string. */
export function recordKey(endpoint: RecordEndpoint, row: WireRow): string {
  return RECORD_KEY_FIELDS[endpoint].map((field) => String(row[field])).join(':');
}

/** Validates one change strictly, so a typo fails loudly; `index` names it in a batch's messages. */
export function parseRecordChange(input: unknown, index?: number): RecordChange {
  const at = index === undefined ? '' : `changes[${index}].`;
  if (!isObject(input))
    throw new RecordChangeError(
      `${index === undefined ? 'a change' : `"changes[${index}]"`} must be a JSON object`,
    );
  const field = (name: string) => `"${at}${name}"`;
  const { endpoint: rawEndpoint, op } = input;
  if (typeof rawEndpoint !== 'string')
    throw new RecordChangeError(`${field('endpoint')} must be one of ${RECORD_ENDPOINTS.join(', ')}`);
  const endpoint = rawEndpoint.replace(/^\/+/, '');
  if (!DATASET_TABLES.has(endpoint as RecordEndpoint)) {
    throw new RecordChangeError(
      `${field('endpoint')} must be one of ${RECORD_ENDPOINTS.join(', ')} (case-sensitive), got "${rawEndpoint}"`,
    );
  }
  const path = endpoint as RecordEndpoint;
  if (op !== 'add' && op !== 'update' && op !== 'remove')
    throw new RecordChangeError(`${field('op')} must be "add", "update" or "remove"`);
  const known = FIELDS_BY_OP[op];
  for (const name of Object.keys(input)) {
    if (!known.includes(name))
      throw new RecordChangeError(`unknown field ${field(name)} for op "${op}" (known: ${known.join(', ')})`);
  }
  const keyFields = RECORD_KEY_FIELDS[path];

  if (op === 'add') {
    const record = input['record'];
    if (!isObject(record)) throw new RecordChangeError(`${field('record')} must be a JSON object`);
    for (const name of keyFields) {
      if (!isKeyValue(record[name]))
        throw new RecordChangeError(`${field(`record.${name}`)} must be a non-empty string or a number`);
    }
    return { endpoint: path, op, record };
  }

  const key = input['key'];
  if (!isKeyValue(key)) throw new RecordChangeError(`${field('key')} must be a non-empty string or a number`);
  const keyText = String(key);
  if (keyFields.length > 1 && keyText.split(':').length < keyFields.length) {
    throw new RecordChangeError(
      `${field('key')} of ${path} is "${keyFields.map((name) => `<${name}>`).join(':')}", got "${keyText}"`,
    );
  }
  if (op === 'remove') return { endpoint: path, op, key: keyText };

  const set = input['set'];
  if (!isObject(set)) throw new RecordChangeError(`${field('set')} must be a JSON object of wire fields`);
  const names = Object.keys(set);
  if (names.length === 0) throw new RecordChangeError(`${field('set')} must name at least one field`);
  const keyField = names.find((name) => keyFields.includes(name));
  if (keyField !== undefined) {
    throw new RecordChangeError(
      `${field(`set.${keyField}`)} is part of the key of ${path} and cannot change: remove the record and add it again`,
    );
  }
  return { endpoint: path, op, key: keyText, set };
}

/** The body of `POST /__sim/records`: one change, or `{ "changes": [...] }`. */
export function parseRecordChanges(input: unknown): { changes: RecordChange[]; batch: boolean } {
  if (!isObject(input)) throw new RecordChangeError('the body must be a JSON object');
  if (!Object.hasOwn(input, 'changes')) return { changes: [parseRecordChange(input)], batch: false };
  const extra = Object.keys(input).find((name) => name !== 'changes');
  if (extra !== undefined)
    throw new RecordChangeError(`unknown field "${extra}" beside "changes" (a batch holds only "changes")`);
  const list = input['changes'];
  if (!Array.isArray(list) || list.length === 0)
    throw new RecordChangeError('"changes" must be a non-empty array of changes');
  return { changes: list.map((change, i) => parseRecordChange(change, i)), batch: true };
}

/**
 * The records the simulator serves: its dataset, with the control API's changes on top. A table is
 * copied from the dataset on its first change only (later changes edit the copy in place), so an
 * endpoint nobody changes stays as lazy as the dataset made it; `reset()` drops the copies.
 */
export class RecordStore implements SimDataset {
  private readonly changed = new Map<RecordEndpoint, WireRow[]>();
  private readonly listeners: Array<(endpoint: RecordEndpoint) => void> = [];

  constructor(private readonly dataset: SimDataset) {}

  get name(): string {
    return this.dataset.name;
  }

  /** Called with each endpoint whose records changed (or were restored), after the change. */
  onChange(listener: (endpoint: RecordEndpoint) => void): void {
    this.listeners.push(listener);
  }

  /** The records behind `endpoint` now, in the order the vendor sends them. */
  rows(endpoint: RecordEndpoint): readonly WireRow[] {
    return this.changed.get(endpoint) ?? this.original(endpoint);
  }

  /**
   * Applies the changes in order, all or none: every change is checked against the records as the
   * earlier ones leave them before any is applied. Throws a RecordChangeError naming the first refused.
   */
  apply(changes: readonly RecordChange[], batch = changes.length > 1): RecordChangeResult[] {
    // Whether each key a change touches exists once the earlier changes are applied.
    const present = new Map<string, boolean>();
    changes.forEach((change, i) => {
      const key = change.op === 'add' ? recordKey(change.endpoint, change.record) : change.key;
      const slot = `${change.endpoint}\n${key}`;
      const exists = present.get(slot) ?? this.indexOf(change.endpoint, key) >= 0;
      const at = batch ? `changes[${i}]: ` : '';
      const keyName = RECORD_KEY_FIELDS[change.endpoint].join(':');
      if (change.op === 'add' && exists)
        throw new RecordChangeError(`${at}${change.endpoint} already has a record with ${keyName} "${key}"`);
      if (change.op !== 'add' && !exists)
        throw new RecordChangeError(`${at}${change.endpoint} has no record with ${keyName} "${key}"`, 404);
      present.set(slot, change.op !== 'remove');
    });

    const results = changes.map((change) => this.applyOne(change));
    for (const endpoint of new Set(changes.map((change) => change.endpoint))) this.notify(endpoint);
    return results;
  }

  /** Restores the dataset's own records. */
  reset(): void {
    const endpoints = [...this.changed.keys()];
    this.changed.clear();
    for (const endpoint of endpoints) this.notify(endpoint);
  }

  operatorAccounts(): readonly WireOperatorAccount[] {
    return this.wire<WireOperatorAccount>('WeCaht');
  }
  staff(): readonly WireStaff[] {
    return this.wire<WireStaff>('staff');
  }
  staffWechat(): readonly WireStaffWechat[] {
    return this.wire<WireStaffWechat>('staff/GetStaffWechat');
  }
  labelCategories(): readonly WireLabelCategory[] {
    return this.wire<WireLabelCategory>('Label');
  }
  labels(): readonly WireLabel[] {
    return this.wire<WireLabel>('wecahtlabel');
  }
  adGroups(): readonly WireAdGroup[] {
    return this.wire<WireAdGroup>('AdManage');
  }
  customAttributes(): readonly WireCustomAttribute[] {
    return this.wire<WireCustomAttribute>('friend/GetCustomAttributeList');
  }

  // An added record may drift from its wire type on purpose; EndpointValues reads such rows defensively.
  private wire<T>(endpoint: RecordEndpoint): readonly T[] {
    return this.rows(endpoint) as unknown as readonly T[];
  }

  private original(endpoint: RecordEndpoint): readonly WireRow[] {
    const table = DATASET_TABLES.get(endpoint) as VendorEndpointName;
    return this.dataset[table]() as unknown as readonly WireRow[];
  }

  private indexOf(endpoint: RecordEndpoint, key: string): number {
    return this.rows(endpoint).findIndex((row) => recordKey(endpoint, row) === key);
  }

  private writable(endpoint: RecordEndpoint): WireRow[] {
    let rows = this.changed.get(endpoint);
    if (!rows) {
      rows = [...this.original(endpoint)];
      this.changed.set(endpoint, rows);
    }
    return rows;
  }

  private applyOne(change: RecordChange): RecordChangeResult {
    const rows = this.writable(change.endpoint);
    const { endpoint, op } = change;
    if (op === 'add') {
      rows.push({ ...change.record });
      return { endpoint, op, key: recordKey(endpoint, change.record), count: rows.length };
    }
    const index = this.indexOf(endpoint, change.key);
    // The dataset's rows are shared (the seed's are module constants): replace a row, never edit it.
    if (op === 'update') rows[index] = { ...rows[index], ...change.set };
    else rows.splice(index, 1);
    return { endpoint, op, key: change.key, count: rows.length };
  }

  private notify(endpoint: RecordEndpoint): void {
    for (const listener of this.listeners) listener(endpoint);
  }
}
