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
 * Undefined for any other shape, which is then read in full. A long answer is read from its chunks as they
 * came off the socket, looking for the fields only near its two ends: unchanged, it is never copied whole.
 */
export function answerHead(
  body: Uint8Array | readonly Uint8Array[],
  windowBytes = 64 * 1024,
): AnswerHead | undefined {
  const chunks = (Array.isArray(body) ? body : [body]).map(asBuffer);
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const headCount = countUntil(chunks, windowBytes);
  const tailCount = countUntil([...chunks].reverse(), windowBytes);
  const whole = () => wholeHead(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
  if (headCount + tailCount > chunks.length) return whole();
  const head = Buffer.concat(chunks.slice(0, headCount));
  const tail = Buffer.concat(chunks.slice(chunks.length - tailCount));
  const at = head.indexOf(VALUES_KEY);
  const endInTail = tail.lastIndexOf(']');
  // The key or the last bracket lies further in: read the whole answer as one.
  if (at < 0 || endInTail < 0) return whole();
  return fingerprintOf(
    chunks,
    head.subarray(0, at),
    at,
    total - tail.length + endInTail,
    tail.subarray(endInTail + 1),
  );
}

function wholeHead(body: Buffer): AnswerHead | undefined {
  const at = body.indexOf(VALUES_KEY);
  const end = body.lastIndexOf(']');
  if (at < 0 || end < at) return undefined;
  return fingerprintOf([body], body.subarray(0, at), at, end, body.subarray(end + 1));
}

/**
 * The fingerprint of the bytes from `at` to `end` (inclusive) across `chunks`, between the two fields' texts.
 */
function fingerprintOf(
  chunks: Buffer[],
  beforeBytes: Buffer,
  at: number,
  end: number,
  afterBytes: Buffer,
): AnswerHead | undefined {
  // Each part parses as an object of its own only when it holds whole fields of the envelope itself.
  const before = fieldsOf(utf8.decode(beforeBytes).trim(), 'before');
  const after = before && fieldsOf(utf8.decode(afterBytes).trim(), 'after');
  if (!before || !after) return undefined;
  const lasting = (fields: Record<string, unknown>) =>
    JSON.stringify(Object.entries(fields).filter(([name]) => !PER_ANSWER_FIELDS.has(name)));
  const hash = createHash('sha256').update(lasting(before)).update('\n');
  let offset = 0;
  for (const chunk of chunks) {
    const from = Math.max(at - offset, 0);
    const to = Math.min(end + 1 - offset, chunk.length);
    if (from < to) hash.update(chunk.subarray(from, to));
    offset += chunk.length;
  }
  const fingerprint = hash.update('\n').update(lasting(after)).digest('base64url');
  return { fields: { ...before, ...after }, fingerprint };
}

/** How many chunks from the start hold at least `bytes` bytes (all of them when they hold fewer). */
function countUntil(chunks: readonly Buffer[], bytes: number): number {
  let held = 0;
  for (let i = 0; i < chunks.length; i += 1) {
    held += chunks[i].length;
    if (held >= bytes) return i + 1;
  }
  return chunks.length;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
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
