import { createHash } from 'node:crypto';

const VALUES_KEY = Buffer.from('"values"');
const utf8 = new TextDecoder();
/** Fields that differ in every answer, even when the data does not. */
const PER_ANSWER_FIELDS = new Set(['msgTime', 'requestId']);

/** An answer's text, as Response#text reads it (unlike Buffer#toString, without a byte-order mark). */
export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

export interface AnswerHead {
  /** The envelope's fields but `values`. */
  fields: Record<string, unknown>;
  /** Equal for two answers exactly when they are equal but for `msgTime` and `requestId`. */
  fingerprint: string;
}

/**
 * Reads the fields around `values` of an answer shaped as the vendor sends it (a values array between
 * scalar fields) and fingerprints the answer from its bytes: the values need not be decoded nor parsed
 * to know that they did not change (the operator-account list is megabytes, read every poll).
 * Undefined for any other shape, which is then read in full.
 */
export function answerHead(bytes: Uint8Array): AnswerHead | undefined {
  const body = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = body.indexOf(VALUES_KEY);
  const end = body.lastIndexOf(']');
  if (at < 0 || end < at) return undefined;
  // Each part parses as an object of its own only when it holds whole fields of the envelope itself.
  const before = fieldsOf(utf8.decode(body.subarray(0, at)).trim(), 'before');
  const after = before && fieldsOf(utf8.decode(body.subarray(end + 1)).trim(), 'after');
  if (!before || !after) return undefined;
  const lasting = (fields: Record<string, unknown>) =>
    JSON.stringify(Object.entries(fields).filter(([name]) => !PER_ANSWER_FIELDS.has(name)));
  const fingerprint = createHash('sha256')
    .update(lasting(before))
    .update('\n')
    .update(body.subarray(at, end + 1))
    .update('\n')
    .update(lasting(after))
    .digest('base64url');
  return { fields: { ...before, ...after }, fingerprint };
}

/** `{"a":1,` (the fields before `values`) or `,"b":2}` (those after) as an object. */
function fieldsOf(text: string, side: 'before' | 'after'): Record<string, unknown> | undefined {
  let json: string;
  if (side === 'before') json = text === '{' ? '{}' : text.endsWith(',') ? `${text.slice(0, -1)}}` : '';
  else json = text === '}' ? '{}' : text.startsWith(',') ? `{${text.slice(1)}` : '';
  try {
    const fields: unknown = JSON.parse(json);
    return fields !== null && typeof fields === 'object' && !Array.isArray(fields)
      ? (fields as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
