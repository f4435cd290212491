import type { DriftContext } from './drift.reporter';
import { report } from './drift.reporter';

const INTEGER_TEXT = /^[+-]?\d{1,16}$/;
// Bound once: looking a global up on every call is slow inside vm contexts such as jest's.
const { isSafeInteger } = Number;

/** `"15"` → 15, `" 15 "` → 15; anything else (`"1.5"`, `"abc"`, beyond 2^53) → null. */
export function parseIntegerText(text: string): number | null {
  const trimmed = text.trim();
  if (!INTEGER_TEXT.test(trimmed)) return null;
  const n = Number(trimmed);
  if (!isSafeInteger(n)) return null;
  return n === 0 ? 0 : n;
}

/** An integer from a number or numeric text, without drift; null otherwise. -0 becomes 0. */
export function integerOf(value: unknown): number | null {
  if (typeof value === 'number') return isSafeInteger(value) ? (value === 0 ? 0 : value) : null;
  return typeof value === 'string' ? parseIntegerText(value) : null;
}

/**
 * An integer from a number or a numeric string. Null after drift, or silently for null, absent or
 * empty text when the field is nullable.
 */
export function readInteger(
  value: unknown,
  field: string,
  ctx: DriftContext,
  nullable: boolean,
): number | null {
  if (typeof value === 'number') {
    if (isSafeInteger(value)) return value === 0 ? 0 : value;
    report(ctx, field, 'unparseable', value);
    return null;
  }
  if (typeof value === 'string') {
    const n = parseIntegerText(value);
    if (n !== null) return n;
    if (!(nullable && value.trim() === '')) report(ctx, field, 'unparseable', value);
    return null;
  }
  if (!(nullable && (value === null || value === undefined))) report(ctx, field, 'wrong-type', value);
  return null;
}

/**
 * true/false, 0/1 and their text forms; null after drift otherwise (every boolean of the API is required).
 */
export function readBoolean(value: unknown, field: string, ctx: DriftContext): boolean | null {
  switch (value) {
    case true:
    case 1:
    case '1':
    case 'true':
      return true;
    case false:
    case 0:
    case '0':
    case 'false':
      return false;
  }
  report(
    ctx,
    field,
    typeof value === 'number' || typeof value === 'string' ? 'unparseable' : 'wrong-type',
    value,
  );
  return null;
}

/**
 * A string as sent. A number is kept as its text (its meaning survives) but still recorded as drift.
 * Nullable fields turn empty text into null, so a consumer has one way to see "none".
 */
export function readString(
  value: unknown,
  field: string,
  ctx: DriftContext,
  nullable: boolean,
): string | null {
  if (typeof value === 'string') return nullable && value === '' ? null : value;
  if (value === null || value === undefined) {
    if (!nullable) report(ctx, field, 'wrong-type', value);
    return null;
  }
  report(ctx, field, 'wrong-type', value);
  // Stryker disable next-line ConditionalExpression: Dropping the typeof check changes nothing:
  // Number.isFinite does not coerce and is false for every value that is not a number.
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
}
