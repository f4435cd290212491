import type { DriftContext } from './drift.reporter';
import { report } from './drift.reporter';

/**
 * A JSON array that the vendor sends inside a string (`"[\"3516\", \"3521\"]"`). Null for null, absent,
 * empty or `null` text (silently), for malformed text (`malformed-json`) and for JSON that is not an
 * array (`wrong-type`). `textExpected` says which shape the wire type documents: an array where text is
 * documented (or text where an array is) is still used, but recorded as `wrong-type`.
 */
export function readJsonArray(
  value: unknown,
  field: string,
  ctx: DriftContext,
  textExpected: boolean,
): unknown[] | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    if (textExpected) report(ctx, field, 'wrong-type', value);
    return value;
  }
  if (typeof value !== 'string') {
    report(ctx, field, 'wrong-type', value);
    return null;
  }
  if (!textExpected) report(ctx, field, 'wrong-type', value);
  const text = value.trim();
  if (text === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    report(ctx, field, 'malformed-json', value);
    return null;
  }
  if (Array.isArray(parsed)) return parsed;
  if (parsed !== null) report(ctx, field, 'wrong-type', value);
  return null;
}
