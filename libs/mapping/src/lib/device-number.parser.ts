/** One `P05(dong23287)` item of an ad group's ad_wechat_nick: the work phone's number and its WeChat id. */
export interface DeviceNumberEntry {
  deviceNo: string | null;
  wechatId: string;
}

export interface DeviceNumberList {
  entries: DeviceNumberEntry[];
  /** False when some item was not `DEVICE(WECHAT_ID)`; the readable items are still in `entries`. */
  complete: boolean;
}

const ITEM_SEPARATOR = /[,，]/;

/** `"P05(dong23287),P04(mioz888)"` → [{P05, dong23287}, {P04, mioz888}]. */
export function parseDeviceNumbers(text: string): DeviceNumberList {
  const entries: DeviceNumberEntry[] = [];
  let complete = true;
  for (const part of text.split(ITEM_SEPARATOR)) {
    const item = part.trim();
    if (item === '') continue;
    const open = item.lastIndexOf('(');
    // Tolerate the full-width parentheses a Chinese keyboard produces.
    const openAlt = item.lastIndexOf('（');
    const start = Math.max(open, openAlt);
    const last = item.charCodeAt(item.length - 1);
    // Stryker disable next-line ConditionalExpression,StringLiteral: With no opening parenthesis (start < 0)
    // the next line skips the item whatever wechatId holds.
    const wechatId = start < 0 ? '' : item.slice(start + 1, item.length - 1).trim();
    // Stryker disable next-line ConditionalExpression: The one survivor of the three is the start < 0
    // operand: with no opening parenthesis wechatId is '', so the wechatId === '' check skips the item anyway
    // (the other two are killed by 'no closing parenthesis').
    if (start < 0 || (last !== 41 && last !== 0xff09) || wechatId === '') {
      complete = false;
      continue;
    }
    const deviceNo = item.slice(0, start).trim();
    entries.push({ deviceNo: deviceNo === '' ? null : deviceNo, wechatId });
  }
  return { entries, complete };
}
