import type { AdGroup, AdGroupAccount, DriftSink } from '@youmi-facade/domain';
import type { WireAdGroup } from '@youmi-facade/vendor-client/wire';
import { parseDeviceNumbers } from './device-number.parser';
import type { DriftContext } from './drift.reporter';
import { report } from './drift.reporter';
import { readJsonArray } from './json-text.parser';
import { readQrCodeUrl } from './qr-code-url.parser';
import type { RawRecord } from './record.reader';
import {
  driftContext,
  endpointFields,
  isRecord,
  mapRecord,
  mapRecords,
  reportUnknownFields,
} from './record.reader';
import { readRegion } from './region.resolver';
import { integerOf, readInteger, readString } from './scalar.parser';

const FIELDS = endpointFields('adGroups');

/** The fields of one item of the `wechats` JSON text. */
const WECHAT_ITEM_FIELDS: ReadonlySet<string> = new Set(['ad_wechat_nober', 'ad_wechat_qrcode']);

/** 投放组配置: the records of an `AdManage` answer's `values`. */
export function mapAdGroups(values: unknown, sink: DriftSink): AdGroup[] {
  return mapRecords(values, driftContext(FIELDS, sink), mapAdGroupRecord);
}

/** One `AdManage` record; null (with drift) when it is not an object or has no integer id. */
export function mapAdGroup(raw: unknown, sink: DriftSink): AdGroup | null {
  return mapRecord(raw, driftContext(FIELDS, sink), mapAdGroupRecord);
}

function mapAdGroupRecord(raw: object, ctx: DriftContext): AdGroup | null {
  reportUnknownFields(raw, FIELDS.known, ctx);
  const r = raw as RawRecord<WireAdGroup>;
  const id = readInteger(r.ad_brand_id, 'ad_brand_id', ctx, false);
  if (id === null) return null;
  return {
    id,
    name: readString(r.ad_brand_name, 'ad_brand_name', ctx, false) ?? '',
    code: readString(r.ad_brand_code, 'ad_brand_code', ctx, false) ?? '',
    merchantId: readString(r.merchantid, 'merchantid', ctx, true),
    operatorAccountIds: readAccountIds(r.ad_brand_welist, ctx),
    accounts: readAccounts(r.wechats, r.ad_wechat_nick, ctx),
    region: readRegion(r.ad_brand_region_code, 'ad_brand_region_code', ctx),
  };
}

/** `"[\"3516\", \"3521\"]"` → [3516, 3521]; a set of ids, so repeats are dropped. */
function readAccountIds(value: unknown, ctx: DriftContext): number[] {
  const items = readJsonArray(value, 'ad_brand_welist', ctx, true);
  const ids: number[] = [];
  if (items === null) return ids;
  const seen = new Set<number>();
  for (const item of items) {
    const id = integerOf(item);
    if (id === null) {
      const kind = typeof item === 'string' || typeof item === 'number' ? 'unparseable' : 'wrong-type';
      report(ctx, 'ad_brand_welist[]', kind, item);
    } else if (!seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  }
  return ids;
}

/**
 * The accounts of `wechats` in the vendor's order, each with its device number from ad_wechat_nick;
 * then any account that only ad_wechat_nick names (with no QR code), so no account is lost when the
 * vendor fills one field and not the other.
 */
function readAccounts(wechats: unknown, nick: unknown, ctx: DriftContext): AdGroupAccount[] {
  const deviceNos = readDeviceNumbers(nick, ctx);
  const accounts: AdGroupAccount[] = [];
  const seen = new Set<string>();
  const items = readJsonArray(wechats, 'wechats', ctx, true);
  if (items !== null) {
    for (const item of items) {
      if (!isRecord(item)) {
        report(ctx, 'wechats[]', 'wrong-type', item);
        continue;
      }
      reportUnknownFields(item, WECHAT_ITEM_FIELDS, ctx, 'wechats[].');
      const w = item as { ad_wechat_nober?: unknown; ad_wechat_qrcode?: unknown };
      const wechatId = readString(w.ad_wechat_nober, 'wechats[].ad_wechat_nober', ctx, false);
      if (wechatId === '') report(ctx, 'wechats[].ad_wechat_nober', 'unparseable', wechatId);
      if (wechatId === null || wechatId === '' || seen.has(wechatId)) continue;
      seen.add(wechatId);
      accounts.push({
        deviceNo: deviceNos.get(wechatId) ?? null,
        wechatId,
        qrCodeUrl: readQrCodeUrl(w.ad_wechat_qrcode, 'wechats[].ad_wechat_qrcode', ctx),
      });
    }
  }
  for (const [wechatId, deviceNo] of deviceNos) {
    if (!seen.has(wechatId)) accounts.push({ deviceNo, wechatId, qrCodeUrl: null });
  }
  return accounts;
}

/** wechatId → device number (null when the item names none); the first item of a repeated id wins. */
function readDeviceNumbers(value: unknown, ctx: DriftContext): Map<string, string | null> {
  const byWechatId = new Map<string, string | null>();
  const text = readString(value, 'ad_wechat_nick', ctx, true);
  if (text === null) return byWechatId;
  const { entries, complete } = parseDeviceNumbers(text);
  if (!complete) report(ctx, 'ad_wechat_nick', 'unparseable', value);
  for (const { wechatId, deviceNo } of entries) {
    if (!byWechatId.has(wechatId)) byWechatId.set(wechatId, deviceNo);
  }
  return byWechatId;
}
