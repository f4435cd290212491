const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/**
 * The vendor's local time, `2018-01-18T21:17:35.613849+08:00`: always +08:00, with as many fractional
 * digits as its storage kept (0 to 7). `fraction` supplies the digits beyond what a Date can hold.
 */
export function formatVendorTime(epochMs: number, fractionDigits: number, fraction = ''): string {
  const local = new Date(epochMs + CHINA_OFFSET_MS).toISOString();
  const seconds = local.slice(0, 19);
  if (fractionDigits <= 0) return `${seconds}+08:00`;
  const digits = (local.slice(20, 23) + fraction + '0000').slice(0, fractionDigits);
  return `${seconds}.${digits}+08:00`;
}

/** `msgTime` of an answer: .NET's round-trip format, always 7 fractional digits. */
export function vendorNow(nowMs: number): string {
  const subMillisecond = String(Math.floor((performance.now() % 1) * 10000)).padStart(4, '0');
  return formatVendorTime(nowMs, 7, subMillisecond);
}
