import type { DriftContext } from './drift.reporter';
import { report } from './drift.reporter';

/** The vendor's local time zone, assumed for a time sent without an offset. */
const VENDOR_OFFSET_MINUTES = 8 * 60;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const ZERO = 48;
const DASH = 45;
const COLON = 58;
const DOT = 46;
const PLUS = 43;

/**
 * A reused character buffer: one `String.fromCharCode` over it makes the result in a single flat
 * allocation, about ten times cheaper than concatenating its pieces or `Date#toISOString` (bound once
 * because a global lookup per call is slow inside vm contexts such as jest's).
 */
const { fromCharCode } = String;
const ISO_BUFFER = Array.from('0000-00-00T00:00:00.000Z', (c) => c.charCodeAt(0));

/**
 * `2018-01-18T21:17:35.613849+08:00` → `2018-01-18T13:17:35.613Z`. Accepts `T` or a space, optional
 * seconds and any number of fractional digits (truncated to milliseconds, never rounded), an offset
 * `Z`, `±hh:mm`, `±hhmm` or `±hh`, or none (vendor local time, +08:00). Null when it is not such a time.
 * Hand-parsed because it runs once per record on the hot path.
 */
export function parseVendorTime(text: string): string | null {
  const s =
    // Stryker disable next-line ConditionalExpression,EqualityOperator: Only empty text tells the length
    // test apart, and for it charCodeAt answers NaN, so the guard stays false, and ''.trim() is '' anyway.
    text.length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32)
      ? text.trim()
      : text;
  const len = s.length;
  // Stryker disable next-line ConditionalExpression: Without len < 16 a shorter text is still rejected: it
  // has no digit at index 15, so the minute reads as -1 and the field check returns null.
  if (len < 16 || len > 64) return null;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const sep = s.charCodeAt(10);
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    s.charCodeAt(4) !== DASH ||
    s.charCodeAt(7) !== DASH ||
    s.charCodeAt(13) !== COLON ||
    (sep !== 84 && sep !== 116 && sep !== 32) // T, t or space
  ) {
    return null;
  }
  if (day > daysInMonth(year, month)) return null;

  let i = 16;
  let second = 0;
  const out = ISO_BUFFER;
  out[20] = out[21] = out[22] = ZERO;
  if (s.charCodeAt(i) === COLON) {
    second = digits(s, i + 1, 2);
    if (second < 0 || second > 59) return null;
    i += 3;
    if (s.charCodeAt(i) === DOT) {
      const start = ++i;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: Without i < len the loop still
      // stops at the end, because charCodeAt(len) is NaN and NaN is not a digit. At i === len charCodeAt
      // answers NaN, which is not a digit, so the loop stops at the same index.
      while (i < len && isDigit(s.charCodeAt(i))) i++;
      const count = i - start;
      if (count === 0) return null;
      // Truncated, never rounded: .613849 is still in millisecond 613.
      for (let k = 0; k < 3 && k < count; k++) out[20 + k] = s.charCodeAt(start + k);
    }
  }

  let offsetMinutes: number;
  if (i === len) {
    offsetMinutes = VENDOR_OFFSET_MINUTES;
  } else {
    const c = s.charCodeAt(i);
    if ((c === 90 || c === 122) && i + 1 === len) {
      offsetMinutes = 0; // Z or z
    } else if (c === PLUS || c === DASH) {
      const oh = digits(s, i + 1, 2);
      let om: number;
      if (i + 3 === len) om = 0;
      else if (i + 6 === len && s.charCodeAt(i + 3) === COLON) om = digits(s, i + 4, 2);
      else if (i + 5 === len) om = digits(s, i + 3, 2);
      else return null;
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return null;
      offsetMinutes = (c === PLUS ? 1 : -1) * (oh * 60 + om);
    } else {
      return null;
    }
  }

  // Calendar arithmetic instead of Date, whose toISOString alone costs more than the rest of a record.
  let minutes = hour * 60 + minute - offsetMinutes;
  let y = year;
  let mo = month;
  let d = day;
  if (minutes < 0) {
    minutes += 1440;
    if (--d === 0) {
      if (--mo === 0) {
        mo = 12;
        y--;
      }
      d = daysInMonth(y, mo);
    }
  } else if (minutes >= 1440) {
    minutes -= 1440;
    if (++d > daysInMonth(y, mo)) {
      d = 1;
      if (++mo === 13) {
        mo = 1;
        y++;
      }
    }
  }
  if (y < 0 || y > 9999) return null;
  const h = (minutes / 60) | 0;
  const mi = minutes % 60;
  out[0] = ZERO + ((y / 1000) | 0);
  out[1] = ZERO + (((y / 100) | 0) % 10);
  out[2] = ZERO + (((y / 10) | 0) % 10);
  out[3] = ZERO + (y % 10);
  out[5] = ZERO + ((mo / 10) | 0);
  out[6] = ZERO + (mo % 10);
  out[8] = ZERO + ((d / 10) | 0);
  out[9] = ZERO + (d % 10);
  out[11] = ZERO + ((h / 10) | 0);
  out[12] = ZERO + (h % 10);
  out[14] = ZERO + ((mi / 10) | 0);
  out[15] = ZERO + (mi % 10);
  out[17] = ZERO + ((second / 10) | 0);
  out[18] = ZERO + (second % 10);
  return fromCharCode(...out);
}

/** A time field: UTC ISO text, or null (silently for null, absent or empty text; with drift otherwise). */
export function readTime(value: unknown, field: string, ctx: DriftContext): string | null {
  if (typeof value === 'string') {
    if (value === '') return null;
    const iso = parseVendorTime(value);
    if (iso === null) report(ctx, field, 'unparseable', value);
    return iso;
  }
  if (value !== null && value !== undefined) report(ctx, field, 'wrong-type', value);
  return null;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1];
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= ZERO + 9;
}

/** The number written by `count` ASCII digits at `start`, or -1. */
function digits(s: string, start: number, count: number): number {
  let n = 0;
  for (let k = start; k < start + count; k++) {
    const c = s.charCodeAt(k);
    if (!isDigit(c)) return -1;
    n = n * 10 + (c - ZERO);
  }
  return n;
}
