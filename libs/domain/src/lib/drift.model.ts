/**
 * - `unknown-field`: a field the facade does not know (dropped from the answer);
 * - `wrong-type`: a JSON type other than the documented one (or a required value missing);
 * - `unparseable`: the right JSON type but a value that cannot be read (a time that is not a time);
 * - `malformed-json`: a field that should hold JSON text and does not.
 */
export const DRIFT_KINDS = ['unknown-field', 'wrong-type', 'unparseable', 'malformed-json'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** Something the vendor sent that the facade did not expect. */
export interface DriftRecord {
  /** The vendor endpoint path as the vendor spells it (`WeCaht`, `friend/GetCustomAttributeList`). */
  endpoint: string;
  /** The vendor field name; `values` / `values[]` for the list or an item, `a[].b` inside JSON fields. */
  field: string;
  kind: DriftKind;
  /** A short excerpt of the offending value (at most 80 characters). */
  sample: string;
}

export type DriftSink = (record: DriftRecord) => void;
