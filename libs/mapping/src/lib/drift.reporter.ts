import type { DriftKind, DriftSink } from '@youmi-facade/domain';

/** Where drift goes while one vendor endpoint's records are mapped. */
export interface DriftContext {
  readonly endpoint: string;
  readonly sink: DriftSink;
}

const MAX_TEXT = 80;

export function report(ctx: DriftContext, field: string, kind: DriftKind, value: unknown): void {
  try {
    // An empty JSON key is legal; shown quoted so that the drift report never has a blank field.
    ctx.sink({
      endpoint: ctx.endpoint,
      field: field === '' ? '""' : truncate(field),
      kind,
      sample: sampleOf(value),
    });
  } catch {
    // Mapping is total: a failing sink must not turn a usable vendor answer into an error.
  }
}

/** A short, always-safe text for a drift record; never the whole value, which may be huge or hostile. */
export function sampleOf(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return truncate(value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
      return '(absent)';
    case 'symbol':
    case 'function':
      return `(${typeof value})`;
  }
  // Stryker disable next-line ConditionalExpression: Without the shortcut null falls through to
  // JSON.stringify(null), which is also the text 'null'.
  if (value === null) return 'null';
  try {
    return truncate(JSON.stringify(value) ?? '(object)');
  } catch {
    return Array.isArray(value) ? '(array)' : '(object)';
  }
}

function truncate(text: string): string {
  if (text.length <= MAX_TEXT) return text;
  let end = MAX_TEXT - 1;
  const last = text.charCodeAt(end - 1);
  // Never cut a surrogate pair in half: the sample must stay valid UTF-16 for JSON and logs.
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end) + '…';
}
