import type { DriftSink, Staff, StaffStatus } from '@youmi-facade/domain';
import type { WireStaff } from '@youmi-facade/vendor-client/wire';
import type { DriftContext } from './drift.reporter';
import { report } from './drift.reporter';
import type { RawRecord } from './record.reader';
import { driftContext, endpointFields, mapRecord, mapRecords, reportUnknownFields } from './record.reader';
import { readInteger, readString } from './scalar.parser';

const FIELDS = endpointFields('staff');

/** 员工配置: the records of a `staff` answer's `values`. */
export function mapStaffList(values: unknown, sink: DriftSink): Staff[] {
  return mapRecords(values, driftContext(FIELDS, sink), mapStaffRecord);
}

/** One `staff` record; null (with drift) when it is not an object or has no staff code. */
export function mapStaff(raw: unknown, sink: DriftSink): Staff | null {
  return mapRecord(raw, driftContext(FIELDS, sink), mapStaffRecord);
}

function mapStaffRecord(raw: object, ctx: DriftContext): Staff | null {
  reportUnknownFields(raw, FIELDS.known, ctx);
  const r = raw as RawRecord<WireStaff>;
  const code = readStaffCode(r.ad_staff_code, 'ad_staff_code', ctx);
  if (code === null) return null;
  return {
    code,
    name: readString(r.ad_staff_name, 'ad_staff_name', ctx, false) ?? '',
    status: readStatus(r.ad_staff_state, ctx),
    linkedOrderUsername: readString(r.ad_self_user, 'ad_self_user', ctx, true),
  };
}

/**
 * A staff code identifies its staff member (`/v1/staff/{code}`), so an empty one makes the record unusable.
 */
export function readStaffCode(value: unknown, field: string, ctx: DriftContext): string | null {
  const code = readString(value, field, ctx, false);
  if (code === '') report(ctx, field, 'unparseable', value);
  return code === '' ? null : code;
}

/** An unreadable state is shown as disabled: never present a staff member as active on a guess. */
function readStatus(value: unknown, ctx: DriftContext): StaffStatus {
  const state = readInteger(value, 'ad_staff_state', ctx, false);
  if (state === 0) return 'active';
  if (state !== 1 && state !== null) report(ctx, 'ad_staff_state', 'unparseable', value);
  return 'disabled';
}
