import type { DriftSink } from '@youmi-facade/domain';
import type { VendorEndpointName } from '@youmi-facade/vendor-client/wire';
import { VENDOR_ENDPOINTS, WIRE_FIELDS } from '@youmi-facade/vendor-client/wire';
import type { DriftContext } from './drift.reporter';
import { report } from './drift.reporter';

// Bound once: looking a global up on every call is slow inside vm contexts such as jest's.
const { isArray } = Array;
const { hasOwnProperty } = Object.prototype;

/** A vendor record as it arrives: the wire type's field names, every value still unchecked. */
export type RawRecord<T> = { readonly [K in keyof T]?: unknown };

/** What a mapper needs to know about one vendor endpoint. */
export interface EndpointFields {
  readonly endpoint: string;
  /**
   * Every field of the endpoint's wire field table, deprecated ones included: everything that is not drift.
   */
  readonly known: ReadonlySet<string>;
}

export function endpointFields(name: VendorEndpointName): EndpointFields {
  return { endpoint: VENDOR_ENDPOINTS[name].path, known: new Set(Object.keys(WIRE_FIELDS[name])) };
}

export function driftContext(fields: EndpointFields, sink: DriftSink): DriftContext {
  return { endpoint: fields.endpoint, sink };
}

export function isRecord(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !isArray(value);
}

/** Fields neither read nor deprecated are dropped by construction; here they are only recorded. */
export function reportUnknownFields(
  raw: object,
  known: ReadonlySet<string>,
  ctx: DriftContext,
  prefix = '',
): void {
  for (const key in raw) {
    if (!known.has(key) && hasOwnProperty.call(raw, key)) {
      report(ctx, prefix + key, 'unknown-field', (raw as Record<string, unknown>)[key]);
    }
  }
}

export type RecordMapper<T> = (raw: object, ctx: DriftContext) => T | null;

/** One record, or null (with drift) when it is not an object or cannot be read at all. */
export function mapRecord<T>(raw: unknown, ctx: DriftContext, mapper: RecordMapper<T>): T | null {
  if (!isRecord(raw)) {
    report(ctx, 'values[]', 'wrong-type', raw);
    return null;
  }
  try {
    return mapper(raw, ctx);
  } catch {
    // Only a hostile non-JSON object (a throwing getter, a revoked proxy) gets here.
    report(ctx, 'values[]', 'wrong-type', '(unreadable record)');
    return null;
  }
}

/** The usable records of a vendor `values` list; null or absent is an empty list. */
export function mapRecords<T>(values: unknown, ctx: DriftContext, mapper: RecordMapper<T>): T[] {
  const out: T[] = [];
  if (values === null || values === undefined) return out;
  if (!isArray(values)) {
    report(ctx, 'values', 'wrong-type', values);
    return out;
  }
  try {
    for (let i = 0; i < values.length; i++) {
      const mapped = mapRecord(values[i], ctx, mapper);
      if (mapped !== null) out.push(mapped);
    }
  } catch {
    report(ctx, 'values', 'wrong-type', '(unreadable list)');
  }
  return out;
}
