import type { DriftSink, StaffAssignment, StaffOperatorAccount } from '@youmi-facade/domain';
import type { WireStaffWechat } from '@youmi-facade/vendor-client/wire';
import type { DriftContext } from './drift.reporter';
import { readQrCodeUrl } from './qr-code-url.parser';
import type { RawRecord } from './record.reader';
import { driftContext, endpointFields, mapRecord, mapRecords, reportUnknownFields } from './record.reader';
import { readInteger, readString } from './scalar.parser';
import { readStaffCode } from './staff.mapper';

const FIELDS = endpointFields('staffWechat');

/** 员工管理运营机: the accounts of a `staff/GetStaffWechat` answer (asked for one staff code). */
export function mapStaffOperatorAccounts(values: unknown, sink: DriftSink): StaffOperatorAccount[] {
  return mapRecords(values, driftContext(FIELDS, sink), mapAccountRecord);
}

export function mapStaffOperatorAccount(raw: unknown, sink: DriftSink): StaffOperatorAccount | null {
  return mapRecord(raw, driftContext(FIELDS, sink), mapAccountRecord);
}

/** Every staff member / account pair of a `staff/GetStaffWechat` answer (asked without a staff code). */
export function mapStaffAssignments(values: unknown, sink: DriftSink): StaffAssignment[] {
  return mapRecords(values, driftContext(FIELDS, sink), mapAssignmentRecord);
}

/** One row as a pair; null (with drift) without a staff code or an integer account id. */
export function mapStaffAssignment(raw: unknown, sink: DriftSink): StaffAssignment | null {
  return mapRecord(raw, driftContext(FIELDS, sink), mapAssignmentRecord);
}

function mapAccountRecord(raw: object, ctx: DriftContext): StaffOperatorAccount | null {
  reportUnknownFields(raw, FIELDS.known, ctx);
  return readAccount(raw as RawRecord<WireStaffWechat>, ctx);
}

function mapAssignmentRecord(raw: object, ctx: DriftContext): StaffAssignment | null {
  reportUnknownFields(raw, FIELDS.known, ctx);
  const r = raw as RawRecord<WireStaffWechat>;
  const staffCode = readStaffCode(r.ad_staff_code, 'ad_staff_code', ctx);
  if (staffCode === null) return null;
  const account = readAccount(r, ctx);
  return account === null ? null : { staffCode, account };
}

function readAccount(r: RawRecord<WireStaffWechat>, ctx: DriftContext): StaffOperatorAccount | null {
  const id = readInteger(r.ad_wechat_id, 'ad_wechat_id', ctx, false);
  if (id === null) return null;
  return {
    id,
    wechatId: readString(r.ad_wechat_nober, 'ad_wechat_nober', ctx, false) ?? '',
    deviceNo: readString(r.ad_wechat_nick, 'ad_wechat_nick', ctx, false) ?? '',
    nickname: readString(r.ad_wechat_nickname, 'ad_wechat_nickname', ctx, true),
    qrCodeUrl: readQrCodeUrl(r.ad_wechat_qrcode, 'ad_wechat_qrcode', ctx),
    originalId: readString(r.ad_original_nober, 'ad_original_nober', ctx, true),
  };
}
