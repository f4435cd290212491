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
 * Undefined for any other shape, which is then read in full. An answer in several chunks, as they came off
 * the socket, is hashed chunk by chunk when its first holds the key and its last the closing bracket: an
 * unchanged list is never copied whole.
 */
export function answerHead(body: Uint8Array | readonly Uint8Array[]): AnswerHead | undefined {
  const chunks = (Array.isArray(body) ? body : [body]).map(asBuffer);
  if (chunks.length < 2) return wholeHead(chunks[0] ?? Buffer.alloc(0));
  const first = chunks[0];
  const last = chunks[chunks.length - 1];
  const at = first.indexOf(VALUES_KEY);
  const endInLast = last.lastIndexOf(']');
  // Stryker disable next-line EqualityOperator: at is 0 only when the bytes start with "values", which is
  // no envelope read either way.
  if (at < 0 || endInLast < 0) return wholeHead(Buffer.concat(chunks));
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const end = total - last.length + endInLast;
  return fingerprintOf(chunks, first.subarray(0, at), at, end, last.subarray(endInLast + 1));
}

function wholeHead(body: Buffer): AnswerHead | undefined {
  const at = body.indexOf(VALUES_KEY);
  const end = body.lastIndexOf(']');
  // Stryker disable next-line EqualityOperator: at is 0 only when the bytes start with "values", and the
  // text before it is then no envelope; end indexes a ] and at a ", so they are never the same index.
  if (at < 0 || end < at) return undefined;
  return fingerprintOf([body], body.subarray(0, at), at, end, body.subarray(end + 1));
}

/** The fingerprint of the bytes from `at` to `end` (inclusive) across `chunks`, between the fields' texts. */
function fingerprintOf(
  chunks: Buffer[],
  beforeBytes: Buffer,
  at: number,
  end: number,
  afterBytes: Buffer,
): AnswerHead | undefined {
  // Each part parses as an object of its own only when it holds whole fields of the envelope itself.
  const before = fieldsOf(utf8.decode(beforeBytes).trim(), 'before');
  // Stryker disable next-line StringLiteral: fieldsOf reads every side but 'before' as the side after.
  const after = before && fieldsOf(utf8.decode(afterBytes).trim(), 'after');
  if (!before || !after) return undefined;
  const lasting = (fields: Record<string, unknown>) =>
    JSON.stringify(Object.entries(fields).filter(([name]) => !PER_ANSWER_FIELDS.has(name)));
  // Stryker disable next-line StringLiteral: Each part hashed is self-delimiting (JSON arrays of fields, the
  // bytes from "values" to the last ]), so the separator never decides whether two answers hash alike.
  const hash = createHash('sha256').update(lasting(before)).update('\n');
  let offset = 0;
  for (const chunk of chunks) {
    // Clamped to the chunk: a range that misses it is empty, never counted from its end.
    hash.update(chunk.subarray(Math.max(at - offset, 0), Math.max(end + 1 - offset, 0)));
    offset += chunk.length;
  }
  // Stryker disable next-line StringLiteral: the separator never decides, as above.
  const fingerprint = hash.update('\n').update(lasting(after)).digest('base64url');
  return { fields: { ...before, ...after }, fingerprint };
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** `{"a":1,` (the fields before `values`) or `,"b":2}` (those after) as an object. */
function fieldsOf(text: string, side: 'before' | 'after'): Record<string, unknown> | undefined {
  let json: string;
  // Stryker disable StringLiteral: The fallback '' is there only to fail JSON.parse, which the mutant's text
  // fails as well.
  if (side === 'before') json = text === '{' ? '{}' : text.endsWith(',') ? `${text.slice(0, -1)}}` : '';
  else json = text === '}' ? '{}' : text.startsWith(',') ? `{${text.slice(1)}` : '';
  // Stryker restore StringLiteral
  // Stryker disable BlockStatement: An empty catch also answers undefined, which is what the function answers
  // when its end is reached.
  try {
    const fields: unknown = JSON.parse(json);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: What is parsed here always starts with
    // '{' (or is '' and throws), so a value that parses is always an object: never null, never an array.
    return fields !== null && typeof fields === 'object' && !Array.isArray(fields)
      ? (fields as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
  // Stryker restore BlockStatement
}
