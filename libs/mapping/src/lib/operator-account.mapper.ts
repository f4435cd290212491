import type { DriftSink, OperatorAccount, OperatorAccountKind } from '@youmi-facade/domain';
import type { WireOperatorAccount } from '@youmi-facade/vendor-client/wire';
import type { DriftContext } from './drift.reporter';
import { report } from './drift.reporter';
import { readQrCodeUrl } from './qr-code-url.parser';
import type { RawRecord } from './record.reader';
import { driftContext, endpointFields, mapRecord, mapRecords, reportUnknownFields } from './record.reader';
import { readBoolean, readInteger, readString } from './scalar.parser';
import { readTime } from './time.parser';

const FIELDS = endpointFields('operatorAccounts');

/** Index = vendor ad_wechat_lei. */
const KINDS_BY_CODE: readonly OperatorAccountKind[] = ['wechat', 'official-account', 'mini-program', 'wecom'];

/** 运营号配置: the records of a `WeCaht` answer's `values`. */
export function mapOperatorAccounts(values: unknown, sink: DriftSink): OperatorAccount[] {
  return mapRecords(values, driftContext(FIELDS, sink), mapOperatorAccountRecord);
}

/** One `WeCaht` record; null (with drift) when it is not an object or has no integer id. */
export function mapOperatorAccount(raw: unknown, sink: DriftSink): OperatorAccount | null {
  return mapRecord(raw, driftContext(FIELDS, sink), mapOperatorAccountRecord);
}

function mapOperatorAccountRecord(raw: object, ctx: DriftContext): OperatorAccount | null {
  reportUnknownFields(raw, FIELDS.known, ctx);
  const r = raw as RawRecord<WireOperatorAccount>;
  const id = readInteger(r.ad_wechat_id, 'ad_wechat_id', ctx, false);
  if (id === null) return null;
  return {
    id,
    wechatId: readString(r.ad_wechat_nober, 'ad_wechat_nober', ctx, false) ?? '',
    deviceNo: readString(r.ad_wechat_nick, 'ad_wechat_nick', ctx, false) ?? '',
    nickname: readString(r.ad_wechat_nickname, 'ad_wechat_nickname', ctx, true),
    originalId: readString(r.ad_original_nober, 'ad_original_nober', ctx, true),
    qrCodeUrl: readQrCodeUrl(r.ad_wechat_qrcode, 'ad_wechat_qrcode', ctx),
    kind: readKind(r.ad_wechat_lei, ctx),
    addedAt: readTime(r.ad_wechat_addtime, 'ad_wechat_addtime', ctx),
    friendCount: readInteger(r.ad_wechat_friend, 'ad_wechat_friend', ctx, false) ?? 0,
    groupCount: readInteger(r.ad_wechat_group, 'ad_wechat_group', ctx, false) ?? 0,
    authorizations: {
      monitoring: readBoolean(r.ad_wechat_friends, 'ad_wechat_friends', ctx) ?? false,
      push: readBoolean(r.ad_wechat_push, 'ad_wechat_push', ctx) ?? false,
      callRecords: readBoolean(r.ad_wechat_record, 'ad_wechat_record', ctx) ?? false,
    },
    addFriendTasksEnabled: readBoolean(r.is_receiveaddfriendtask, 'is_receiveaddfriendtask', ctx) ?? false,
    notify: {
      exceptionStaffCode: readString(r.ad_receive_code, 'ad_receive_code', ctx, true),
      keywordStaffCode: readString(r.ad_key_code, 'ad_key_code', ctx, true),
      friendRequestStaffCode: readString(r.ad_chatroom_code, 'ad_chatroom_code', ctx, true),
    },
    deviceImei: readString(r.imei, 'imei', ctx, true),
  };
}

function readKind(value: unknown, ctx: DriftContext): OperatorAccountKind {
  const code = readInteger(value, 'ad_wechat_lei', ctx, false);
  if (code === null) return 'unknown';
  const kind = KINDS_BY_CODE[code];
  if (kind !== undefined) return kind;
  report(ctx, 'ad_wechat_lei', 'unparseable', value);
  return 'unknown';
}
