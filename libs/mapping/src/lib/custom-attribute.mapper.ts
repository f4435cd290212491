import type {
  CustomAttribute,
  CustomAttributeOption,
  CustomAttributeType,
  DriftSink,
} from '@youmi-facade/domain';
import type { WireCustomAttribute } from '@youmi-facade/vendor-client/wire';
import type { DriftContext } from './drift.reporter';
import { report } from './drift.reporter';
import { readJsonArray } from './json-text.parser';
import type { RawRecord } from './record.reader';
import {
  driftContext,
  endpointFields,
  isRecord,
  mapRecord,
  mapRecords,
  reportUnknownFields,
} from './record.reader';
import { readBoolean, readInteger, readString } from './scalar.parser';
import { readTime } from './time.parser';

const FIELDS = endpointFields('customAttributes');

const OPTION_FIELDS: ReadonlySet<string> = new Set(['key', 'value']);

/** Index + 1 = vendor customType. */
const TYPES_BY_CODE: readonly CustomAttributeType[] = ['text', 'date', 'single-select', 'multi-select'];

/** 好友自定义属性配置: the records of a `friend/GetCustomAttributeList` answer, in the vendor's order. */
export function mapCustomAttributes(values: unknown, sink: DriftSink): CustomAttribute[] {
  return mapRecords(values, driftContext(FIELDS, sink), mapCustomAttributeRecord);
}

/** One record; null (with drift) when it is not an object or has no integer id. */
export function mapCustomAttribute(raw: unknown, sink: DriftSink): CustomAttribute | null {
  return mapRecord(raw, driftContext(FIELDS, sink), mapCustomAttributeRecord);
}

/** The API's order for custom attributes: by sort, then by id. */
export function compareCustomAttributes(a: CustomAttribute, b: CustomAttribute): number {
  return a.sort - b.sort || a.id - b.id;
}

function mapCustomAttributeRecord(raw: object, ctx: DriftContext): CustomAttribute | null {
  reportUnknownFields(raw, FIELDS.known, ctx);
  const r = raw as RawRecord<WireCustomAttribute>;
  const id = readInteger(r.id, 'id', ctx, false);
  if (id === null) return null;
  const type = readType(r.customType, ctx);
  const isSelect = type === 'single-select' || type === 'multi-select';
  const maxLength = readInteger(r.customLength, 'customLength', ctx, true);
  if (maxLength !== null && maxLength < 0) report(ctx, 'customLength', 'unparseable', r.customLength);
  return {
    id,
    name: readString(r.customName, 'customName', ctx, false) ?? '',
    type,
    required: readBoolean(r.customIsred, 'customIsred', ctx) ?? false,
    maxLength: maxLength !== null && maxLength > 0 ? maxLength : null,
    sort: readInteger(r.sort, 'sort', ctx, false) ?? 0,
    merchantId: readString(r.merchantId, 'merchantId', ctx, true),
    createdAt: readTime(r.customAddtime, 'customAddtime', ctx),
    // Options of a text or date attribute mean nothing to a consumer, so they are not even read.
    options: isSelect ? readOptions(r, ctx) : [],
    dateFormat: type === 'date' ? readString(r.customDateformat, 'customDateformat', ctx, true) : null,
  };
}

/** An unknown customType is shown as text: the one kind of field every client can still fill in. */
function readType(value: unknown, ctx: DriftContext): CustomAttributeType {
  const code = readInteger(value, 'customType', ctx, false);
  if (code === null) return 'text';
  const type = TYPES_BY_CODE[code - 1];
  if (type !== undefined) return type;
  report(ctx, 'customType', 'unparseable', value);
  return 'text';
}

/**
 * customValJsonStr (already an array) when it holds options, else the JSON text of customVal: an empty
 * customValJsonStr next to a filled customVal means the vendor did not fill the former, not "no options".
 */
function readOptions(r: RawRecord<WireCustomAttribute>, ctx: DriftContext): CustomAttributeOption[] {
  let field = 'customValJsonStr';
  let items = readJsonArray(r.customValJsonStr, field, ctx, false);
  if (items === null || items.length === 0) {
    field = 'customVal';
    items = readJsonArray(r.customVal, field, ctx, true);
  }
  const options: CustomAttributeOption[] = [];
  if (items === null) return options;
  const itemField = `${field}[]`;
  for (const item of items) {
    if (!isRecord(item)) {
      report(ctx, itemField, 'wrong-type', item);
      continue;
    }
    reportUnknownFields(item, OPTION_FIELDS, ctx, `${itemField}.`);
    const o = item as { key?: unknown; value?: unknown };
    const label = readString(o.key, `${itemField}.key`, ctx, false);
    const value = readString(o.value, `${itemField}.value`, ctx, false);
    if (label !== null && value !== null) options.push({ label, value });
  }
  return options;
}
