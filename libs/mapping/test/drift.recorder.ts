import type { DriftRecord, DriftSink } from '@youmi-facade/domain';

export interface DriftRecorder {
  sink: DriftSink;
  records: DriftRecord[];
  /** `[field, kind]` pairs, which is what most tests compare. */
  pairs(): [string, string][];
}

export function recordDrift(): DriftRecorder {
  const records: DriftRecord[] = [];
  return {
    sink: (record) => records.push(record),
    records,
    pairs: () => records.map((r) => [r.field, r.kind]),
  };
}

/** A copy of `base` with `field` set to `value`, or removed when `value` is ABSENT. */
export const ABSENT = Symbol('absent');

export function withField(base: object, field: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...base };
  if (value === ABSENT) delete copy[field];
  else copy[field] = value;
  return copy;
}
