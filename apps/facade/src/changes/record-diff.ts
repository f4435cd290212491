import type { ChangeKind, FieldChange } from './change-event';

/** A resource's records by key, each as the JSON text its endpoint answers. */
export type Snapshot = ReadonlyMap<string, string>;

export interface RecordChange {
  kind: ChangeKind;
  key: string;
  /** The record's JSON now; undefined once deleted. */
  after?: string;
  /** Field by field, for `updated`. */
  changes?: FieldChange[];
}

/** The keys that may differ between two snapshots, when known: the rest are the same in both. */
export interface Candidates {
  /** Keys of `current` that changed or appeared, in its order. */
  changed: readonly string[];
  /** Keys no longer in `current`. */
  removed: readonly string[];
}

/**
 * What changed from one snapshot to the next: created and updated records in the current snapshot's
 * order, then the deleted ones in the previous snapshot's. Records are compared by their JSON text, so
 * only the changed few are parsed; with `candidates`, only those keys are looked at.
 */
export function diffSnapshots(
  previous: Snapshot,
  current: Snapshot,
  candidates?: Candidates,
): RecordChange[] {
  const found: RecordChange[] = [];
  for (const key of candidates?.changed ?? current.keys()) {
    const after = current.get(key);
    const before = previous.get(key);
    if (after === undefined) continue;
    if (before === undefined) {
      found.push({ kind: 'created', key, after });
      continue;
    }
    // Stryker disable next-line ConditionalExpression: equal texts parse to values diffValues
    // finds equal; the check spares parsing them.
    if (before === after) continue;
    const changes = diffValues(JSON.parse(before), JSON.parse(after));
    // The same value written differently (key order, say) is no change.
    if (changes.length > 0) found.push({ kind: 'updated', key, after, changes });
  }
  for (const key of candidates?.removed ?? previous.keys())
    if (previous.has(key) && !current.has(key)) found.push({ kind: 'deleted', key });
  return found;
}

/**
 * The fields whose values differ, dotted for nested objects; an array, or an object that appears or
 * disappears, is one field with its whole value before and after. An absent field reads as null.
 */
export function diffValues(before: unknown, after: unknown, prefix = ''): FieldChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const fields = [...new Set([...Object.keys(after), ...Object.keys(before)])];
    return fields.flatMap((field) =>
      diffValues(before[field], after[field], prefix === '' ? field : `${prefix}.${field}`),
    );
  }
  if (sameValue(before, after)) return [];
  return [{ field: prefix, before: before ?? null, after: after ?? null }];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue(a[key], b[key]));
  }
  return false;
}
